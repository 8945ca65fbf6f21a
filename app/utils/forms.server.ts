import { json } from '@remix-run/node';
import type { z } from 'zod';

/** Field → translation key (common:errors.*, or `<namespace>:<key>`) for the first problem with each field. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message && /^([a-z]+:)?[a-zA-Z][a-zA-Z0-9.]*$/.test(issue.message) ? issue.message : 'invalid';
  }
  return out;
}

/**
 * Like fieldErrors, but a problem inside a group keeps its place: a repeated row and its field
 * ("costs.1.amount") or a nested field ("venue.address"), so the form can show it beside the input it
 * is about.
 */
export function nestedFieldErrors(error: z.ZodError, groups: readonly string[]): FieldErrors {
  const out = fieldErrors(error);
  for (const issue of error.issues) {
    if (!groups.includes(String(issue.path[0])) || issue.path.length < 2) continue;
    const key = issue.path.slice(0, 3).map(String).join('.');
    out[key] ??= issue.message && /^([a-z]+:)?[a-zA-Z][a-zA-Z0-9.]*$/.test(issue.message) ? issue.message : 'invalid';
    // The error summary links to the exact input instead of the group as a whole.
    delete out[String(issue.path[0])];
  }
  return out;
}

/**
 * The values a message needs ("{{date}} is a {{weekday}}"), for the fields whose first problem carries
 * them (a custom zod issue's `params`), keyed like nestedFieldErrors.
 */
export function fieldErrorParams(error: z.ZodError, groups: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const nested = groups.includes(String(issue.path[0])) && issue.path.length >= 2;
    const key = nested ? issue.path.slice(0, 3).map(String).join('.') : String(issue.path[0] ?? 'form');
    if (seen.has(key)) continue;
    seen.add(key);
    if (issue.code === 'custom' && issue.params) out[key] = issue.params;
  }
  return out;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: ReturnType<typeof formError> };

/**
 * Parses a form with zod. On failure it gives the 400 response to return from the action (with the
 * translated-error keys per field and the values to refill), so the form shows them in place.
 */
export async function parseForm<S extends z.ZodType>(request: Request | FormData, schema: S): Promise<Parsed<z.infer<S>>> {
  const form = request instanceof FormData ? request : await request.formData();
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, response: formError(fieldErrors(parsed.error), values) };
  return { ok: true, data: parsed.data };
}

export function formError(errors: FieldErrors, values: Record<string, string> = {}, status = 400) {
  const { password: _p, ...safeValues } = values;
  return json({ errors, values: safeValues }, { status });
}

/**
 * The client's address for rate limits (hashed before it is stored): Express's `req.ip`, which app/server.ts
 * puts in the load context and which honours X-Forwarded-For only as far as TRUST_PROXY says. Never read
 * from the request's headers, which the client writes. Without one (a test calling an action directly)
 * every caller counts as one unknown address.
 */
export function clientAddress(context: { clientAddress?: unknown } | undefined) {
  const address = context?.clientAddress;
  return typeof address === 'string' && address ? address : 'unknown';
}

/** A positive integer from the path, or a 404 (never a 500 for a bad address). */
export function idParam(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new Response('Not found', { status: 404 });
  return n;
}

/** A uuid from the path, or a 404: PostgreSQL would refuse anything else with a 500. */
export function uuidParam(value: string | undefined): string {
  if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Response('Not found', { status: 404 });
  return value.toLowerCase();
}

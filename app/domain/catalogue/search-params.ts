import { z } from 'zod';
import { adaptations, categories, leaderLanguages } from './taxonomy';

// The search's whole state lives in the address (DESIGN.md: "Addresses people share"). Each parameter is
// parsed on its own: a bad value is dropped and reported, the rest of the search still works.
export const sortings = ['relevans', 'naer', 'pris', 'nylig'] as const;
export const PAGE_SIZE = 20;

const flag = z.enum(['1', 'true', 'on']).transform(() => true);
const fields = {
  q: z.string().trim().max(100),
  alder: z.coerce.number().int().min(0).max(25),
  kategori: z.array(z.enum(categories)),
  kommune: z.string().regex(/^[a-z0-9-]{2,40}$/),
  omrade: z.string().regex(/^[a-z0-9-]{2,40}$/),
  dag: z.array(z.coerce.number().int().min(1).max(7)),
  maks_pris: z.coerce.number().int().min(0).max(1_000_000),
  gratis: flag,
  prove: flag,
  utlan: flag,
  stotte: flag,
  dropin: flag,
  nybegynner: flag,
  tilrettelagt: z.array(z.enum(adaptations)),
  sprak: z.enum(leaderLanguages),
  kjonn: z.enum(['girls', 'boys']),
  sortering: z.enum(sortings),
  side: z.coerce.number().int().min(1).max(10_000),
  lat: z.coerce.number().min(57).max(72),
  lon: z.coerce.number().min(4).max(32),
};
const multi = new Set(['kategori', 'dag', 'tilrettelagt']);

export type SearchParams = { [K in keyof typeof fields]?: z.infer<(typeof fields)[K]> };

export function parseSearchParams(params: URLSearchParams): { params: SearchParams; invalid: string[] } {
  const out: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [name, schema] of Object.entries(fields)) {
    const raw = multi.has(name) ? params.getAll(name).filter((v) => v !== '') : params.get(name);
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) continue;
    const parsed = (schema as z.ZodType).safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else invalid.push(name);
  }
  if (out.q === '') delete out.q;
  return { params: out as SearchParams, invalid };
}

/** Back to a query string, in a stable order, leaving out what is empty (used by paging and "remove filter" links). */
export function toQueryString(params: SearchParams, extra: Record<string, string> = {}) {
  const sp = new URLSearchParams();
  for (const name of Object.keys(fields)) {
    const value = params[name as keyof SearchParams];
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) value.forEach((v) => sp.append(name, String(v)));
    else sp.set(name, value === true ? '1' : String(value));
  }
  for (const [k, v] of Object.entries(extra)) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { isUnreachableError, queryOutcomes } from '../../db/client';
import { directionOf } from '../i18n';
import { getFixedT, getLocale } from '../i18n.server';
import { database } from './db.server';
import { log } from './log.server';

// While PostgreSQL is away (a restart, a failover), a page that needs it answers 503 with Retry-After
// and a short page in the reader's language, never a 500 (docs/decisions/012-surviving-database-restarts.md).

/** Seconds a client (or the page itself, by refreshing) should wait before asking again. */
export const RETRY_AFTER_SECONDS = 5;
// A probe's answer is reused this long: during an outage every failing request asks, and one
// `select 1` per quarter second is enough. Short, so that the first request after the return passes.
const PROBE_TTL_MS = 250;
// Longer than a healthy round trip under load, shorter than anyone waits for a page.
const PROBE_TIMEOUT_MS = 1_000;

let last: { reachable: boolean; at: number } | undefined;
let inFlight: Promise<boolean> | undefined;

/**
 * Whether the database answers `select 1` within a second, asked at most every 250 ms and shared by
 * everyone asking meanwhile. A timeout counts as unreachable: a pool that cannot run `select 1` within
 * a second cannot serve pages either.
 */
export function databaseReachable(): Promise<boolean> {
  if (last && Date.now() - last.at < PROBE_TTL_MS) return Promise.resolve(last.reachable);
  inFlight ??= probe().finally(() => (inFlight = undefined));
  return inFlight;
}

async function probe() {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, PROBE_TIMEOUT_MS, false)));
  const answer = database()
    .query<{ ok: number }>('select 1 as ok')
    .then((rows) => rows.length === 1)
    .catch(() => false);
  const reachable = await Promise.race([answer, timeout]);
  clearTimeout(timer);
  if ((last?.reachable ?? true) !== reachable) log[reachable ? 'info' : 'warn'](reachable ? 'database.reachable' : 'database.unreachable', {});
  last = { reachable, at: Date.now() };
  return reachable;
}

/**
 * For the Remix side: true for an error that says the database could not be reached. `handleError` in
 * app/entry.server.tsx can log these as a warning instead of an error; the response itself is mapped
 * to 503 by databaseOutage() below.
 */
export const isDatabaseUnavailableError = isUnreachableError;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 503 itself: a short page in the reader's language for a browser, one line of text otherwise. */
export async function unavailableResponse(request: Request): Promise<Response> {
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'common');
  const headers = { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
  const url = new URL(request.url);
  // A page reloads itself once the wait is over; a form that was sent is not sent again by itself.
  const sent = request.method !== 'GET' && request.method !== 'HEAD';
  const bodyKey = sent ? 'error.unavailable.notSaved' : 'error.unavailable.body';
  const wantsPage = (request.headers.get('accept') ?? '').includes('text/html') && !url.searchParams.has('_data');
  if (!wantsPage) {
    return new Response(`${t('error.unavailable.title')}. ${t(bodyKey)}\n`, {
      status: 503,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const [title, body, retry] = [t('error.unavailable.title'), t(bodyKey), t('error.unavailable.retry')].map(escapeHtml);
  const refresh = sent ? '' : `<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">`;
  // No script and no stylesheet: the page must not depend on anything else this server would render.
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}<title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-inline-size: 36rem; margin: 3rem auto; padding-inline: 1rem; line-height: 1.5">
<h1>${title}</h1>
<p>${body}</p>
<p><a href="${escapeHtml(url.pathname + url.search)}">${retry}</a></p>
</body>
</html>
`;
  return new Response(html, { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * Express middleware, mounted just before the Remix handler. A response about to go out as a 500 is
 * held back until we know whether the database was to blame: a query of this request failed because
 * the database could not be reached (db/client.ts notes it in `queryOutcomes`), or, failing that, the
 * database does not answer a probe now (shared, at most 1 s). Then the 503 page goes out instead, with
 * the headers the response had before the app added its own (the security headers). A 500 while the
 * database answers is left alone: that is a bug to see, not an outage. Other 5xx statuses were chosen
 * by the app (/readyz's 503) and pass unchanged.
 *
 * Remix catches a loader's error and renders its error page with status 500 before any code of ours
 * sees the response, and does not pass the error on; this works the same for documents, `?_data`
 * requests and resource routes.
 */
export function databaseOutage() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const outcome = { unreachable: false };
    const before = res.getHeaders();
    const write = res.write;
    const end = res.end;
    const held: { end: boolean; args: unknown[] }[] = [];
    let state: 'open' | 'holding' | 'passed' | 'replaced' = 'open';

    const forward = (isEnd: boolean, args: unknown[]) =>
      isEnd ? (end as (...a: unknown[]) => ExpressResponse).apply(res, args) : (write as (...a: unknown[]) => boolean).apply(res, args);
    const intercept = (isEnd: boolean, args: unknown[]) => {
      if (state === 'open') {
        if (res.headersSent || res.statusCode !== 500) {
          pass();
          return forward(isEnd, args);
        }
        state = 'holding';
        void decide();
      }
      // After a replacement the app may still be streaming its error page: swallowed, as a write
      // after end would raise an error event on the response.
      if (state === 'holding') held.push({ end: isEnd, args });
      return isEnd ? res : true;
    };
    const pass = () => {
      state = 'passed';
      res.write = write;
      res.end = end;
    };
    async function decide() {
      if (!outcome.unreachable && (await databaseReachable())) {
        pass();
        for (const h of held) forward(h.end, h.args);
        return;
      }
      state = 'replaced';
      try {
        const response = await unavailableResponse(toFetchRequest(req));
        for (const name of res.getHeaderNames()) if (!(name in before)) res.removeHeader(name);
        for (const [name, value] of Object.entries(before)) if (value !== undefined) res.setHeader(name, value);
        res.statusCode = 503;
        res.statusMessage = 'Service Unavailable';
        response.headers.forEach((value, name) => res.setHeader(name, value));
        (end as (chunk: string) => ExpressResponse).call(res, req.method === 'HEAD' ? '' : await response.text());
      } catch {
        res.destroy();
      }
    }

    res.write = function (...args: unknown[]) {
      return intercept(false, args) as boolean;
    } as ExpressResponse['write'];
    res.end = function (...args: unknown[]) {
      return intercept(true, args) as ExpressResponse;
    } as unknown as ExpressResponse['end'];
    queryOutcomes.run(outcome, next);
  };
}

function toFetchRequest(req: ExpressRequest) {
  const headers = new Headers();
  for (const name of ['accept', 'accept-language', 'cookie']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  // The method only tells a page view from a form that was sent; the body is not needed.
  const method = req.method === 'GET' || req.method === 'HEAD' ? req.method : 'POST';
  return new Request(new URL(req.originalUrl, 'http://local'), { method, headers });
}

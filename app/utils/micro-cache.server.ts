import type { NextFunction, Request, Response } from 'express';
import { isLanguage } from '../i18n';
import { getLocale, languageCookie } from '../i18n.server';

// A micro-cache for public pages: a page a route marks with `X-Micro-Cache: <seconds>` (see
// publicPageHeaders) is kept in memory for that long and served again to anonymous visitors in the
// same language. Many families open the same few pages (a category from the school newsletter, the
// front page); rendering each one again costs 30–50 ms of CPU, serving it from here well under one.
//
// What it never does:
// - serve or store anything for a request with a session cookie (signed-in pages are per person);
// - keep a Set-Cookie (the language cookie is set again on each hit that asks for it), or anything
//   but a 200;
// - reuse a CSP nonce: the nonce is swapped for this response's fresh one on every hit;
// - outlive a change: a successful write by a signed-in user (POST and the like) empties it, so a club
//   that publishes sees its page at once. Several servers each keep their own, so the staleness is at
//   most the TTL;
// - mix hosts: the Host / X-Forwarded-Host is in the key.

export const MICRO_CACHE_HEADER = 'x-micro-cache';
const NONCE_SLOT = '\u0000nonce\u0000';
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?fp_session=/;
// A flash message (session.server.ts) is one person's: such a request is neither served from here nor kept.
const FLASH_COOKIE = /(?:^|;\s*)(?:__Host-)?fp_flash=/;
const DROPPED_HEADERS = new Set([MICRO_CACHE_HEADER, 'set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'content-security-policy', 'strict-transport-security']);

type Entry = { expires: number; status: number; headers: Record<string, string | string[]>; body: string };

export function microCache(options: { maxEntries?: number; maxBytes?: number; maxTotalBytes?: number } = {}) {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  // Any query string makes a new key: the whole cache is bounded in bytes too, not only in pages.
  const maxTotalBytes = options.maxTotalBytes ?? 48 * 1024 * 1024;
  let totalBytes = 0;
  const entries = new Map<string, Entry>();
  const remove = (key: string) => {
    const e = entries.get(key);
    if (e) totalBytes -= e.body.length;
    entries.delete(key);
  };
  const clear = () => {
    entries.clear();
    totalBytes = 0;
  };
  // Renders under way, so that visitors asking for the same page at the same moment wait for one
  // render instead of each starting their own (a popular page just expired, a link in a newsletter).
  const pending = new Map<string, Promise<void>>();
  // Only where pages have been cacheable before (by first path segment, e.g. /aktiviteter), so that
  // concurrent requests to other addresses (/healthz, a sign-in page) never wait for each other.
  const cacheableSections = new Set<string>();
  const sectionOf = (url: string) => url.split(/[/?]/)[1] ?? '';

  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    const signedIn = SESSION_COOKIE.test(req.headers.cookie ?? '');
    if (req.method !== 'GET') {
      // What public pages show is changed by signed-in people (clubs, the kommune): forget the pages
      // once such a write has succeeded. Anonymous posts (a sign-up, a consent) change no public page.
      if (signedIn && req.method !== 'HEAD' && req.method !== 'OPTIONS') res.on('finish', () => res.statusCode < 400 && clear());
      return next();
    }
    if (signedIn || FLASH_COOKIE.test(req.headers.cookie ?? '')) return next();
    const nonce = String(res.locals.cspNonce ?? '');
    const locale = await getLocale(new globalThis.Request(`http://local${req.originalUrl}`, { headers: { cookie: req.headers.cookie ?? '', 'accept-language': req.headers['accept-language'] ?? '' } }));
    // The host is part of the page (absolute links), so it is part of the key: a forged Host or
    // X-Forwarded-Host header gets its own entry and can never reach another visitor.
    const key = `${locale} ${req.protocol}://${req.get('x-forwarded-host') ?? req.get('host') ?? ''}${req.originalUrl}`;
    const chosen = new URL(req.originalUrl, 'http://local').searchParams.get('lng');

    const coalesce = cacheableSections.has(sectionOf(req.originalUrl));
    const rendering = coalesce ? pending.get(key) : undefined;
    if (rendering) await rendering;
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      // Most recently used last, so the oldest is the first to go when the map is full.
      entries.delete(key);
      entries.set(key, hit);
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value);
      if (isLanguage(chosen)) res.append('Set-Cookie', await languageCookie.serialize(chosen));
      res.setHeader('X-Cache', 'hit');
      res.status(hit.status).send(nonce ? hit.body.replaceAll(NONCE_SLOT, nonce) : hit.body);
      return;
    }
    if (hit) remove(key);
    if (coalesce && !pending.has(key)) {
      // Released when the page has been sent, or after five seconds at most, so that one slow reader
      // never holds back everyone else asking for the same page.
      const done = new Promise<void>((resolve) => {
        res.once('finish', resolve);
        res.once('close', resolve);
        setTimeout(resolve, 5_000).unref();
      });
      pending.set(key, done);
      void done.then(() => pending.get(key) === done && pending.delete(key));
    }

    // A miss: let the page render, and keep a copy of what went out if the route allowed it.
    let ttl = 0;
    let headers: Record<string, string | string[]> | null = null;
    const chunks: Buffer[] = [];
    let size = 0;
    // Read (and hide) the route's mark as the headers go out: on the first write, or at `end` for a
    // body sent in one piece.
    const captureHeaders = () => {
      if (headers) return;
      ttl = Number(res.getHeader(MICRO_CACHE_HEADER) ?? 0);
      res.removeHeader(MICRO_CACHE_HEADER);
      res.setHeader('X-Cache', 'miss');
      headers = Object.fromEntries(
        Object.entries(res.getHeaders())
          .filter(([name]) => !DROPPED_HEADERS.has(name) && name !== 'x-cache')
          .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]),
      );
    };
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      captureHeaders();
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > maxBytes) return;
      // Always a copy: the renderer may reuse the memory of a chunk it has handed over.
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      chunks.push(buffer);
    };
    const write = res.write;
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Response['write'];
    const end = res.end;
    res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      if (!res.headersSent) captureHeaders();
      if (ttl > 0 && headers && res.statusCode === 200 && size <= maxBytes) {
        const body = Buffer.concat(chunks).toString('utf8');
        remove(key);
        entries.set(key, { expires: Date.now() + ttl * 1000, status: 200, headers, body: nonce ? body.replaceAll(nonce, NONCE_SLOT) : body });
        totalBytes += body.length;
        cacheableSections.add(sectionOf(req.originalUrl));
        while (entries.size > maxEntries || totalBytes > maxTotalBytes) remove(entries.keys().next().value!);
      }
      return (end as (...a: unknown[]) => Response).call(this, chunk, ...rest);
    } as Response['end'];
    next();
  };
  return Object.assign(middleware, { clear, size: () => entries.size });
}

/** For a route's `headers` export: this page is the same for every anonymous visitor, cache it briefly. */
export const publicPageHeaders = () => ({ [MICRO_CACHE_HEADER]: '10' });

import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { directionOf, isLanguage } from '~/i18n';
import { getFixedT, getLocale } from '~/i18n.server';
import { MAX_UPLOAD_BYTES } from '~/utils/upload.server';

// Checks at the door, before Remix sees a request (docs/decisions/013-http-guards.md): a cap on requests
// in flight, a well-formed address, a same-origin write, a form's content type, and a bounded body.
// Each refusal is a 4xx (or a 503 when full) with a short page in the reader's language, never a 500.

export const GUARD_LIMITS = {
  /** Requests answered at once; above it, 503 at once instead of a queue. */
  maxInFlight: 64,
  /** An ordinary form: a sign-up with its longest message is under 4 kB. */
  formBytes: 64 * 1024,
  /** The CSV imports: the file (upload.server.ts) and the multipart framing around it. */
  uploadBytes: MAX_UPLOAD_BYTES + 64 * 1024,
  retryAfterSeconds: 5,
} as const;

/** Routes that take a file: multipart bodies and the larger limit. */
const UPLOAD_ROUTES = [/^\/klubb\/[^/]+\/import\/?$/, /^\/kommune\/[^/]+\/import\/?$/];
/** Never counted: a supervisor restarts the process when /healthz fails, which a full server is not. */
const UNCAPPED = new Set(['/healthz']);

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

type Refusal = 'badRequest' | 'crossSite' | 'unsupportedType' | 'tooLarge' | 'busy';
const STATUS: Record<Refusal, number> = { badRequest: 400, crossSite: 403, unsupportedType: 415, tooLarge: 413, busy: 503 };

export interface GuardOptions {
  /** The portal's own address (publicUrl()); the only origin that may write. */
  publicUrl: string;
  maxInFlight?: number;
  formBytes?: number;
  uploadBytes?: number;
}

/** MAX_IN_FLIGHT from the environment, or the default when it is unset or not a positive integer. */
export function maxInFlightFromEnv(value = process.env.MAX_IN_FLIGHT) {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : GUARD_LIMITS.maxInFlight;
}

export function httpGuards(options: GuardOptions) {
  const own = new URL(options.publicUrl).origin;
  const maxInFlight = options.maxInFlight ?? maxInFlightFromEnv();
  const formBytes = options.formBytes ?? GUARD_LIMITS.formBytes;
  const uploadBytes = options.uploadBytes ?? GUARD_LIMITS.uploadBytes;
  let inFlight = 0;

  const middleware = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const [path, query] = splitUrl(req.originalUrl);
    if (!UNCAPPED.has(path)) {
      if (inFlight >= maxInFlight) return void refuse(req, res, 'busy');
      inFlight++;
      let counted = true;
      res.once('close', () => {
        if (counted) inFlight--;
        counted = false;
      });
    }

    if (!decodesCleanly(path) || !decodesCleanly(query)) return void refuse(req, res, 'badRequest');

    const writes = req.method !== 'GET' && req.method !== 'HEAD';
    if (writes && !sameOrigin(req, own)) return void refuse(req, res, 'crossSite');

    const upload = UPLOAD_ROUTES.some((r) => r.test(path));
    const type = mediaType(req.headers['content-type']);
    if (writes && !(type === FORM || (upload && type === MULTIPART))) return void refuse(req, res, 'unsupportedType');

    const limit = upload ? uploadBytes : formBytes;
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) return void refuse(req, res, 'tooLarge');
    if (declared !== undefined || req.headers['transfer-encoding'] !== undefined) {
      watchBody(req, res, limit, type === FORM ? NUL_OR_ESCAPED_NUL : type === MULTIPART ? NUL : undefined);
    }
    next();
  };
  return Object.assign(middleware, { inFlight: () => inFlight });
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf('?');
  return q === -1 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)];
}

/**
 * False for a malformed escape (`%ZZ`, a cut-off or invalid UTF-8 sequence) and for a NUL, raw or as
 * `%00`: PostgreSQL cannot store or compare a text with a NUL in it, and answers with an error.
 */
function decodesCleanly(part: string) {
  if (part.includes('\0')) return false;
  if (!part.includes('%')) return true;
  try {
    return !decodeURIComponent(part).includes('\0');
  } catch {
    return false;
  }
}

const mediaType = (value: string | undefined) => (value ?? '').split(';')[0].trim().toLowerCase();

/**
 * The request comes from one of the portal's own pages: its Origin, or without one its Referer, has
 * the origin of PUBLIC_URL. `Origin: null` (a sandboxed frame, a data: page, a redirect from elsewhere)
 * and a request with neither header are refused: every browser sends Origin on a cross-site POST.
 */
function sameOrigin(req: ExpressRequest, own: string) {
  const origin = req.headers.origin;
  const claimed = origin ?? req.headers.referer;
  if (!claimed || claimed === 'null' || originOf(claimed) !== own) return false;
  // Remix aborts a document action with a 500 when Origin's host differs from X-Forwarded-Host / Host
  // (server-runtime's throwIfPotentialCSRFAttack): refused here instead, with the same rule.
  if (origin && !new URL(req.originalUrl, 'http://local').searchParams.has('_data')) {
    const host = req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host');
    if (new URL(origin).host !== host) return false;
  }
  return true;
}

function originOf(value: string) {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

const NUL = (bytes: Buffer) => bytes.includes(0);
// In a urlencoded form a NUL travels as `%00` (or raw); either ends up in a text column.
const NUL_OR_ESCAPED_NUL = (bytes: Buffer) => bytes.includes(0) || bytes.includes('%00');

/**
 * Counts the body's bytes as Node's HTTP parser hands them to the request stream (its `push`), which
 * is the stream @remix-run/express gives Remix. Past the limit, or at a NUL in a form, nothing more
 * goes on to the reader: the refusal goes out, and the stream fails once the connection closes, so
 * that whatever was reading it gets an error, never a shortened body that looks complete.
 */
function watchBody(req: ExpressRequest, res: ExpressResponse, limit: number, forbidden?: (bytes: Buffer) => boolean) {
  let seen = req.readableLength;
  let tail: Buffer = Buffer.alloc(0);
  let stopped = false;
  const push = req.push;
  req.push = function (chunk: unknown, encoding?: BufferEncoding) {
    // Dropped, but still read off the wire while the connection lingers (see lingerAndClose).
    if (stopped) return true;
    if (chunk !== null && chunk !== undefined) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, encoding);
      seen += bytes.length;
      // With the two bytes before this chunk, so that a `%00` split across chunks is seen too.
      const bad = forbidden && (forbidden(bytes) || (tail.length > 0 && forbidden(Buffer.concat([tail, bytes.subarray(0, 2)]))));
      tail = bytes.subarray(Math.max(0, bytes.length - 2));
      if (seen > limit || bad) {
        stopped = true;
        const reason: Refusal = bad ? 'badRequest' : 'tooLarge';
        if (res.headersSent) req.destroy(bodyRefused(reason));
        else void refuse(req, res, reason).then((sent) => (sent ? silence(res) : req.destroy(bodyRefused(reason))));
        return true;
      }
    }
    return push.call(this, chunk, encoding);
  };
}

const bodyRefused = (reason: Refusal) => Object.assign(new Error(`request body refused: ${reason}`), { status: STATUS[reason] });

// How long a refused body may keep arriving after the answer, before the connection is closed.
const LINGER_MS = 1_000;

/**
 * Closing a connection while the client is still sending makes the kernel answer with a reset, and a
 * client that gets a reset may lose the answer it had not yet read (the reason for nginx's lingering
 * close). After a refusal of a body still arriving, this connection instead ends its side, drops what
 * still comes for up to a second (or until the client ends its side), then closes; the body's stream
 * fails then, with the refusal as its error.
 */
function lingerAndClose(req: ExpressRequest, reason: Refusal) {
  const socket = req.socket;
  // Node calls destroySoon once a `Connection: close` answer has been written.
  socket.destroySoon = function (this: typeof socket) {
    const close = () => {
      clearTimeout(timer);
      req.destroy(bodyRefused(reason));
      this.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    this.once('end', close);
    this.end();
  };
}

/**
 * Once a refusal has gone out in the middle of a body, Remix still finishes its own answer (an error,
 * as the body failed): everything it sets or writes after that is dropped, instead of raising
 * ERR_HTTP_HEADERS_SENT.
 */
function silence(res: ExpressResponse) {
  const quiet = function (this: ExpressResponse) {
    return this;
  };
  Object.assign(res, { append: quiet, set: quiet, header: quiet, setHeader: quiet, writeHead: quiet, flushHeaders: quiet, end: quiet, write: () => true });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal: a short page in the reader's language for a browser, one line of text otherwise. */
async function refuse(req: ExpressRequest, res: ExpressResponse, reason: Refusal): Promise<boolean> {
  const status = STATUS[reason];
  let locale = 'nb';
  let title: string = reason;
  let body = '';
  let home = '/';
  try {
    const headers = new Headers();
    for (const name of ['accept-language', 'cookie']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    // The address may be the malformed thing itself: only a known ?lng= is taken from it.
    const lng = new URL(req.originalUrl, 'http://local').searchParams.get('lng');
    locale = await getLocale(new Request(`http://local/${isLanguage(lng) ? `?lng=${lng}` : ''}`, { headers }));
    const t = await getFixedT(locale, 'http');
    title = t(`${reason}.title`);
    body = t(`${reason}.body`);
    home = (await getFixedT(locale, 'common'))('error.home');
  } catch {
    // An unreadable language header still gets its refusal, in bokmål's key names.
  }
  if (res.headersSent) return false;
  res.status(status);
  res.setHeader('Cache-Control', 'no-store');
  if (reason === 'busy') res.setHeader('Retry-After', String(GUARD_LIMITS.retryAfterSeconds));
  // A body that was not read is not read afterwards either: the connection ends with this answer.
  if (!req.complete) {
    res.setHeader('Connection', 'close');
    lingerAndClose(req, reason);
  }
  const dataRequest = /[?&]_data(=|&|$)/.test(req.originalUrl);
  // Remix's client shows its error boundary for an answer marked as a thrown response.
  if (dataRequest) res.setHeader('X-Remix-Catch', 'yes');
  if (dataRequest || !(req.headers.accept ?? '').includes('text/html')) {
    res.type('text/plain; charset=utf-8').send(`${title}. ${body}\n`);
    return true;
  }
  const [h1, p, link] = [title, body, home].map(escapeHtml);
  res.type('text/html; charset=utf-8').send(`<!DOCTYPE html>
<html lang="${escapeHtml(locale)}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h1}</title></head>
<body style="font-family: system-ui, sans-serif; max-inline-size: 36rem; margin: 3rem auto; padding-inline: 1rem; line-height: 1.5">
<h1>${h1}</h1>
<p>${p}</p>
<p><a href="/">${link}</a></p>
</body>
</html>
`);
  return true;
}

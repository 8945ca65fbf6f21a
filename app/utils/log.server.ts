import type { ErrorRequestHandler } from 'express';

// Structured logs with event names and ids only: never a person's name, contact or a full URL with a token.
type Fields = Record<string, string | number | boolean | null | undefined>;

const LEVELS = { info: 0, warn: 1, error: 2, silent: 3 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;

/** LOG_LEVEL (`info` by default, `warn`, `error`, `silent`): the least level written. Read per line, so tests may change it. */
function wanted(level: Level) {
  const least = LEVELS[(process.env.LOG_LEVEL ?? 'info') as keyof typeof LEVELS] ?? LEVELS.info;
  return LEVELS[level] >= least;
}

// Errors to stderr, the rest to stdout: one JSON object per line either way (docs/operations.md, logs).
function write(level: Level, event: string, fields: Fields) {
  if (!wanted(level)) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};

export type ErrorFields = {
  error: string;
  cause?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  status?: number;
  message?: string;
  stack?: string;
};

// A database error's message, detail, query and parameters quote the values of the row (an e-mail, a
// name, a password hash, a search text); only what names the schema and the kind of failure is kept.
const DB_CLASSES = new Set(['DrizzleQueryError', 'DrizzleError', 'TransactionRollbackError', 'PostgresError', 'DatabaseError']);
const DB_PROPERTIES = ['query', 'parameters', 'params', 'detail', 'severity', 'constraint_name', 'table_name', 'internalQuery', 'where'];
const DRIVER_FRAME = /node_modules[\\/](?:postgres|drizzle-orm|@electric-sql)[\\/]/;
const IDENTIFIER = /^[A-Za-z0-9_$.-]{1,128}$/;
const CODE = /^[A-Z0-9_]{2,40}$/;
const MAX_FRAMES = 12;

const className = (e: object) => {
  const name = (e as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && IDENTIFIER.test(name) ? name : 'Object';
};

function causes(error: object) {
  const chain: object[] = [];
  for (let e: unknown = error; e && typeof e === 'object' && chain.length < 5 && !chain.includes(e); e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

const isDatabaseError = (e: object) =>
  DB_CLASSES.has(className(e)) || DB_PROPERTIES.some((p) => p in e) || DRIVER_FRAME.test(String((e as { stack?: unknown }).stack ?? ''));

function pick(chain: object[], keys: string[], pattern: RegExp) {
  for (const e of [...chain].reverse()) {
    for (const key of keys) {
      const value = (e as Record<string, unknown>)[key];
      if (typeof value === 'string' && pattern.test(value)) return value;
    }
  }
  return undefined;
}

/** The stack's frames only: the message, which V8 puts first and which may span lines, is cut off. */
function frames(error: Error) {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const message = String(error.message ?? '');
  const at = message ? stack.indexOf(message) : -1;
  if (message && at < 0) return undefined;
  const rest = message ? stack.slice(at + message.length) : stack;
  const lines = rest.split('\n').filter((l) => /^\s+at \S.{0,300}$/.test(l));
  return lines.length ? lines.slice(0, MAX_FRAMES).map((l) => l.trim()).join('\n') : undefined;
}

// An address, a phone number or a link token can still appear in an error of our own or of a library
// (a mail server's refusal, JSON.parse quoting its input, a path): they go too.
const scrub = (message: string) =>
  message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/[A-Za-z0-9_-]{20,}/g, '[token]')
    .replace(/\S+@\S+/g, '[address]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[number]')
    .slice(0, 200);

/**
 * Turns anything thrown into fields that are safe to log. A database or driver error (also when it is
 * the `cause` of another) gives its class, SQLSTATE code and constraint, table and column names only;
 * other errors their class, a scrubbed message and the stack frames.
 */
export function errorFields(error: unknown, options: { message?: boolean } = {}): ErrorFields {
  if (!error || typeof error !== 'object') return { error: typeof error };
  // Remix hands over an error response that wraps the thrown error.
  const wrapped = (error as { error?: unknown }).error;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && !(error instanceof Error)) {
    return wrapped instanceof Error ? { ...errorFields(wrapped, options), status } : { error: className(error), status };
  }
  const chain = causes(error);
  const fields: ErrorFields = { error: className(error) };
  if (chain.length > 1) fields.cause = className(chain[chain.length - 1]);
  const stack = error instanceof Error ? frames(error) : undefined;
  if (chain.some(isDatabaseError)) {
    fields.code = pick(chain, ['code'], CODE);
    fields.constraint = pick(chain, ['constraint_name', 'constraint'], IDENTIFIER);
    fields.table = pick(chain, ['table_name', 'table'], IDENTIFIER);
    fields.column = pick(chain, ['column_name', 'column'], IDENTIFIER);
  } else {
    fields.code = pick(chain, ['code'], CODE);
    if (options.message !== false && error instanceof Error && error.message) fields.message = scrub(error.message);
  }
  if (stack) fields.stack = stack;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as ErrorFields;
}

/** Last in the Express chain: Express's own handler would print the error's stack, message included. */
// Express tells an error handler by its four parameters.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export const logRequestErrors: ErrorRequestHandler = (error, req, res, _next) => {
  const status = Number((error as { status?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode);
  const clientError = status >= 400 && status < 500;
  if (!clientError) log.error('request.failed', { method: req.method, ...errorFields(error) });
  if (res.headersSent) return void res.destroy();
  res.sendStatus(clientError ? status : 500);
};

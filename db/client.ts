import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; we type against postgres.js. */
export type Db = PostgresJsDatabase<Schema>;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs raw SQL and returns the rows, the same shape on both drivers. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs a hot statement as a named prepared statement (postgres.js keeps one per text and connection),
   * so PostgreSQL parses it once per connection and may keep its plan; drizzle's `execute` sends every
   * statement unnamed, parsed and planned again each time (docs/decisions/028). PGlite runs it as usual.
   */
  prepared<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** Folder for PGlite's data; `memory://` keeps it in memory. */
  dataDir?: string;
  /** A PGlite data dump (from `dumpDataDir`) to start from instead of an empty database. */
  loadDataDir?: Blob | File;
  maxConnections?: number;
  /** A statement that runs longer is cancelled by the server (postgres only; 0 for none). */
  statementTimeoutMs?: number;
}

// Session settings for every connection (see docs/decisions/004-search.md):
// - 0.5 instead of 0.6 lets a one-letter typo in a short word ("fotbll") still meet "fotball";
// - random_page_cost 1.1 tells the planner reads are from SSD or cache, as on any server we target,
//   so selective searches use their indexes instead of scanning the activity table.
const sessionSettings: Record<string, string> = {
  'pg_trgm.word_similarity_threshold': '0.5',
  random_page_cost: '1.1',
  // Prepared statements (search, decision 028) keep their parse and analysis per connection but are
  // planned for each search's own values: a generic plan, which PostgreSQL picks after five runs when
  // it looks no dearer, made a typo search 1.7 times slower at 20 000 activities.
  plan_cache_mode: 'force_custom_plan',
};

// Surviving a PostgreSQL restart (docs/decisions/012-surviving-database-restarts.md). postgres.js
// reconnects a closed connection when a query needs it, after `backoff(retries)` seconds, where
// `retries` counts failed attempts pool-wide since the last success. Its default grows to 20 s, so
// pages waited 10–25 s after the database was back. Capped at half a second (with jitter, so that
// servers do not knock in step), a query finds the database at most 0.5 s after it returns; a
// refused attempt costs the server next to nothing.
const reconnectOptions = {
  backoff: (retries: number) => Math.min(0.02 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2),
  // An unreachable address (a dropped network, a firewall) fails a query after 5 s instead of 30 s;
  // a restarting server refuses or answers at once, and a real connection takes milliseconds.
  connect_timeout: 5,
  // Idle connections are closed after a minute, so a pool does not keep sockets that a failover or a
  // NAT timeout silently broke. max_lifetime keeps the driver's default, a random 30–60 minutes per
  // connection, which recycles them one at a time rather than all together.
  idle_timeout: 60,
};

/** No statement of the application runs this long; one that does is stuck (a lock, a lost plan). */
export const STATEMENT_TIMEOUT_MS = 30_000;

// The URL behind each postgres handle, so migrations can take a connection without the timeout.
const urls = new WeakMap<DatabaseHandle, string>();

// Turns a drizzle `sql` template into text and parameters exactly as drizzle's own `execute` does.
const dialect = new PgDialect();

// Error codes that mean "the database could not be reached", not "this query is wrong": postgres.js's
// own, the socket's, and PostgreSQL's classes 08 (connection), 57P0x (shutting down, starting up),
// 53300 (too many connections) and 57014 (cancelled, e.g. by the statement timeout).
const UNREACHABLE_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300', '57014',
]);

/** True for an error, or one in its `cause` chain (drizzle wraps the driver's), that says so. */
export function isUnreachableError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}

/**
 * Run a request in `queryOutcomes.run({ unreachable: false }, …)` and `unreachable` turns true when
 * one of its queries failed because the database could not be reached (app/utils/db-health.server.ts
 * answers such a request with 503). Remix renders a loader's error as a 500 without telling anyone
 * why; this is how the server learns it.
 */
export const queryOutcomes = new AsyncLocalStorage<{ unreachable: boolean }>();

/**
 * The postgres.js client as drizzle sees it, noting failed queries in the caller's queryOutcomes.
 * drizzle sends every statement through `unsafe` (inside transactions on the client `begin` and
 * `savepoint` hand over); a Query is lazy, so its `reject` is wrapped rather than awaited.
 */
function observed(sql: postgres.Sql): postgres.Sql {
  const note = (outcome: { unreachable: boolean } | undefined) => (error: unknown) => {
    if (outcome && isUnreachableError(error)) outcome.unreachable = true;
  };
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (...args: Parameters<postgres.Sql['unsafe']>) => {
          const query = target.unsafe(...args);
          const outcome = queryOutcomes.getStore();
          if (outcome) {
            const q = query as unknown as { reject: (e: unknown) => void };
            const reject = q.reject;
            q.reject = (e) => (note(outcome)(e), reject(e));
          }
          return query;
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          const run = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[property];
          const result = run.call(target, ...args, (tx: postgres.Sql) => fn(observed(tx)));
          // COMMIT, ROLLBACK and BEGIN are the driver's own statements, not sent through `unsafe`.
          result.catch(note(queryOutcomes.getStore()));
          return result;
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const statementTimeout = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
    const sql = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      ...reconnectOptions,
      connection: { application_name: 'fritidsportal', ...sessionSettings, statement_timeout: statementTimeout },
    });
    const client = observed(sql);
    const db = drizzlePostgres(client, { schema });
    const handle: DatabaseHandle = {
      db,
      kind: 'postgres',
      query: async (text, params = []) => (await client.unsafe(text, params as never[])) as never,
      prepared: async (query) => {
        const { sql: text, params } = dialect.sqlToQuery(query);
        return (await client.unsafe(text, params as never[], { prepare: true })) as never;
      },
      close: () => sql.end({ timeout: 5 }),
    };
    urls.set(handle, options.url);
    return handle;
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    loadDataDir: options.loadDataDir,
  });
  for (const [name, value] of Object.entries(sessionSettings)) await client.exec(`SET ${name} = ${value}`);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    query: async (text, params = []) => (await client.query(text, params)).rows as never,
    prepared: async (query) => ((await db.execute(query)) as unknown as { rows: never[] }).rows,
    close: () => client.close(),
    // Exposed for the test harness, which dumps a migrated database once and clones it per file.
    ...({ pglite: client } as object),
  };
}

// Any fixed number, other than db/roles.ts's MIGRATION_LOCK (which the owner's connection holds while it
// calls this, so one lock would wait for itself).
const MIGRATION_RUN_LOCK = 4_711_011;

export async function runMigrations(handle: DatabaseHandle) {
  const migrationsFolder = resolveMigrations();
  const url = urls.get(handle);
  if (handle.kind === 'postgres' && url) {
    // Its own connection without the statement timeout: an index built on a large table may take longer.
    const migrator = postgres(url, {
      max: 1,
      onnotice: () => {},
      connection: { application_name: 'fritidsportal-migrate', ...sessionSettings, statement_timeout: 0 },
    });
    try {
      // Servers started together on one database take turns: the first migrates, the others wait here
      // and then find nothing left to do. Without it both run 0000 and one exits on a duplicate key
      // (tests/integration/two-servers-start.test.ts). A session lock on the one connection; it is
      // released when the connection ends, even if this process dies mid-migration.
      await migrator`select pg_advisory_lock(${MIGRATION_RUN_LOCK})`;
      await migratePostgres(drizzlePostgres(migrator, { schema }), { migrationsFolder });
    } finally {
      await migrator.end({ timeout: 5 });
    }
  } else if (handle.kind === 'postgres') {
    await migratePostgres(handle.db, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

function resolveMigrations() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // db/client.ts runs from db/ under tsx and vitest, and from build/ once compiled into the server.
  for (const candidate of [path.join(here, 'migrations'), path.join(process.cwd(), 'db', 'migrations')]) {
    try {
      if (statSync(path.join(candidate, 'meta', '_journal.json')).isFile()) return candidate;
    } catch {
      /* try the next */
    }
  }
  throw new Error('db/migrations not found (run from the project folder)');
}

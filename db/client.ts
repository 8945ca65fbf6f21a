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
import * as schema from './schema/index';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; we type against postgres.js. */
export type Db = PostgresJsDatabase<Schema>;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs raw SQL and returns the rows, the same shape on both drivers. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
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
}

// Session settings for every connection (see docs/decisions/004-search.md):
// - 0.5 instead of 0.6 lets a one-letter typo in a short word ("fotbll") still meet "fotball";
// - random_page_cost 1.1 tells the planner reads are from SSD or cache, as on any server we target,
//   so selective searches use their indexes instead of scanning the activity table.
const sessionSettings: Record<string, string> = {
  'pg_trgm.word_similarity_threshold': '0.5',
  random_page_cost: '1.1',
};

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'fritidsportal', ...sessionSettings },
    });
    const db = drizzlePostgres(sql, { schema });
    return {
      db,
      kind: 'postgres',
      query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
      close: () => sql.end({ timeout: 5 }),
    };
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
    close: () => client.close(),
    // Exposed for the test harness, which dumps a migrated database once and clones it per file.
    ...({ pglite: client } as object),
  };
}

export async function runMigrations(handle: DatabaseHandle) {
  const migrationsFolder = resolveMigrations();
  if (handle.kind === 'postgres') {
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

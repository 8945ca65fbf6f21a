import { openDatabase, runMigrations, type DatabaseHandle, type Db } from '../../db/client';
import { env } from './env.server';

// Kept on globalThis so a dev rebuild reuses the open database instead of opening a second one.
const store = globalThis as unknown as { __fritidsportalDb?: DatabaseHandle };

/** Opens the process's one database, migrates it, and seeds it in demo mode when empty. */
export async function startDatabase(): Promise<DatabaseHandle> {
  if (store.__fritidsportalDb) return store.__fritidsportalDb;
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR, maxConnections: e.DATABASE_POOL_SIZE });
  await runMigrations(handle);
  store.__fritidsportalDb = handle;
  return handle;
}

/** For tests: use a database the test harness opened. */
export function useDatabase(handle: DatabaseHandle | undefined) {
  store.__fritidsportalDb = handle;
}

export function database(): DatabaseHandle {
  const handle = store.__fritidsportalDb;
  if (!handle) throw new Error('database not started: startDatabase() runs at boot');
  return handle;
}

export function db(): Db {
  return database().db;
}

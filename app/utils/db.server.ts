import { openDatabase, type DatabaseHandle, type Db } from '../../db/client';
import { migrateDatabase } from '../../db/roles';
import { env } from './env.server';

// Kept on globalThis so a dev rebuild reuses the open database instead of opening a second one.
const store = globalThis as unknown as { __fritidsportalDb?: DatabaseHandle };

/** Opens the process's one database and migrates it (as the owner role when MIGRATION_DATABASE_URL is set). */
export async function startDatabase(): Promise<DatabaseHandle> {
  if (store.__fritidsportalDb) return store.__fritidsportalDb;
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR, maxConnections: e.DATABASE_POOL_SIZE });
  await migrateDatabase(handle, e.MIGRATION_DATABASE_URL);
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

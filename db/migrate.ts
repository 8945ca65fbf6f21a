import { openDatabase } from './client';
import { migrateDatabase } from './roles';
import { env } from '../app/utils/env.server';

const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR, maxConnections: 1 });
await migrateDatabase(handle, e.MIGRATION_DATABASE_URL);
console.log(`migrate: ${handle.kind} database is up to date${e.MIGRATION_DATABASE_URL ? ', application role granted' : ''}`);
await handle.close();

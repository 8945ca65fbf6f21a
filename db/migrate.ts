import { openDatabase, runMigrations } from './client';
import { env } from '../app/utils/env.server';

const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR });
await runMigrations(handle);
console.log(`migrate: ${handle.kind} database is up to date`);
await handle.close();

// Gives each test file its own copy of the seeded database and makes it the app's database.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { useDatabase } from '../../app/utils/db.server';
import { withDatabase } from './test-database';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** A connection URL for the copy (PostgreSQL only), e.g. for EXPLAIN through a second client. */
  url?: string;
  seededAt: Date;
}

export async function createTestDatabase(): Promise<TestDatabase & { drop(): Promise<void> }> {
  const info = inject('testDb');
  if (info.kind === 'postgres') {
    const name = `fp_test_${info.template.split('_').pop()}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${info.template}`);
    const url = withDatabase(info.adminUrl, name);
    const handle = await openDatabase({ url, maxConnections: 4 });
    return {
      handle, url, seededAt: new Date(info.seededAt),
      drop: async () => {
        await handle.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = new Blob([readFileSync(info.dumpFile)]);
  const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: dump });
  return { handle, seededAt: new Date(info.seededAt), drop: () => handle.close() };
}

/** Call at the top of a test file: a fresh seeded database for that file, used by the app's domain code. */
export function useTestDatabase() {
  const ref = {} as TestDatabase;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const created = await createTestDatabase();
    Object.assign(ref, created);
    drop = created.drop;
    useDatabase(created.handle);
  });
  afterAll(async () => {
    useDatabase(undefined);
    await drop();
  });
  return ref;
}

// Prepares one migrated and seeded database for the whole run; every test file then starts from a
// copy of it (CREATE DATABASE … TEMPLATE on PostgreSQL, a data-dir dump on PGlite) in well under a second.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '../../db/client';
import { seedDemo } from '../../db/seed';
import { findPostgres, withDatabase } from './test-database';

export const SEED_NOW = new Date();

export default async function setup(project: TestProject) {
  const adminUrl = await findPostgres();
  if (adminUrl) {
    const template = `fp_test_tpl_${process.pid}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template}`);
    await admin.unsafe(`CREATE DATABASE ${template}`);
    const handle = await openDatabase({ url: withDatabase(adminUrl, template), maxConnections: 2 });
    await runMigrations(handle);
    await seedDemo(handle, { now: SEED_NOW });
    await handle.close();
    project.provide('testDb', { kind: 'postgres', adminUrl, template, seededAt: SEED_NOW.toISOString() });
    console.log(`test database: PostgreSQL at ${new URL(adminUrl).host}`);
    return async () => {
      // Drop the copies any crashed worker left behind, then the template.
      const left = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`fp_test_${process.pid}_%`}`;
      for (const { datname } of left) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  await runMigrations(handle);
  await seedDemo(handle, { now: SEED_NOW });
  const pglite = (handle as unknown as { pglite: { dumpDataDir(c: 'none'): Promise<Blob> } }).pglite;
  const dump = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  await handle.close();
  const dir = path.resolve('tests/.tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-${process.pid}.tar`);
  writeFileSync(file, dump);
  project.provide('testDb', { kind: 'pglite', dumpFile: file, seededAt: SEED_NOW.toISOString() });
  console.log('test database: PGlite (no PostgreSQL answered)');
  return () => rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      | { kind: 'postgres'; adminUrl: string; template: string; seededAt: string }
      | { kind: 'pglite'; dumpFile: string; seededAt: string };
  }
}

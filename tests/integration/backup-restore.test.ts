// Backups (docs/operations.md): db/ops/backup.sh dumps a seeded database, db/ops/restore-check.ts restores
// the dump into a fresh database, opens its encrypted fields, starts the built portal on it and reads
// pages. Compared with the source: every table with the same number of rows. A damaged dump fails the
// check and leaves no database behind. PostgreSQL only (pg_dump needs a server).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { inject } from 'vitest';
import { encrypt } from '../../app/utils/crypto.server';
import { createTestDatabase } from '../setup/db';

const info = inject('testDb');
const onPostgres = info.kind === 'postgres';
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

let source: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;

beforeAll(async () => {
  if (!onPostgres) return;
  source = await createTestDatabase();
  // A report from the accessibility form: the seed has no encrypted free text of its own.
  const [k] = await source.handle.query<{ id: number }>('select id from kommune order by id limit 1');
  await source.handle.query('insert into accessibility_report (kommune_id, page, message, language) values ($1, $2, $3, $4)', [k.id, encrypt('/aktiviteter'), encrypt('The map has no text alternative'), 'en']);
  dir = mkdtempSync(path.join(tmpdir(), 'fp-backup-'));
});
afterAll(async () => {
  if (!onPostgres) return;
  await source?.drop();
  rmSync(dir, { recursive: true, force: true });
});

type Step = { step: string; ok: boolean; message?: string; rows?: Record<string, number>; opened?: Record<string, boolean | null>; pages?: Record<string, number>; database?: string };

async function restoreCheck(dump: string) {
  if (info.kind !== 'postgres') throw new Error('PostgreSQL only');
  const result = await run(process.execPath, ['--import', 'tsx', 'db/ops/restore-check.ts', '--dump', dump, '--admin-url', info.adminUrl], { cwd: root, env: { ...process.env, ENCRYPTION_KEYS: '' } }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const steps = result.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Step);
  return { code: result.code, steps, step: (name: string) => steps.find((s) => s.step === name) };
}

async function databasesNamed(prefix: string) {
  if (info.kind !== 'postgres') return [];
  const admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
  try {
    return (await admin<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + '%'}`).map((r) => r.datname);
  } finally {
    await admin.end();
  }
}

test.runIf(onPostgres)('a dump restores into a fresh database with every row, its encrypted fields open, and the portal serves it', { timeout: 180_000 }, async () => {
  const dump = path.join(dir, 'portal.dump');
  const backup = await run('bash', ['db/ops/backup.sh', dump], { cwd: root, env: { ...process.env, DATABASE_URL: source.url!, MIGRATION_DATABASE_URL: '' } });
  expect(backup.stdout).toContain(`wrote ${dump}`);

  const check = await restoreCheck(dump);
  expect(check.steps.filter((s) => !s.ok)).toEqual([]);
  expect(check.code).toBe(0);

  // The same rows as the source, table by table.
  const sql = postgres(source.url!, { max: 1, onnotice: () => {} });
  const expected: Record<string, number> = {};
  for (const table of Object.keys(check.step('restore')!.rows!)) {
    const [{ n }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
    expected[table] = n;
  }
  await sql.end();
  expect(check.step('restore')!.rows).toEqual(expected);
  expect(expected.activity).toBeGreaterThan(0);

  // Encrypted with the demo key, which this environment has too; a column without rows is null.
  const opened = check.step('decrypt')!.opened!;
  expect(opened['accessibility_report.message']).toBe(true);
  expect(opened['user.totp_secret']).toBe(true);
  expect(check.step('portal')!.pages).toEqual({ '/': 200, '/aktiviteter': 200, '/stotte': 200, '/apne-dager': 200 });

  // Nothing left behind.
  expect(await databasesNamed(check.step('create')!.database!)).toEqual([]);
});

test.runIf(onPostgres)('a damaged dump fails the check at the restore and leaves no database behind', { timeout: 120_000 }, async () => {
  const good = path.join(dir, 'good.dump');
  await run('bash', ['db/ops/backup.sh', good], { cwd: root, env: { ...process.env, DATABASE_URL: source.url!, MIGRATION_DATABASE_URL: '' } });
  const bytes = readFileSync(good);
  const damaged = path.join(dir, 'damaged.dump');
  // Cut off the second half: what a backup interrupted mid-copy looks like.
  writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));

  const check = await restoreCheck(damaged);
  expect(check.code).toBe(1);
  expect(check.step('restore')?.ok).toBe(false);
  expect(check.step('portal')).toBeUndefined();
  expect(await databasesNamed(check.step('create')!.database!)).toEqual([]);
});

test.runIf(onPostgres)('the check fails when the keys of this environment do not open the data', { timeout: 120_000 }, async () => {
  const dump = path.join(dir, 'keys.dump');
  await run('bash', ['db/ops/backup.sh', dump], { cwd: root, env: { ...process.env, DATABASE_URL: source.url!, MIGRATION_DATABASE_URL: '' } });
  if (info.kind !== 'postgres') return;
  const other = `other:${Buffer.alloc(32, 9).toString('base64')}`;
  const result = await run(process.execPath, ['--import', 'tsx', 'db/ops/restore-check.ts', '--dump', dump, '--admin-url', info.adminUrl], { cwd: root, env: { ...process.env, ENCRYPTION_KEYS: other } }).then(
    () => ({ code: 0, stdout: '' }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/"step":"decrypt","ok":false/);
  // The message names the column, never a value.
  expect(result.stdout).toContain('does not open');
});

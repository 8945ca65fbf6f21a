// Proves that a backup can be restored (docs/operations.md, "Backups"): restores a pg_dump file into a
// fresh database, checks that the encrypted fields open with the ENCRYPTION_KEYS of this environment,
// starts the built portal on the restored database and reads a few pages, then drops the database.
//
//   npm run db:restore-check -- --dump FILE --admin-url postgres://owner@host/postgres [--keep]
//
// --admin-url: a role that may CREATE DATABASE on the server to restore to (defaults to
// RESTORE_ADMIN_URL). Prints one JSON line per step; exits 1 at the first step that fails. Nothing it
// prints holds personal data: counts of rows, and whether a value opened, never the value.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { decrypt } from '../../app/utils/crypto.server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** Encrypted columns sampled after the restore (one value each, where the table has rows). */
const ENCRYPTED = [
  ['referral', 'child_first_name'],
  ['referral', 'guardian_name'],
  ['signup_request', 'participant_first_name'],
  ['accessibility_report', 'message'],
  ['outbox', 'recipient'],
  ['user', 'totp_secret'],
] as const;

function args() {
  const out: { dump?: string; adminUrl?: string; keep: boolean } = { keep: false, adminUrl: process.env.RESTORE_ADMIN_URL };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dump') out.dump = argv[++i];
    else if (argv[i] === '--admin-url') out.adminUrl = argv[++i];
    else if (argv[i] === '--keep') out.keep = true;
    else fail('usage', `unknown argument ${argv[i]}`);
  }
  if (!out.dump || !out.adminUrl) fail('usage', 'needs --dump FILE and --admin-url URL (or RESTORE_ADMIN_URL)');
  if (!existsSync(out.dump!)) fail('usage', `no such file: ${out.dump}`);
  return out as { dump: string; adminUrl: string; keep: boolean };
}

function report(step: string, detail: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ step, ok: true, ...detail }));
}
class StepFailed extends Error {
  constructor(readonly step: string, message: string) {
    super(message);
  }
}
/** Ends the check at this step; the database made for it is still dropped (the `finally` below). */
function fail(step: string, message: string): never {
  throw new StepFailed(step, message);
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The built portal on the restored database, on this machine only, with no jobs (nothing is sent). */
async function servePortal(url: string) {
  const entry = path.join(root, 'build/index.js');
  if (!existsSync(entry)) fail('portal', 'build/index.js is missing: run `npm run build` first');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://localhost:${port}`, PORTAL_MODE: 'local', NODE_ENV: 'production', SEED: 'never', JOBS: 'off', SMTP_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) fail('portal', `the portal exited on the restored database: ${output.slice(-500)}`);
      if (Date.now() > deadline) fail('portal', 'the portal was not ready in 60 s');
      if ((await fetch(`${base}/readyz`).then((r) => r.status, () => 0)) === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const pages: Record<string, number> = {};
    for (const page of ['/', '/aktiviteter', '/stotte', '/apne-dager']) {
      pages[page] = (await fetch(base + page)).status;
      if (pages[page] !== 200) fail('portal', `${page} answered ${pages[page]}`);
    }
    report('portal', { pages });
  } finally {
    child.kill('SIGTERM');
  }
}

let parsed: ReturnType<typeof args>;
try {
  parsed = args();
} catch (error) {
  console.log(JSON.stringify({ step: (error as StepFailed).step ?? 'usage', ok: false, message: (error as Error).message }));
  process.exit(2);
}
const { dump, adminUrl, keep } = parsed;
const name = `fritidsportal_restore_check_${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(3).toString('hex')}`;
const target = withDatabase(adminUrl, name);
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
let created = false;
try {
  await admin.unsafe(`CREATE DATABASE ${name}`);
  created = true;
  report('create', { database: name });

  try {
    // --exit-on-error: a dump that restores only in part is a failed backup, not a warning.
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', target, dump]);
  } catch (error) {
    fail('restore', String((error as { stderr?: string }).stderr ?? error).trim().split('\n').slice(-3).join(' '));
  }
  const db = postgres(target, { max: 1, onnotice: () => {} });
  try {
    const tables = await db<{ table: string }[]>`select table_name as table from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
    const rows: Record<string, number> = {};
    for (const { table } of tables) {
      const [{ n }] = await db.unsafe<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
      rows[table] = n;
    }
    const [{ migrations }] = await db<{ migrations: number }[]>`select count(*)::int as migrations from drizzle.__drizzle_migrations`;
    report('restore', { tables: tables.length, migrations, rows });

    const opened: Record<string, boolean | null> = {};
    for (const [table, column] of ENCRYPTED) {
      const [sample] = await db.unsafe<{ v: string | null }[]>(`select "${column}" as v from "${table}" where "${column}" like 'v1.%' limit 1`);
      if (!sample?.v) {
        opened[`${table}.${column}`] = null;
        continue;
      }
      try {
        decrypt(sample.v);
        opened[`${table}.${column}`] = true;
      } catch (error) {
        // The reason ("no decryption key with id …", or a failed authentication), never the value.
        fail('decrypt', `${table}.${column} does not open with this environment's ENCRYPTION_KEYS (${(error as Error).message})`);
      }
    }
    report('decrypt', { opened });
  } finally {
    await db.end();
  }

  await servePortal(target);
} catch (error) {
  const step = error instanceof StepFailed ? error.step : 'check';
  console.log(JSON.stringify({ step, ok: false, message: (error as Error).message }));
  process.exitCode = 1;
} finally {
  if (created && !keep) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    report('drop', { database: name });
  }
  await admin.end();
}

// Upgrading with several app servers (docs/operations.md, "Upgrading"): servers started at the same moment
// against one EMPTY database each try to migrate it at boot. They must take turns (an advisory lock), so
// that every migration runs once, both servers become ready, and neither exits on "relation already
// exists". Once with one role, once with the owner migrating for the application role. PostgreSQL only.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { startBuiltServer, type BuiltServer } from '../setup/built-server';
import { startSmtp } from '../setup/smtp';
import { withDatabase } from '../setup/test-database';

const info = inject('testDb');
const onPostgres = info.kind === 'postgres';
const keys = `k1:${randomBytes(32).toString('base64')}`;

let admin: postgres.Sql;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const made: { databases: string[]; roles: string[] } = { databases: [], roles: [] };

beforeAll(async () => {
  if (info.kind !== 'postgres') return;
  admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
  smtp = await startSmtp();
});

afterAll(async () => {
  if (!onPostgres) return;
  for (const name of made.databases) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  for (const role of made.roles) await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
  await admin.end();
  await smtp.close();
});

async function emptyDatabase() {
  if (info.kind !== 'postgres') throw new Error('PostgreSQL only');
  const name = `fp_test_twostart_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  made.databases.push(name);
  return { name, url: withDatabase(info.adminUrl, name) };
}

/** Starts two production servers at the same moment and waits for both to answer /readyz. */
async function startTwo(env: Record<string, string>) {
  const production = { PORTAL_MODE: 'production', NODE_ENV: 'production', ENCRYPTION_KEYS: keys, SMTP_URL: smtp.url, LOG_LEVEL: 'info', ...env };
  const servers = await Promise.all([startBuiltServer(production), startBuiltServer(production)]);
  for (const server of servers) await untilReady(server);
  return servers;
}

async function untilReady(server: BuiltServer) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${server.port}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`not ready in 60 s:\n${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function appliedMigrations(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ hash: string; n: number }[]>`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
    return rows;
  } finally {
    await sql.end();
  }
}

const journal = (await import('../../db/migrations/meta/_journal.json', { with: { type: 'json' } })).default as { entries: unknown[] };

test.runIf(onPostgres)('two servers started at once on an empty database migrate it once and both serve', { timeout: 120_000 }, async () => {
  const db = await emptyDatabase();
  const servers = await startTwo({ DATABASE_URL: db.url });
  try {
    const applied = await appliedMigrations(db.url);
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.every((m) => m.n === 1)).toBe(true);
    for (const server of servers) {
      const page = await fetch(`http://127.0.0.1:${server.port}/aktiviteter`);
      expect(page.status).toBe(200);
      expect(server.output()).not.toMatch(/already exists|migrat\w* failed/i);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
});

test.runIf(onPostgres)('two servers with the owner role migrating for the application role start at once', { timeout: 120_000 }, async () => {
  const db = await emptyDatabase();
  const role = `fp_app_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`CREATE ROLE ${role} LOGIN`);
  made.roles.push(role);
  const appUrl = new URL(db.url);
  appUrl.username = role;
  appUrl.password = '';
  const servers = await startTwo({ DATABASE_URL: appUrl.toString(), MIGRATION_DATABASE_URL: db.url });
  try {
    const applied = await appliedMigrations(db.url);
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.every((m) => m.n === 1)).toBe(true);
    for (const server of servers) expect((await fetch(`http://127.0.0.1:${server.port}/aktiviteter`)).status).toBe(200);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(`DROP OWNED BY ${role}`);
    await sql.end();
  }
});

import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { grantApplicationRole } from '../../db/roles';
import { database, startDatabase, useDatabase } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { createTestDatabase } from '../setup/db';

// The audit log is out of the application's reach: the server's role may append to it and read it, and
// nothing else, whatever SQL it sends. Needs roles, so PostgreSQL only; the suite runs on it here.
const info = inject('testDb');
const onPostgres = info.kind === 'postgres';

let copy: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: postgres.Sql;
let app: DatabaseHandle;
let appUrl = '';
const role = `fp_app_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  if (info.kind !== 'postgres') return;
  copy = await createTestDatabase();
  admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE ROLE ${role} LOGIN`);
  await grantApplicationRole(copy.handle, role);
  const u = new URL(copy.url!);
  u.username = role;
  u.password = '';
  appUrl = u.toString();
  app = await openDatabase({ url: appUrl, maxConnections: 2 });
});

afterAll(async () => {
  if (!onPostgres) return;
  await app?.close();
  await copy?.handle.query(`DROP OWNED BY ${role}`);
  await copy?.drop();
  await admin?.unsafe(`DROP ROLE IF EXISTS ${role}`);
  await admin?.end();
});

/** Resolves with the SQLSTATE the statement failed with, or 'ok'. */
async function outcome(statement: string) {
  try {
    await app.query(statement);
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

describe.runIf(onPostgres)('database roles', () => {
  test('the application role may append to the audit log and read it', async () => {
    const [row] = await app.query<{ id: string }>(`insert into audit_event (action, entity, entity_id) values ('test.write', 'test', '1') returning id`);
    const read = await app.query(`select action from audit_event where id = $1`, [row.id]);
    expect(read).toEqual([{ action: 'test.write' }]);
  });

  test('the application role cannot update, delete or truncate the audit log', async () => {
    const denied = /^42501: permission denied for table audit_event/;
    expect(await outcome(`update audit_event set action = 'changed'`)).toMatch(denied);
    expect(await outcome(`delete from audit_event`)).toMatch(denied);
    expect(await outcome(`truncate audit_event`)).toMatch(denied);
    const [{ count }] = await copy.handle.query<{ count: string }>(`select count(*)::text as count from audit_event where action = 'changed'`);
    expect(count).toBe('0');
  });

  test('the application role cannot disable, drop or replace the audit log\'s triggers', async () => {
    const notOwner = /^42501: must be owner of (table|relation) audit_event/;
    expect(await outcome(`alter table audit_event disable trigger all`)).toMatch(notOwner);
    expect(await outcome(`alter table audit_event disable trigger audit_event_no_update`)).toMatch(notOwner);
    expect(await outcome(`drop trigger audit_event_no_update on audit_event`)).toMatch(notOwner);
    expect(await outcome(`alter table audit_event owner to ${role}`)).toMatch(notOwner);
    // Refused before ownership is even checked: the role may not create in the schema at all.
    expect(await outcome(`create or replace function audit_event_refuse_change() returns trigger language plpgsql as $$ begin return old; end $$`)).toMatch(
      /^42501: (must be owner of function|permission denied for schema public)/,
    );
    const triggers = await copy.handle.query<{ tgname: string; tgenabled: string }>(
      `select tgname, tgenabled from pg_trigger where tgrelid = 'audit_event'::regclass and not tgisinternal order by tgname`,
    );
    expect(triggers).toEqual([
      { tgname: 'audit_event_no_truncate', tgenabled: 'O' },
      { tgname: 'audit_event_no_update', tgenabled: 'O' },
    ]);
  });

  test('the application role still reads and writes the ordinary tables and their sequences', async () => {
    const [row] = await app.query<{ id: string }>(`insert into dev_mailbox (channel, recipient, subject, body) values ('email', 'x@example.no', 's', 'b') returning id`);
    await app.query(`update dev_mailbox set subject = 't' where id = $1`, [row.id]);
    expect(await app.query(`select subject from dev_mailbox where id = $1`, [row.id])).toEqual([{ subject: 't' }]);
    await app.query(`delete from dev_mailbox where id = $1`, [row.id]);
    expect(await app.query(`select count(*)::int as n from "user"`)).toEqual([{ n: expect.any(Number) }]);
  });

  test('a table a later migration adds is the application role\'s to use, and a new grant run keeps the audit log closed', async () => {
    await copy.handle.query(`create table later_table (id serial primary key, note text)`);
    expect(await outcome(`insert into later_table (note) values ('a')`)).toBe('ok');
    await grantApplicationRole(copy.handle, role);
    expect(await outcome(`update later_table set note = 'b'`)).toBe('ok');
    expect(await outcome(`delete from audit_event`)).toMatch(/^42501/);
    expect(await outcome(`create table app_made (id int)`)).toMatch(/^42501: permission denied for schema public/);
  });

  test('the grant refuses a role that would still reach the audit log', async () => {
    const [{ me }] = await copy.handle.query<{ me: string }>('select current_user as me');
    await expect(grantApplicationRole(copy.handle, me)).rejects.toThrow(/both use role/);
    await expect(grantApplicationRole(copy.handle, `${role}_missing`)).rejects.toThrow(/does not exist/);
    await copy.handle.query(`create table owned_by_app (id int)`);
    await copy.handle.query(`alter table owned_by_app owner to ${role}`);
    await expect(grantApplicationRole(copy.handle, role)).rejects.toThrow(new RegExp(`${role} owns public\\.owned_by_app; .*REASSIGN OWNED BY`));
    await copy.handle.query(`drop table owned_by_app`);
  });

  test('the boot migrates as the owner and serves as the application role', async () => {
    vi.stubEnv('DATABASE_URL', appUrl);
    vi.stubEnv('MIGRATION_DATABASE_URL', copy.url!);
    resetEnv();
    try {
      const handle = await startDatabase();
      expect(await handle.query('select current_user as name')).toEqual([{ name: role }]);
      expect(await outcome(`insert into audit_event (action, entity, entity_id) values ('test.boot', 'test', '2')`)).toBe('ok');
      await expect(database().query(`delete from audit_event`)).rejects.toMatchObject({ code: '42501' });
      await handle.close();
    } finally {
      useDatabase(undefined);
      vi.unstubAllEnvs();
      resetEnv();
    }
  });
});

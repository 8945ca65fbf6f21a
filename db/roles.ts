// Two database roles (docs/decisions/010-demo-mode-and-database-roles.md): the owner migrates; the
// application role the server uses may read and write the ordinary tables, but only append to and read
// the audit log. Not being the owner, it can neither alter the table nor disable its triggers.
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type DatabaseHandle } from './client';

/** Tables the application appends to and reads, never changes. */
export const APPEND_ONLY_TABLES = ['audit_event'] as const;

// Any fixed number: every server booting at once migrates and grants in turn, not together (concurrent
// GRANTs on one table fail with "tuple concurrently updated").
const MIGRATION_LOCK = 4_711_010;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Gives `roleName` exactly the application's rights on everything the migrations made. Run after every
 * migration run, so new tables are covered; default privileges cover tables made between runs.
 */
export async function grantApplicationRole(owner: DatabaseHandle, roleName: string) {
  const [me] = await owner.query<{ name: string }>('select current_user as name');
  const [app] = await owner.query<{ superuser: boolean; member: boolean }>(
    `select rolsuper as superuser, pg_has_role(oid, current_user, 'MEMBER') as member from pg_roles where rolname = $1`,
    [roleName],
  );
  if (!app) throw new Error(`database role ${roleName} (the user in DATABASE_URL) does not exist; README.md says how to create it`);
  if (roleName === me.name) {
    throw new Error(`DATABASE_URL and MIGRATION_DATABASE_URL both use role ${roleName}: give the server its own role, or unset MIGRATION_DATABASE_URL`);
  }
  if (app.superuser || app.member) throw new Error(`database role ${roleName} is a superuser or a member of ${me.name}, so it could change the audit log`);
  const owned = await owner.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'drizzle') and c.relowner = (select oid from pg_roles where rolname = $1) order by 1`,
    [roleName],
  );
  if (owned.length) {
    throw new Error(
      `database role ${roleName} owns ${owned.map((o) => o.name).join(', ')}; hand them to the owner once with ` +
        `REASSIGN OWNED BY ${ident(roleName)} TO ${ident(me.name)} (as a role that may), then start again`,
    );
  }
  const role = ident(roleName);
  const statements = [
    `select pg_advisory_xact_lock(${MIGRATION_LOCK})`,
    // Revoke and grant in one transaction: a running server never sees its rights missing.
    `revoke all on all tables in schema public from ${role}`,
    `revoke all on all sequences in schema public from ${role}`,
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    `alter default privileges in schema public grant usage, select on sequences to ${role}`,
    ...APPEND_ONLY_TABLES.flatMap((t) => [`revoke all on ${ident(t)} from ${role}`, `grant select, insert on ${ident(t)} to ${role}`]),
  ];
  await owner.db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}

/**
 * Brings the schema up to date at boot or from `npm run db:migrate`. With an owner URL, a short-lived
 * owner connection migrates and then grants the role `app` connects as; without one (and always on
 * PGlite) the one role migrates its own tables, as before.
 */
export async function migrateDatabase(app: DatabaseHandle, ownerUrl?: string) {
  if (!ownerUrl) return runMigrations(app);
  if (app.kind !== 'postgres') throw new Error('MIGRATION_DATABASE_URL needs DATABASE_URL: the embedded database has one role');
  const [target] = await app.query<{ role: string; database: string }>('select current_user as role, current_database() as database');
  // One connection, so the session lock below holds for every statement.
  const owner = await openDatabase({ url: ownerUrl, maxConnections: 1 });
  try {
    const [own] = await owner.query<{ database: string }>('select current_database() as database');
    if (own.database !== target.database) {
      throw new Error(`MIGRATION_DATABASE_URL names database ${own.database}, DATABASE_URL ${target.database}: they must be the same`);
    }
    await owner.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await runMigrations(owner);
      await grantApplicationRole(owner, target.role);
    } finally {
      await owner.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await owner.close();
  }
}

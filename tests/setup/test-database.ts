// Where the tests' database lives: a real PostgreSQL when one answers, the embedded PGlite otherwise.
import postgres from 'postgres';

export const DEFAULT_TEST_URL = 'postgres://127.0.0.1:5432/postgres';

/** The admin URL of a reachable PostgreSQL server, or null to use PGlite. */
export async function findPostgres(): Promise<string | null> {
  if (process.env.TEST_DATABASE === 'pglite') return null;
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_TEST_URL;
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return url;
  } catch {
    if (process.env.TEST_DATABASE_URL) throw new Error(`TEST_DATABASE_URL is set but does not answer: ${new URL(url).host}`);
    return null;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// The home page loader's time per request at national-ish scale (issue 13, part 3; figures in
// docs/decisions/029-page-counts.md). `tsx tests/bench/home-counts.ts [size]`: a PostgreSQL database
// with the demo region plus generated activities, then the loader of app/routes/_index.tsx called in
// this process, and the statements behind it timed on their own. KEEP_DB=1 keeps the database for a
// second run (after a migration), which only migrates and measures.
import postgres from 'postgres';
import { openDatabase, runMigrations } from '../../db/client';
import { addScaleActivities, seedDemo } from '../../db/seed';
import { useDatabase } from '../../app/utils/db.server';

const SIZE = Number(process.argv[2] ?? 20_000);
const NAME = `fp_bench_home_${SIZE}`;
const admin = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://127.0.0.1:5432/postgres';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

async function time(n: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { median_ms: +median(ms).toFixed(3), p95_ms: +p95(ms).toFixed(3) };
}

async function main() {
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  const [exists] = await sql`select 1 from pg_database where datname = ${NAME}`;
  const fresh = !exists || process.env.KEEP_DB !== '1';
  if (fresh) {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${NAME}`);
  }
  const u = new URL(admin);
  u.pathname = `/${NAME}`;
  const handle = await openDatabase({ url: u.toString(), maxConnections: 4 });
  await runMigrations(handle);
  if (fresh) {
    await seedDemo(handle);
    await addScaleActivities(handle, Math.max(0, SIZE - 255));
  }
  await handle.query('analyze');
  const [{ n }] = await handle.query<{ n: number }>(`select count(*)::int as n from activity`);
  useDatabase(handle);
  const { loader } = await import('../../app/routes/_index');
  const request = () => new Request('http://localhost/?lng=nb');
  const call = () => loader({ request: request(), params: {}, context: {} } as never);
  await time(20, call);
  const result: Record<string, unknown> = { activities: n, loader: await time(300, call) };
  // What a process paid once a minute before: the count over the public activities.
  result.count_group_by = await time(50, () =>
    handle.query(`select category, count(*)::int from activity where status = 'published' and (expires_at is null or expires_at > now()) group by category`),
  );
  const [table] = await handle.query<{ t: string | null }>(`select to_regclass('public_count')::text as t`);
  if (table?.t) result.count_table = await time(300, () => handle.query(`select key, n from public_count where kind = 'category'`));
  console.log(JSON.stringify(result));
  useDatabase(undefined);
  await handle.close();
  if (process.env.KEEP_DB !== '1') await sql.unsafe(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await sql.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

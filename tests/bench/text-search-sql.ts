// Issue 13 / docs/decisions/028: what the text search costs in SQL, measured on a database that already
// holds the demo region plus generated activities (a small script, not a timed test: the machine is shared).
//
//   DATABASE_URL=postgres://127.0.0.1:5432/<db> npx tsx tests/bench/text-search-sql.ts [q …]
//
// For each query: the client time of searchActivities (every statement it sends, median of REPEAT runs
// after a warm-up) and the server's own planning and execution time of the list statement from
// EXPLAIN ANALYZE (median).
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { useDatabase } from '../../app/utils/db.server';
import { parseSearchParams } from '../../app/domain/catalogue/search-params.server';
import { searchActivities, searchQuery } from '../../app/domain/catalogue/search.server';

const REPEAT = Number(process.env.REPEAT ?? 21);
const queries = process.argv.slice(2).length ? process.argv.slice(2) : ['q=fotball', 'q=fotbal', 'q=kubadda cagta', 'q=fotbll'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a database seeded with the scale activities');
const handle = await openDatabase({ url, maxConnections: 1 });
useDatabase(handle);
const [{ n }] = await handle.query<{ n: number }>(`select count(*)::int as n from activity`);
console.log(`${n} activities`);
for (const qs of queries) {
  const { params } = parseSearchParams(new URLSearchParams(qs));
  const client: number[] = [];
  let result = await searchActivities(params);
  for (let i = 0; i < 3; i++) await searchActivities(params);
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    result = await searchActivities(params);
    client.push(performance.now() - started);
  }
  const planning: number[] = [];
  const execution: number[] = [];
  const { query } = await searchQuery(params);
  for (let i = 0; i < Math.ceil(REPEAT / 3); i++) {
    const rows = (await handle.db.execute(sql`explain (analyze, format json) ${query}`)) as unknown as Record<string, unknown>[];
    const raw = rows[0]['QUERY PLAN'];
    const [plan] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { 'Planning Time': number; 'Execution Time': number }[];
    planning.push(plan['Planning Time']);
    execution.push(plan['Execution Time']);
  }
  // Prepared statements (docs/decisions/028): how PostgreSQL planned this session's runs of the list statement.
  const plans = await handle.query<{ generic: number; custom: number }>(
    `select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements order by generic_plans + custom_plans desc limit 1`,
  ).catch(() => []);
  await handle.query('deallocate all');
  console.log(
    `${qs.padEnd(22)} plans ${plans[0] ? `${plans[0].generic} generic / ${plans[0].custom} custom` : 'none prepared'} `,
  );
  console.log(
    `${qs.padEnd(22)} client ${median(client).toFixed(2)} ms  list statement: planning ${median(planning).toFixed(2)} ms, execution ${median(execution).toFixed(2)} ms  (total ${result.total}${result.moreThan ? '+' : ''}, first "${result.hits[0]?.title ?? ''}")`,
  );
}
await handle.close();

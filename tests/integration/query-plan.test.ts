import { sql } from 'drizzle-orm';
import { parseSearchParams } from '../../app/domain/catalogue/search-params.server';
import { searchConditions } from '../../app/domain/catalogue/search.server';
import { addScaleActivities } from '../../db/seed';
import { useTestDatabase } from '../setup/db';

// National scale (issue 3): with 20 000 more activities, typical searches must use indexes. This reads
// the planner's choice for the part of the search that touches the activity table.
const t = useTestDatabase();

const typical = [
  'q=fotball',
  'q=fotbal&kommune=modum',
  'kategori=fotball&alder=10',
  'omrade=vikersund&gratis=1',
  'alder=10&gratis=1&utlan=1&omrade=geithus',
  'sprak=so',
  'tilrettelagt=disability&kommune=sigdal',
  // Not Norwegian: a category named in Somali, a club's Arabic title word, Ukrainian and a Polish typo.
  'q=kubadda+cagta',
  'q=الخزف',
  'q=кераміка&alder=10',
  'q=ceramka',
  'nye=0&kommune=modum',
];

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

beforeAll(async () => {
  await addScaleActivities(t.handle, 20_000);
}, 600_000);

test.each(typical)('the search "%s" reads the activity table through an index', async (qs) => {
  const { params } = parseSearchParams(new URLSearchParams(qs));
  const { where } = await searchConditions(params);
  const query = sql`explain (format json) select a.id from activity a left join venue v on v.id = a.venue_id where ${where}`;
  const result = (await t.handle.db.execute(query)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const raw = rows[0]['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const scans = nodes(plan[0].Plan).filter((n) => n['Relation Name'] === 'activity');
  expect(scans.length).toBeGreaterThan(0);
  expect(scans.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  // Free text also reads the translations' index through its own indexes.
  const translated = nodes(plan[0].Plan).filter((n) => n['Relation Name'] === 'activity_search_text');
  if (params.q) expect(translated.length).toBeGreaterThan(0);
  expect(translated.map((n) => n['Node Type'])).not.toContain('Seq Scan');
});

test('the translation index really holds the scale translations', async () => {
  const [row] = await t.handle.query<{ n: number }>(`select count(*)::int as n from activity_search_text`);
  expect(row.n).toBeGreaterThan(15_000);
});

test('the scale seed really holds 20 000 more activities', async () => {
  const [row] = await t.handle.query<{ n: number }>(`select count(*)::int as n from activity`);
  expect(row.n).toBeGreaterThanOrEqual(20_150);
});

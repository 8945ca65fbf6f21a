import { sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { openDatabase, runMigrations } from '../../db/client';
import { seedDemo } from '../../db/seed';
import { useTestDatabase } from '../setup/db';

const t = useTestDatabase();

describe('the demo region', () => {
  test('has three kommuner with areas, 40+ organisations and 150+ published activities', async () => {
    const db = t.handle.db;
    const kommuner = await db.select().from(s.kommune);
    expect(kommuner.map((k) => k.name).sort()).toEqual(['Krødsherad', 'Modum', 'Sigdal']);
    expect((await db.select().from(s.area)).length).toBeGreaterThanOrEqual(9);
    expect((await db.select().from(s.organisation)).length).toBeGreaterThanOrEqual(40);
    const [stats] = await t.handle.query<{ n: number; categories: number; min_age: number; max_age: number }>(
      `select count(*)::int as n, count(distinct category)::int as categories, min(age_min)::int as min_age, max(age_max)::int as max_age
         from activity where status = 'published'`,
    );
    expect(stats.n).toBeGreaterThanOrEqual(150);
    expect(stats.categories).toBeGreaterThanOrEqual(12);
    expect(stats.min_age).toBeLessThanOrEqual(6);
    expect(stats.max_age).toBeGreaterThanOrEqual(18);
  });

  test('covers every age from 6 to 18', async () => {
    for (let age = 6; age <= 18; age++) {
      const [row] = await t.handle.query<{ n: number }>(`select count(*)::int as n from activity where age_min <= $1 and age_max >= $1`, [age]);
      expect(row.n, `activities for age ${age}`).toBeGreaterThan(3);
    }
  });

  test('has free activities, hidden costs, lendable equipment, support schemes, open days and translations', async () => {
    const q = (text: string) => t.handle.query<{ n: number }>(text).then((r) => r[0].n);
    expect(await q(`select count(*)::int as n from activity where total_cost_per_year_ore = 0`)).toBeGreaterThan(5);
    expect(await q(`select count(*)::int as n from activity_cost where kind in ('trips','uniform') and amount_ore > 0`)).toBeGreaterThan(20);
    expect(await q(`select count(*)::int as n from activity_equipment where source = 'lend' and lender_id is not null`)).toBeGreaterThan(20);
    expect(await q(`select count(*)::int as n from support_scheme`)).toBeGreaterThanOrEqual(5);
    expect(await q(`select count(*)::int as n from equipment_lender`)).toBeGreaterThanOrEqual(3);
    expect(await q(`select count(*)::int as n from open_day`)).toBeGreaterThan(5);
    expect(await q(`select count(distinct language)::int as n from translation`)).toBeGreaterThanOrEqual(3);
  });

  test('is the same on every run', async () => {
    const other = await openDatabase({ dataDir: 'memory://' });
    await runMigrations(other);
    await seedDemo(other, { now: t.seededAt });
    const snapshot = (rows: { slug: string; title: string; total: number }[]) => rows.map((r) => `${r.slug}|${r.title}|${r.total}`);
    const query = `select slug, title, total_cost_per_year_ore as total from activity order by slug`;
    expect(snapshot(await other.query(query))).toEqual(snapshot(await t.handle.query(query)));
    await other.close();
  });

  test('the Norwegian full-text column finds activities by stem', async () => {
    const rows = await t.handle.db
      .select({ title: s.activity.title })
      .from(s.activity)
      .where(sql`${s.activity.search} @@ plainto_tsquery('norwegian', 'svømmeskolen')`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.title.toLowerCase().includes('svømmeskole'))).toBe(true);
  });
});

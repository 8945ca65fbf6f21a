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

  test('every day without practice falls in its season on a weekday the activity meets', async () => {
    const [row] = await t.handle.query<{ exceptions: number; activities: number }>(
      `select count(*)::int as exceptions, count(distinct x.activity_id)::int as activities from activity_session x where x.cancelled and x.date is not null`,
    );
    expect(row.exceptions).toBeGreaterThan(200);
    const wrong = await t.handle.query<{ title: string; date: string; weekday: number; sessions: number[] }>(
      `select a.title, x.date::text as date, extract(isodow from x.date)::int as weekday,
              array(select w.weekday from activity_session w where w.activity_id = a.id and w.weekday is not null) as sessions
         from activity_session x join activity a on a.id = x.activity_id
        where x.cancelled and x.date is not null
          and (x.date < a.season_start or x.date > a.season_end
               or not exists (select 1 from activity_session w where w.activity_id = a.id and w.weekday = extract(isodow from x.date)))`,
    );
    expect(wrong.slice(0, 5)).toEqual([]);
    // Every schedule keeps a break (autumn and Christmas), so the page still has something to announce.
    const [without] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from activity a where exists (select 1 from activity_session w where w.activity_id = a.id and w.weekday is not null)
         and not exists (select 1 from activity_session x where x.activity_id = a.id and x.cancelled)`,
    );
    expect(without.n).toBe(0);
  });

  test('each equipment lender lends every item that an activity sends families there to borrow', async () => {
    const sent = await t.handle.query<{ lender: string; item: string; lent: boolean }>(
      `select distinct l.name as lender, e.item,
              lower(trim(e.item)) = any (select lower(trim(x)) from unnest(string_to_array(l.lends, ',')) x) as lent
         from activity_equipment e join equipment_lender l on l.id = e.lender_id`,
    );
    expect(new Set(sent.map((r) => r.lender)).size).toBe(3);
    expect(sent.filter((r) => !r.lent).map((r) => `${r.lender}: ${r.item}`)).toEqual([]);
    // Only items to borrow are sent to a lender, and a lender is in the activity's own kommune.
    const [stray] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from activity_equipment e join activity a on a.id = e.activity_id join equipment_lender l on l.id = e.lender_id
        where e.source <> 'lend' or l.kommune_id <> a.kommune_id`,
    );
    expect(stray.n).toBe(0);
  });

  test('the activity of the category "other" names its kind, and search text holds that kind', async () => {
    const rows = await t.handle.query<{ category_other: string | null; search_keywords: string }>(`select category_other, search_keywords from activity where category = 'annet'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.category_other).toBe('bordtennis');
      expect(r.search_keywords).toContain('bordtennis');
    }
  });

  test('is the same on every run', async () => {
    const other = await openDatabase({ dataDir: 'memory://' });
    await runMigrations(other);
    await seedDemo(other, { now: t.seededAt });
    const snapshot = (rows: { slug: string; title: string; total: number }[]) => rows.map((r) => `${r.slug}|${r.title}|${r.total}`);
    const query = `select slug, title, total_cost_per_year_ore as total from activity order by slug`;
    expect(snapshot(await other.query(query))).toEqual(snapshot(await t.handle.query(query)));
    await other.close();
    // A second database migrated and seeded from nothing: slow on a busy machine.
  }, 60_000);

  test('the Norwegian full-text column finds activities by stem', async () => {
    const rows = await t.handle.db
      .select({ title: s.activity.title })
      .from(s.activity)
      .where(sql`${s.activity.search} @@ plainto_tsquery('norwegian', 'svømmeskolen')`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.title.toLowerCase().includes('svømmeskole'))).toBe(true);
  });
});

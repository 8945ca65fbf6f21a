import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { getPublicActivity, similarOpenActivities } from '../../app/domain/catalogue/activity.server';
import { searchActivities } from '../../app/domain/catalogue/search.server';
import { createSignup } from '../../app/domain/signup/signup.server';
import { loader as activityLoader } from '../../app/routes/aktiviteter.$slug';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { request } from '../setup/users';

// Issue 11, part 6: a result nobody can join says so, and says what to do instead.
const t = useTestDatabase();

type Row = { id: number; slug: string; category: string; kommune: string };
const publicWhere = `a.status = 'published' and a.expires_at > now()`;
async function pick(where: string) {
  const [row] = await t.handle.query<Row>(
    `select a.id, a.slug, a.category, k.slug as kommune from activity a join kommune k on k.id = a.kommune_id where ${publicWhere} and ${where} order by a.id limit 1`,
  );
  if (!row) throw new Error(`no seeded activity where ${where}`);
  return row;
}
const input = { participantFirstName: 'Sara', birthYear: new Date().getUTCFullYear() - 10, guardianName: 'Nadia', guardianEmail: 'nadia@example.no', language: 'so' as const };

describe('an activity that is not taking new members', () => {
  test('the seed has full activities with and without a waiting list', async () => {
    await pick('not a.open_for_new and a.waiting_list');
    await pick('not a.open_for_new and not a.waiting_list');
  });

  test('without a waiting list: its page offers open activities of the same category in the same kommune, nearest first', async () => {
    const full = await pick(`not a.open_for_new and not a.waiting_list and (select count(*) from activity b where b.category = a.category and b.kommune_id = a.kommune_id and b.open_for_new and b.status = 'published' and b.expires_at > now()) >= 2`);
    const response = await activityLoader({ request: request(`/aktiviteter/${full.slug}?lng=so`), params: { slug: full.slug }, context: {} });
    const data = (await response.json()) as { activity: { openForNew: boolean; waitingList: boolean }; similar: { id: number; slug: string; distanceKm: number | null }[] };
    expect(data.activity).toMatchObject({ openForNew: false, waitingList: false });
    expect(data.similar.length).toBeGreaterThanOrEqual(2);
    const others = await t.handle.query<{ id: number; category: string; kommune: string; open: boolean }>(
      `select a.id, a.category, k.slug as kommune, a.open_for_new as open from activity a join kommune k on k.id = a.kommune_id where a.id = any($1)`,
      [data.similar.map((x) => x.id)],
    );
    for (const o of others) expect(o).toMatchObject({ category: full.category, kommune: full.kommune, open: true });
    expect(data.similar.map((x) => x.id)).not.toContain(full.id);
    const d = data.similar.map((x) => x.distanceKm!);
    expect(d).toEqual([...d].sort((a, b) => a - b));
  });

  test('without a waiting list it takes no sign-up; with one, the request goes onto the list', async () => {
    const noList = await pick('not a.open_for_new and not a.waiting_list');
    expect(await createSignup(noList.slug, input, '203.0.113.7')).toEqual({ ok: false, reason: 'closed' });
    const withList = await pick('not a.open_for_new and a.waiting_list');
    expect((await createSignup(withList.slug, input, '203.0.113.8')).ok).toBe(true);
    const page = (await getPublicActivity(withList.slug, 'nb'))!;
    expect(page).toMatchObject({ openForNew: false, waitingList: true });
  });

  test('a waiting list means nothing while the activity is open', async () => {
    const open = await pick('a.open_for_new');
    await db().update(s.activity).set({ waitingList: true }).where(eq(s.activity.id, open.id));
    expect((await getPublicActivity(open.slug, 'nb'))!.waitingList).toBe(false);
  });

  test('the search hides full activities unless asked, and then marks each one on its card', async () => {
    const full = await pick('not a.open_for_new');
    const byDefault = await searchActivities({ kategori: [full.category as never], kommune: full.kommune });
    expect(byDefault.hits.every((h) => h.openForNew)).toBe(true);
    const all = await searchActivities({ kategori: [full.category as never], kommune: full.kommune, nye: false });
    expect(all.total).toBeGreaterThan(byDefault.total);
    const hit = all.hits.find((h) => h.id === full.id) ?? (await searchActivities({ kategori: [full.category as never], kommune: full.kommune, nye: false, side: 2 })).hits.find((h) => h.id === full.id);
    expect(hit).toMatchObject({ openForNew: false, kommuneSlug: full.kommune });
  });

  test('similar activities carry their title in the reader’s language where the club translated it', async () => {
    const [tr] = await t.handle.query<{ id: number; text: string }>(
      `select tr.entity_id as id, tr.text from translation tr join activity a on a.id = tr.entity_id where tr.entity = 'activity' and tr.field = 'title' and tr.language = 'ar' and a.open_for_new and ${publicWhere} limit 1`,
    );
    const [a] = await t.handle.query<{ category: string; kommune: string }>(`select a.category, k.slug as kommune from activity a join kommune k on k.id = a.kommune_id where a.id = $1`, [tr.id]);
    const similar = await similarOpenActivities({ id: -1, category: a.category, kommuneSlug: a.kommune }, 'ar', new Date(), 50);
    expect(similar.find((x) => x.id === tr.id)?.title).toEqual({ text: tr.text, lang: 'ar', fallback: false });
  });
});

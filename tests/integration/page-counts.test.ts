// The counts on the home, support and lender pages (issue 13, part 3; docs/decisions/029-page-counts.md)
// are kept in public_count by triggers and the expiry sweep. After every kind of write they must equal a
// fresh count(*) over the public activities, by the app's own rule of "public" (isPublic).
import { and, count, countDistinct, eq, isNotNull, ne } from 'drizzle-orm';
import postgres from 'postgres';
import { inject } from 'vitest';
import * as s from '../../db/schema/index';
import { sweepExpiredCounts } from '../../app/domain/catalogue/page-counts.server';
import { isPublic } from '../../app/domain/catalogue/public.server';
import { activityEditorInput, changeLifecycle, moderateActivity, saveActivity } from '../../app/domain/club/activities.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { userWithRole } from '../setup/users';

const t = useTestDatabase();
const onPostgres = inject('testDb').kind === 'postgres';
const day = 864e5;
let org: typeof s.organisation.$inferSelect;
let adminId = '';
let venueId = 0;
let scheme = 0;
let otherScheme = 0;
let lender = 0;

beforeAll(async () => {
  [org] = await db().select().from(s.organisation).where(and(eq(s.organisation.status, 'approved'), isNotNull(s.organisation.verifiedAt))).orderBy(s.organisation.id).limit(1);
  adminId = (await userWithRole('club_admin', { organisationId: org.id })).id;
  [{ id: venueId }] = await db().select({ id: s.venue.id }).from(s.venue).where(eq(s.venue.kommuneId, org.kommuneId)).limit(1);
  const schemes = await db().select({ id: s.supportScheme.id }).from(s.supportScheme).where(and(eq(s.supportScheme.kommuneId, org.kommuneId), ne(s.supportScheme.kind, 'free_place'))).orderBy(s.supportScheme.id);
  [scheme, otherScheme] = schemes.map((x) => x.id);
  [{ id: lender }] = await db().select({ id: s.equipmentLender.id }).from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, org.kommuneId)).limit(1);
});

/** What the table holds, leaving out the zeros (a key nobody counts any more). */
async function stored() {
  const rows = await db().select().from(s.publicCount);
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [`${r.kind}:${r.key}`, r.n]));
}

/** The same counts from scratch, by the rule the search and the activity page use. */
async function fresh(now = new Date()) {
  const [categories, schemes, lenders] = await Promise.all([
    db().select({ key: s.activity.category, n: count() }).from(s.activity).where(isPublic(now)).groupBy(s.activity.category),
    db()
      .select({ key: s.activitySupport.schemeId, n: countDistinct(s.activity.id) })
      .from(s.activitySupport)
      .innerJoin(s.activity, eq(s.activity.id, s.activitySupport.activityId))
      .where(isPublic(now))
      .groupBy(s.activitySupport.schemeId),
    db()
      .select({ key: s.activityEquipment.lenderId, n: countDistinct(s.activity.id) })
      .from(s.activityEquipment)
      .innerJoin(s.activity, eq(s.activity.id, s.activityEquipment.activityId))
      .where(and(isPublic(now), isNotNull(s.activityEquipment.lenderId)))
      .groupBy(s.activityEquipment.lenderId),
  ]);
  return Object.fromEntries([
    ...categories.map((r) => [`category:${r.key}`, r.n]),
    ...schemes.map((r) => [`scheme:${r.key}`, r.n]),
    ...lenders.map((r) => [`lender:${r.key}`, r.n]),
  ]) as Record<string, number>;
}

const expectInStep = async (now?: Date) => expect(await stored()).toEqual(await fresh(now));

const editorInput = (over: Record<string, unknown> = {}) =>
  activityEditorInput.parse({
    title: 'Telling av tellinger', category: 'sjakk', description: 'Vi spiller sjakk hver uke, og alle kan være med.',
    ageMin: '8', ageMax: '14', seasonStart: '2026-08-15', seasonEnd: '2027-06-15', venueId: String(venueId), openForNew: 'on',
    sessions: [{ weekday: '2', start: '17:00', end: '18:00' }],
    equipment: [{ item: 'Ski', required: 'on', source: 'lend', lenderId: String(lender), price: '' }],
    schemes: [String(scheme)],
    ...over,
  });

async function newActivity(over: Record<string, unknown> = {}) {
  const saved = await saveActivity(org.id, adminId, editorInput(over));
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return saved.id;
}
const publish = (activityId: number, now?: Date) => changeLifecycle(org.id, adminId, { activityId, intent: 'publish' }, now);
const n = async (key: string) => (await stored())[key] ?? 0;

test('the seeded catalogue is counted from the start', async () => {
  const counts = await stored();
  expect(Object.keys(counts).filter((k) => k.startsWith('category:')).length).toBeGreaterThan(3);
  expect(Object.keys(counts).some((k) => k.startsWith('scheme:'))).toBe(true);
  await expectInStep();
});

test('publishing counts the activity in its category, its scheme and its lender; a draft counts nowhere', async () => {
  const before = { cat: await n('category:sjakk'), scheme: await n(`scheme:${scheme}`), lender: await n(`lender:${lender}`) };
  const id = await newActivity();
  expect(await n('category:sjakk')).toBe(before.cat);
  expect(await publish(id)).toBe(id);
  expect(await n('category:sjakk')).toBe(before.cat + 1);
  expect(await n(`scheme:${scheme}`)).toBe(before.scheme + 1);
  expect(await n(`lender:${lender}`)).toBe(before.lender + 1);
  await expectInStep();
});

test('editing the category moves the count; linking another scheme counts there too; archiving takes it out', async () => {
  const id = await newActivity();
  await publish(id);
  const before = { sjakk: await n('category:sjakk'), dans: await n('category:dans'), other: await n(`scheme:${otherScheme}`) };
  expect((await saveActivity(org.id, adminId, editorInput({ category: 'dans' }), id)).ok).toBe(true);
  expect(await n('category:sjakk')).toBe(before.sjakk - 1);
  expect(await n('category:dans')).toBe(before.dans + 1);
  await expectInStep();

  expect((await saveActivity(org.id, adminId, editorInput({ category: 'dans', schemes: [String(scheme), String(otherScheme)] }), id)).ok).toBe(true);
  expect(await n(`scheme:${otherScheme}`)).toBe(before.other + 1);
  await expectInStep();

  const lenderBefore = await n(`lender:${lender}`);
  await changeLifecycle(org.id, adminId, { activityId: id, intent: 'archive' });
  expect(await n('category:dans')).toBe(before.dans);
  expect(await n(`scheme:${otherScheme}`)).toBe(before.other);
  expect(await n(`lender:${lender}`)).toBe(lenderBefore - 1);
  await expectInStep();
});

test('an activity of a club the kommune has not verified counts once the kommune approves it', async () => {
  const kommuneAdmin = (await userWithRole('kommune_admin', { kommune: (await db().select().from(s.kommune).where(eq(s.kommune.id, org.kommuneId)))[0].slug })).id;
  const id = await newActivity({ category: 'klatring' });
  await db().update(s.organisation).set({ verifiedAt: null }).where(eq(s.organisation.id, org.id));
  try {
    const before = await n('category:klatring');
    await publish(id);
    expect(await n('category:klatring')).toBe(before);
    expect(await moderateActivity(org.kommuneId, kommuneAdmin, { activityId: id, decision: 'approve' })).toBe(true);
    expect(await n('category:klatring')).toBe(before + 1);
    await expectInStep();
  } finally {
    await db().update(s.organisation).set({ verifiedAt: org.verifiedAt }).where(eq(s.organisation.id, org.id));
  }
});

test('a write that rolls back leaves the counts as they were', async () => {
  const id = await newActivity({ category: 'korps' });
  const before = await stored();
  await expect(
    db().transaction(async (tx) => {
      await tx.update(s.activity).set({ status: 'published', expiresAt: new Date(Date.now() + 30 * day) }).where(eq(s.activity.id, id));
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(await stored()).toEqual(before);
});

test('two publishings at the same moment are both counted', async () => {
  const ids = [await newActivity({ category: 'friidrett' }), await newActivity({ category: 'friidrett' })];
  const before = await n('category:friidrett');
  await Promise.all(ids.map((id) => publish(id)));
  expect(await n('category:friidrett')).toBe(before + 2);
  await expectInStep();
});

// The interleaving that loses a count when each transaction just recounts: A recounts (seeing only its
// own change) and holds on; B recounts (seeing only its own) and waits for A's row; A commits; B writes
// its stale number over A's. Here B's recount must wait for A's commit and then see both.
test.runIf(onPostgres)('a recount waits for the other writer and then counts its change too', async () => {
  const ids = [await newActivity({ category: 'ridning' }), await newActivity({ category: 'ridning' })];
  const before = await n('category:ridning');
  const a = postgres(t.url!, { max: 1, onnotice: () => {} });
  const b = postgres(t.url!, { max: 1, onnotice: () => {} });
  const publishSql = (id: number) => `update activity set status = 'published', expires_at = now() + interval '30 days' where id = ${id}`;
  try {
    let releaseA: () => void = () => {};
    const aHolds = new Promise<void>((r) => (releaseA = r));
    let aCounted: () => void = () => {};
    const aReady = new Promise<void>((r) => (aCounted = r));
    const first = a.begin(async (tx) => {
      await tx.unsafe(publishSql(ids[0]));
      await tx.unsafe('set constraints all immediate'); // A recounts now, under its lock, and keeps it
      aCounted();
      await aHolds;
    });
    await aReady;
    let bDone = false;
    const second = b.begin(async (tx) => {
      await tx.unsafe(publishSql(ids[1]));
    }).then(() => (bDone = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(bDone).toBe(false); // B's commit waits for A
    releaseA();
    await Promise.all([first, second]);
  } finally {
    await a.end();
    await b.end();
  }
  expect(await n('category:ridning')).toBe(before + 2);
  await expectInStep();
});

test('the home page reads its counts from the table', async () => {
  const { loader } = await import('../../app/routes/_index');
  const load = async () => (await (await loader({ request: new Request('http://localhost/'), params: {}, context: {} })).json()) as { counts: Record<string, number> };
  expect((await load()).counts).toEqual(Object.fromEntries(Object.entries(await fresh()).filter(([k]) => k.startsWith('category:')).map(([k, v]) => [k.slice(9), v])));
  const [row] = await db().select().from(s.publicCount).where(eq(s.publicCount.kind, 'category')).limit(1);
  try {
    await db().update(s.publicCount).set({ n: 4242 }).where(and(eq(s.publicCount.kind, 'category'), eq(s.publicCount.key, row.key)));
    expect((await load()).counts[row.key]).toBe(4242);
  } finally {
    await db().update(s.publicCount).set({ n: row.n }).where(and(eq(s.publicCount.kind, 'category'), eq(s.publicCount.key, row.key)));
  }
});

test('the support and lender pages say how many activities name each scheme and lender', async () => {
  const counts = await fresh();
  const { loader: support } = await import('../../app/routes/stotte');
  const page = (await (await support({ request: new Request('http://localhost/stotte'), params: {}, context: {} })).json()) as { schemes: { id: number }[]; activityCounts: Record<string, number> };
  expect(page.schemes.map((x) => x.id)).toContain(scheme);
  for (const x of page.schemes) expect(page.activityCounts[x.id] ?? 0).toBe(counts[`scheme:${x.id}`] ?? 0);
  expect(page.activityCounts[scheme]).toBeGreaterThan(0);
  const { loader: lenders } = await import('../../app/routes/utstyr');
  const list = (await (await lenders({ request: new Request('http://localhost/utstyr'), params: {}, context: {} })).json()) as { lenders: { id: number }[]; activityCounts: Record<string, number> };
  expect(list.lenders.map((x) => x.id)).toContain(lender);
  for (const x of list.lenders) expect(list.activityCounts[x.id] ?? 0).toBe(counts[`lender:${x.id}`] ?? 0);
  expect(list.activityCounts[lender]).toBeGreaterThan(0);
});

// Last: the sweep moves its cursor into the future.
test('listings that expire without a write leave the counts when the sweep runs, once, on two servers at once', async () => {
  const id = await newActivity({ category: 'gaming' });
  const now = new Date();
  await publish(id, new Date(now.getTime() - 240 * day + 2 * day)); // expires in about two days
  const [{ expiresAt }] = await db().select({ expiresAt: s.activity.expiresAt }).from(s.activity).where(eq(s.activity.id, id));
  expect(expiresAt!.getTime()).toBeGreaterThan(now.getTime());
  await expectInStep(now);
  const later = new Date(expiresAt!.getTime() + 60_000);
  const stale = await stored();
  expect(stale).not.toEqual(await fresh(later)); // time alone made the table wrong
  const runs = await Promise.all([sweepExpiredCounts(later), sweepExpiredCounts(later)]);
  expect(runs.filter((r) => r.keys > 0)).toHaveLength(1);
  expect(await n('category:gaming')).toBe(stale['category:gaming'] - 1);
  await expectInStep(later);
  expect((await sweepExpiredCounts(later)).keys).toBe(0);
});

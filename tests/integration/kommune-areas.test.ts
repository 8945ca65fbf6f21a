import { and, eq, inArray } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { areaUses, createArea, kommuneAreas, mergeArea } from '../../app/domain/kommune/areas.server';
import { lookupPlaces } from '../../app/domain/catalogue/places.server';
import { createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { getFixedT } from '../../app/i18n.server';
import * as areaRoute from '../../app/routes/kommune.$kommune.omrader.$id';
import * as listRoute from '../../app/routes/kommune.$kommune.omrader._index';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 12, part 2 ("areas"): the kommune admin keeps its own areas; a merge moves everything that
// points at one area to the other in one go, and an area in use cannot simply be deleted.
useTestDatabase();
let admin: Awaited<ReturnType<typeof userWithRole>>;
let otherAdmin: Awaited<ReturnType<typeof userWithRole>>;
let modum: s.Kommune;
let sigdal: s.Kommune;

beforeAll(async () => {
  admin = await userWithRole('kommune_admin', { kommune: 'modum' });
  otherAdmin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
  [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  [sigdal] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'sigdal'));
});

const valid = { intent: 'save', name: 'Nedre Snarum', kind: 'grend', lat: '60,05', lon: '9.88' };
const post = (id: string, values: Record<string, string>, cookie = admin.cookie, kommune = 'modum') =>
  areaRoute.action({ request: request(`/kommune/${kommune}/omrader/${id}`, { cookie, ...form(values) }), params: { kommune, id }, context: {} }) as Promise<Response>;
const load = async (id: string, search = '', cookie = admin.cookie) =>
  (await (areaRoute.loader({ request: request(`/kommune/modum/omrader/${id}${search}`, { cookie }), params: { kommune: 'modum', id }, context: {} }) as Promise<Response>)).json();
const areasOf = (kommuneId = modum.id) => db().select().from(s.area).where(eq(s.area.kommuneId, kommuneId)).orderBy(s.area.id);
const auditOf = async (id: number) => db().select().from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'area'), eq(s.auditEvent.entityId, String(id)))).orderBy(s.auditEvent.id);

async function create(values: Record<string, string> = valid) {
  const res = await post('ny', values);
  expect(res.status).toBe(302);
  expect(await flashOf(res)).toEqual(['areas:editor.savedFlash']);
  return Number(res.headers.get('Location')!.split('/').pop());
}

describe('the kommune admin writes an area', () => {
  test('bad input gets translated errors beside each field and changes nothing', async () => {
    const before = await areasOf();
    const res = await post('ny', { intent: 'save', name: '', kind: 'fylke', lat: '10', lon: 'øst' });
    expect(res.status).toBe(400);
    const { errors, values } = await res.json();
    expect(errors).toEqual({ name: 'required', kind: 'areas:errors.kind', lat: 'areas:errors.lat', lon: 'areas:errors.lon' });
    expect(values).toMatchObject({ lat: '10', lon: 'øst' });
    // A name too long, a longitude outside Norway, an empty latitude.
    const again = await (await post('ny', { ...valid, name: 'x'.repeat(81), lat: '', lon: '32' })).json();
    expect(again.errors).toEqual({ name: 'tooLong', lat: 'required', lon: 'areas:errors.lon' });
    for (const lng of ['nb', 'so', 'ar']) {
      const t = await getFixedT(lng, 'areas');
      for (const key of ['errors.kind', 'errors.lat', 'errors.lon', 'errors.inUse', 'errors.mergeInto']) expect(t(key)).not.toBe(key);
    }
    expect(await areasOf()).toEqual(before);
  });

  test('a new area takes a comma decimal, gets a slug unique within the kommune, is audited and found by search at once', async () => {
    await lookupPlaces(); // the search's cache is warm before the area exists
    const id = await create();
    const [row] = (await areasOf()).filter((a) => a.id === id);
    expect(row).toMatchObject({ name: 'Nedre Snarum', slug: 'nedre-snarum', kind: 'grend', lat: 60.05, lon: 9.88 });
    const second = await create();
    const third = await create();
    expect((await areasOf()).filter((a) => [second, third].includes(a.id)).map((a) => a.slug)).toEqual(['nedre-snarum-2', 'nedre-snarum-3']);
    // Another kommune may have the same slug: it is unique within the kommune.
    const sigdalOwn = await createArea(sigdal.id, { name: 'Nedre Snarum', kind: 'grend', lat: 60.05, lon: 9.88 }, otherAdmin.id);
    expect((await areasOf(sigdal.id)).find((a) => a.id === sigdalOwn.id)!.slug).toBe('nedre-snarum');
    expect((await auditOf(id)).map((e) => [e.action, e.actorUserId])).toEqual([['area.created', admin.id]]);
    expect((await lookupPlaces()).areas.some((a) => a.id === id)).toBe(true);
    const list = await (await listRoute.loader({ request: request('/kommune/modum/omrader', { cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })).json();
    expect(list.areas.find((a: { id: number }) => a.id === id)).toEqual({ id, name: 'Nedre Snarum', kind: 'grend', activities: 0, venues: 0 });
  });

  test('an update changes name, kind and centre but keeps the slug that shared addresses use', async () => {
    const id = await create({ ...valid, name: 'Øvre Snarum' });
    const res = await post(String(id), { intent: 'save', name: 'Snarum øvre', kind: 'skolekrets', lat: '60.1', lon: '9,9' });
    expect(res.status).toBe(302);
    expect(await flashOf(res)).toEqual(['areas:editor.savedFlash']);
    expect((await areasOf()).find((a) => a.id === id)).toMatchObject({ name: 'Snarum øvre', slug: 'ovre-snarum', kind: 'skolekrets', lat: 60.1, lon: 9.9 });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['area.created', 'area.updated']);
  });

  test('the list counts the activities and venues of each area', async () => {
    const listed = await kommuneAreas(modum.id);
    const [used] = await db().select({ areaId: s.venue.areaId }).from(s.venue).where(eq(s.venue.kommuneId, modum.id)).limit(1);
    const venues = await db().select().from(s.venue).where(eq(s.venue.areaId, used.areaId!));
    const activities = await db().select().from(s.activity).where(eq(s.activity.areaId, used.areaId!));
    expect(listed.find((a) => a.id === used.areaId)).toMatchObject({ venues: venues.length, activities: activities.length });
  });

  test("another kommune's admin can neither read nor change Modum's area", async () => {
    const id = await create({ ...valid, name: 'Privat grend' });
    const params = { kommune: 'modum', id: String(id) };
    expect(await statusOf(() => areaRoute.loader({ request: request(`/kommune/modum/omrader/${id}`, { cookie: otherAdmin.cookie }), params, context: {} }))).toBe(403);
    expect(await statusOf(() => post(String(id), { ...valid, name: 'Kapret' }, otherAdmin.cookie))).toBe(403);
    expect(await statusOf(() => post(String(id), { intent: 'delete' }, otherAdmin.cookie))).toBe(403);
    // Through its own kommune's address the area does not exist, and cannot be a merge target either.
    expect(await statusOf(() => post(String(id), { ...valid, name: 'Kapret' }, otherAdmin.cookie, 'sigdal'))).toBe(404);
    expect(await statusOf(() => post(String(id), { intent: 'delete' }, otherAdmin.cookie, 'sigdal'))).toBe(404);
    const [sigdalArea] = await areasOf(sigdal.id);
    const intoModum = await post(String(sigdalArea.id), { intent: 'merge', into: String(id) }, otherAdmin.cookie, 'sigdal');
    expect(intoModum.status).toBe(400);
    expect((await intoModum.json()).errors).toEqual({ into: 'areas:errors.mergeInto' });
    expect(await mergeArea(modum.id, id, sigdalArea.id, admin.id)).toMatchObject({ ok: false, reason: 'notFound' });
    expect((await areasOf()).find((a) => a.id === id)).toMatchObject({ name: 'Privat grend' });
    expect((await areasOf(sigdal.id)).some((a) => a.id === sigdalArea.id)).toBe(true);
  });
});

describe('merge and delete', () => {
  test('a merge moves activities, venues, referrals, guides and statistics (adding clashing cells), deletes the area, audited once', async () => {
    const from = await create({ ...valid, name: 'Gamle Geithus' });
    const into = await create({ ...valid, name: 'Geithus sentrum' });
    const [activity] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).limit(1);
    const [venue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, modum.id)).limit(1);
    await db().update(s.activity).set({ areaId: from }).where(eq(s.activity.id, activity.id));
    await db().update(s.venue).set({ areaId: from }).where(eq(s.venue.id, venue.id));
    const referrer = await userWithRole('referrer', { kommune: 'modum' });
    const { id: referralId } = await createReferral(
      { userId: referrer.id, kommuneId: modum.id },
      referralInput.parse({ childFirstName: 'Sammen', birthYear: '2015', areaId: String(from), guardianName: 'Foresatt', guardianPhone: '+47 40000001', consentMethod: 'paper', consentDate: new Date().toISOString().slice(0, 10) }),
    );
    const both = await userWithRole('guide', { kommune: 'modum' });
    const onlyFrom = await userWithRole('guide', { kommune: 'modum' });
    await db().insert(s.guide).values([
      { userId: both.id, kommuneId: modum.id, languages: ['nb'], areaIds: [from, into], interests: [] },
      { userId: onlyFrom.id, kommuneId: modum.id, languages: ['nb'], areaIds: [from], interests: [] },
    ]);
    await db().insert(s.referralStatistic).values([
      { kommuneId: modum.id, quarter: '2026-Q1', areaId: from, outcome: 'active', count: 3 },
      { kommuneId: modum.id, quarter: '2026-Q1', areaId: into, outcome: 'active', count: 2 },
      { kommuneId: modum.id, quarter: '2026-Q2', areaId: from, outcome: 'tried', count: 1 },
    ]);

    // The question says what will move before anything does.
    const ask = await load(String(from), `?slaSammen=${into}`);
    expect(ask.merge).toEqual({ into: { id: into, name: 'Geithus sentrum' }, uses: { activities: 1, venues: 1, guides: 2 } });
    expect(await areaUses(modum.id, from)).toEqual({ activities: 1, venues: 1, referrals: 1, guides: 2, statisticCells: 2 });

    const res = await post(String(from), { intent: 'merge', into: String(into) });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/kommune/modum/omrader/${into}`);
    expect(await flashOf(res)).toEqual(['areas:editor.mergedFlash']);

    expect((await areasOf()).some((a) => a.id === from)).toBe(false);
    expect((await db().select().from(s.activity).where(eq(s.activity.id, activity.id)))[0].areaId).toBe(into);
    expect((await db().select().from(s.venue).where(eq(s.venue.id, venue.id)))[0].areaId).toBe(into);
    expect((await db().select().from(s.referral).where(eq(s.referral.id, referralId)))[0].areaId).toBe(into);
    const guides = await db().select().from(s.guide).where(inArray(s.guide.userId, [both.id, onlyFrom.id]));
    expect(guides.find((g) => g.userId === both.id)!.areaIds).toEqual([into]);
    expect(guides.find((g) => g.userId === onlyFrom.id)!.areaIds).toEqual([into]);
    const cells = await db().select().from(s.referralStatistic).where(and(eq(s.referralStatistic.kommuneId, modum.id), inArray(s.referralStatistic.areaId, [from, into])));
    expect(cells.map((c) => [c.quarter, c.areaId, c.outcome, c.count]).sort()).toEqual([
      ['2026-Q1', into, 'active', 5],
      ['2026-Q2', into, 'tried', 1],
    ]);

    const events = await auditOf(from);
    expect(events.map((e) => e.action)).toEqual(['area.created', 'area.merged']);
    expect(events[1].detail).toEqual({ kommuneId: modum.id, fromId: from, intoId: into, moved: { activities: 1, venues: 1, referrals: 1, guides: 2, statisticCells: 2 } });
    expect((await auditOf(into)).map((e) => e.action)).toEqual(['area.created']);
  });

  test('a merge into itself or into nothing is refused and changes nothing', async () => {
    const id = await create({ ...valid, name: 'Ensom grend' });
    const self = await post(String(id), { intent: 'merge', into: String(id) });
    expect(self.status).toBe(400);
    expect((await self.json()).errors).toEqual({ into: 'areas:errors.mergeSelf' });
    const none = await post(String(id), { intent: 'merge', into: '' });
    expect((await none.json()).errors).toEqual({ into: 'areas:errors.mergeInto' });
    expect((await areasOf()).some((a) => a.id === id)).toBe(true);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['area.created']);
  });

  test('delete asks first, is refused while anything uses the area (saying to merge), and removes an unused one', async () => {
    const used = await create({ ...valid, name: 'Brukt grend' });
    const [venue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, modum.id)).limit(1);
    await db().update(s.venue).set({ areaId: used }).where(eq(s.venue.id, venue.id));
    expect((await load(String(used), '?slett')).remove).toEqual({ inUse: true });
    const refused = await post(String(used), { intent: 'delete' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ delete: 'areas:errors.inUse' });
    expect((await areasOf()).some((a) => a.id === used)).toBe(true);

    // A statistics cell alone keeps it too: deleting would leave counts pointing at nothing.
    const stats = await create({ ...valid, name: 'Statistikkgrend' });
    await db().insert(s.referralStatistic).values({ kommuneId: modum.id, quarter: '2025-Q4', areaId: stats, outcome: 'moved', count: 1 });
    expect((await post(String(stats), { intent: 'delete' })).status).toBe(400);

    const unused = await create({ ...valid, name: 'Ubrukt grend' });
    expect((await load(String(unused), '?slett')).remove).toEqual({ inUse: false });
    const res = await post(String(unused), { intent: 'delete' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/kommune/modum/omrader');
    expect(await flashOf(res)).toEqual(['areas:editor.deletedFlash']);
    expect((await areasOf()).some((a) => a.id === unused)).toBe(false);
    expect((await auditOf(unused)).map((e) => e.action)).toEqual(['area.created', 'area.deleted']);
    expect((await auditOf(used)).map((e) => e.action)).toEqual(['area.created']);
    // The address of a deleted area is a 404, not a 500.
    expect(await statusOf(() => areaRoute.loader({ request: request(`/kommune/modum/omrader/${unused}`, { cookie: admin.cookie }), params: { kommune: 'modum', id: String(unused) }, context: {} }))).toBe(404);
    expect(await statusOf(() => areaRoute.loader({ request: request('/kommune/modum/omrader/abc', { cookie: admin.cookie }), params: { kommune: 'modum', id: 'abc' }, context: {} }))).toBe(404);
  });
});

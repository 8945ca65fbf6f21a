import { and, asc, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { publicLenders } from '../../app/domain/catalogue/directory.server';
import { editorChoices } from '../../app/domain/club/activities.server';
import { getFixedT } from '../../app/i18n.server';
import * as lenderRoute from '../../app/routes/kommune.$kommune.utstyr.$id';
import * as listRoute from '../../app/routes/kommune.$kommune.utstyr._index';
import * as activityRoute from '../../app/routes/klubb.$orgId.aktiviteter.$activityId._index';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 12, part 2 ("lenders"): the kommune admin keeps its equipment lenders: where, when open (two
// openings a day allowed), what they lend as a list, how to reach them. Clubs are offered a lender's
// items and may name only their own kommune's lenders.
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

const valid = {
  intent: 'save', name: 'BUA Åmot', address: 'Stasjonsgata 1, 3340 Åmot', lat: '59,89', lon: '9,91', venueId: '', url: 'https://bua.example/amot',
  contactEmail: 'bua@modum.example', contactPhone: '+47 400 00 000', items: 'Langrennsski\nSkøyter\n\nHjelm\nskøyter',
  'hours.0.weekday': '2', 'hours.0.opens': '10:00', 'hours.0.closes': '12:00',
  'hours.1.weekday': '2', 'hours.1.opens': '16:00', 'hours.1.closes': '19:00',
  'hours.2.weekday': '', 'hours.2.opens': '', 'hours.2.closes': '',
};
const post = (id: string, values: Record<string, string | string[]>, cookie = admin.cookie, kommune = 'modum') =>
  lenderRoute.action({ request: request(`/kommune/${kommune}/utstyr/${id}`, { cookie, ...form(values) }), params: { kommune, id }, context: {} }) as Promise<Response>;
const lendersOf = async (kommuneId = modum.id) => db().select().from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, kommuneId)).orderBy(asc(s.equipmentLender.id));
const itemsOf = async (id: number) => (await db().select().from(s.equipmentLenderItem).where(eq(s.equipmentLenderItem.lenderId, id)).orderBy(asc(s.equipmentLenderItem.position))).map((r) => r.name);
const hoursOf = async (id: number) =>
  (await db().select().from(s.equipmentLenderHours).where(eq(s.equipmentLenderHours.lenderId, id)).orderBy(asc(s.equipmentLenderHours.weekday), asc(s.equipmentLenderHours.opensAt))).map((h) => [h.weekday, h.opensAt.slice(0, 5), h.closesAt.slice(0, 5)]);
const auditOf = async (id: number) => (await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'equipment_lender'), eq(s.auditEvent.entityId, String(id))))).map((e) => e.action);

async function create(values: Record<string, string> = valid) {
  const res = await post('ny', values);
  expect(res.status).toBe(302);
  expect(await flashOf(res)).toEqual(['support:lenderEditor.savedFlash']);
  return Number(res.headers.get('Location')!.split('?')[0].split('/').pop());
}

describe('the kommune admin writes a lender', () => {
  test('bad input gets translated errors beside each field, an opening row keeps its number, and nothing changes', async () => {
    const before = await lendersOf();
    const res = await post('ny', {
      ...valid, name: ' ', address: '', lat: '12,5', lon: 'øst', url: 'ftp://bua.example', contactEmail: 'bua@', contactPhone: '12',
      items: `Ski\n${'x'.repeat(81)}`,
      // The blank row between them is skipped; the error is still shown beside the third row.
      'hours.0.weekday': '3', 'hours.0.opens': '10:00', 'hours.0.closes': '12:00',
      'hours.1.weekday': '', 'hours.1.opens': '', 'hours.1.closes': '',
      'hours.2.weekday': '3', 'hours.2.opens': '18:00', 'hours.2.closes': '17:30',
      'hours.3.weekday': '', 'hours.3.opens': '9', 'hours.3.closes': '',
    });
    expect(res.status).toBe(400);
    const { errors, values } = await res.json();
    expect(errors).toEqual({
      name: 'required', address: 'required', lat: 'support:lenderEditor.errors.lat', lon: 'support:lenderEditor.errors.lon', url: 'support:lenderEditor.errors.url',
      contactEmail: 'email', contactPhone: 'phone', items: 'support:lenderEditor.errors.itemTooLong',
      'hours.3.weekday': 'weekday', 'hours.3.opens': 'time', 'hours.3.closes': 'required',
    });
    expect(values['hours.2.closes']).toBe('17:30');
    // The order of an opening is checked once its fields are right, beside the row's closing time.
    const order = await post('ny', { ...valid, 'hours.1.closes': '15:00' });
    expect((await order.json()).errors).toEqual({ 'hours.1.closes': 'support:lenderEditor.errors.closesBeforeOpens' });
    // A row number no form draws is still one row, answered at once.
    const far = await post('ny', { ...valid, 'hours.999999999.weekday': '1', 'hours.999999999.opens': '25:00', 'hours.999999999.closes': '26:00' });
    expect((await far.json()).errors).toEqual({ 'hours.999999999.opens': 'time', 'hours.999999999.closes': 'time' });
    const many = await post('ny', { ...valid, items: Array.from({ length: 41 }, (_, i) => `Ting ${i}`).join('\n') });
    expect((await many.json()).errors).toEqual({ items: 'support:lenderEditor.errors.tooManyItems' });
    const t = await getFixedT('ar', 'support');
    for (const key of [...Object.values(errors), 'support:lenderEditor.errors.closesBeforeOpens', 'support:lenderEditor.errors.tooManyItems'] as string[])
      if (key.startsWith('support:')) expect(t(key.replace('support:', ''))).not.toBe(key.replace('support:', ''));
    expect(await lendersOf()).toEqual(before);
  });

  test('a new lender is saved with its items in order (repeats dropped), two openings on one day, a comma decimal, and audited', async () => {
    const id = await create();
    const [row] = (await lendersOf()).filter((r) => r.id === id);
    expect(row).toMatchObject({ name: 'BUA Åmot', lat: 59.89, lon: 9.91, url: 'https://bua.example/amot', contactEmail: 'bua@modum.example', contactPhone: '+47 400 00 000', lends: 'Langrennsski, Skøyter, Hjelm', venueId: null });
    expect(await itemsOf(id)).toEqual(['Langrennsski', 'Skøyter', 'Hjelm']);
    expect(await hoursOf(id)).toEqual([[2, '10:00', '12:00'], [2, '16:00', '19:00']]);
    expect(await auditOf(id)).toEqual(['equipment_lender.created']);
    // Families see it on /utstyr, both openings of the Tuesday on one line in their language.
    const shown = (await publicLenders('nb', 'modum')).find((l) => l.id === id)!;
    expect(shown).toMatchObject({ url: 'https://bua.example/amot', contactEmail: 'bua@modum.example', contactPhone: '+47 400 00 000' });
    expect(shown.hours).toEqual([{ weekday: 2, day: 'tirsdag', times: expect.stringMatching(/10:00–12:00.*16:00–19:00/) }]);
    const list = await (await listRoute.loader({ request: request('/kommune/modum/utstyr?lng=en', { cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })).json();
    expect(list.lenders.find((l: { id: number }) => l.id === id)).toMatchObject({ items: 3, hours: [{ day: 'Tuesday' }] });
  });

  test('an update replaces the items and the openings, drops a stale translation of the list, and is audited', async () => {
    const id = await create();
    await db().insert(s.translation).values({ entity: 'equipment_lender', entityId: id, field: 'lends', language: 'en', text: 'Skis, skates, helmet', source: 'reviewed' });
    const [venue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, modum.id)).limit(1);
    const res = await post(String(id), {
      ...valid, venueId: String(venue.id), items: 'Sykkel\nHjelm', 'hours.0.weekday': '5', 'hours.0.opens': '9.30', 'hours.0.closes': '11:00', 'hours.1.weekday': '', 'hours.1.opens': '', 'hours.1.closes': '',
    });
    expect(res.status).toBe(302);
    expect(await itemsOf(id)).toEqual(['Sykkel', 'Hjelm']);
    expect(await hoursOf(id)).toEqual([[5, '09:30', '11:00']]);
    expect((await lendersOf()).find((r) => r.id === id)).toMatchObject({ venueId: venue.id, lends: 'Sykkel, Hjelm' });
    expect(await db().select().from(s.translation).where(and(eq(s.translation.entity, 'equipment_lender'), eq(s.translation.entityId, id)))).toEqual([]);
    expect(await auditOf(id)).toEqual(['equipment_lender.created', 'equipment_lender.updated']);
    // Another kommune's venue is refused beside the field, and nothing changes.
    const [foreignVenue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, sigdal.id)).limit(1);
    const refused = await post(String(id), { ...valid, venueId: String(foreignVenue.id) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ venueId: 'invalid' });
    expect(await itemsOf(id)).toEqual(['Sykkel', 'Hjelm']);
  });

  test('delete asks first, is refused while an activity names the lender, then deletes with its rows and is audited', async () => {
    const id = await create();
    const ask = await (await lenderRoute.loader({ request: request(`/kommune/modum/utstyr/${id}?slett=1`, { cookie: admin.cookie }), params: { kommune: 'modum', id: String(id) }, context: {} })).json();
    expect(ask.uses).toEqual({ activities: 0, loans: 0 });
    const [activity] = await db()
      .select({ id: s.activity.id })
      .from(s.activity)
      .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
      .where(eq(s.organisation.kommuneId, modum.id))
      .limit(1);
    const [used] = await db().insert(s.activityEquipment).values({ activityId: activity.id, item: 'Skøyter', required: true, source: 'lend', lenderId: id }).returning();
    const refused = await post(String(id), { intent: 'delete' });
    expect(refused.status).toBe(409);
    expect((await refused.json()).errors).toEqual({ form: 'support:lenderEditor.errors.inUse' });
    expect((await lendersOf()).some((r) => r.id === id)).toBe(true);
    const askAgain = await (await lenderRoute.loader({ request: request(`/kommune/modum/utstyr/${id}?slett=1`, { cookie: admin.cookie }), params: { kommune: 'modum', id: String(id) }, context: {} })).json();
    expect(askAgain.uses).toEqual({ activities: 1, loans: 0 });

    await db().delete(s.activityEquipment).where(eq(s.activityEquipment.id, used.id));
    const deleted = await post(String(id), { intent: 'delete' });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get('Location')).toBe('/kommune/modum/utstyr');
    expect(await flashOf(deleted)).toEqual(['support:lenderEditor.deletedFlash']);
    expect((await lendersOf()).some((r) => r.id === id)).toBe(false);
    expect(await itemsOf(id)).toEqual([]);
    expect(await hoursOf(id)).toEqual([]);
    expect(await auditOf(id)).toEqual(['equipment_lender.created', 'equipment_lender.deleted']);
  });

  test("another kommune's admin can neither read, change nor delete Modum's lender", async () => {
    const id = await create();
    expect(await statusOf(() => lenderRoute.loader({ request: request(`/kommune/modum/utstyr/${id}`, { cookie: otherAdmin.cookie }), params: { kommune: 'modum', id: String(id) }, context: {} }))).toBe(403);
    expect(await statusOf(() => listRoute.loader({ request: request('/kommune/modum/utstyr', { cookie: otherAdmin.cookie }), params: { kommune: 'modum' }, context: {} }))).toBe(403);
    expect(await statusOf(() => post(String(id), { intent: 'delete' }, otherAdmin.cookie))).toBe(403);
    // Through its own kommune's address the lender does not exist.
    expect(await statusOf(() => post(String(id), { intent: 'delete' }, otherAdmin.cookie, 'sigdal'))).toBe(404);
    expect(await statusOf(() => post(String(id), { ...valid, name: 'Kapret' }, otherAdmin.cookie, 'sigdal'))).toBe(404);
    expect(await statusOf(() => lenderRoute.loader({ request: request(`/kommune/sigdal/utstyr/${id}`, { cookie: otherAdmin.cookie }), params: { kommune: 'sigdal', id: String(id) }, context: {} }))).toBe(404);
    const list = await (await listRoute.loader({ request: request('/kommune/sigdal/utstyr', { cookie: otherAdmin.cookie }), params: { kommune: 'sigdal' }, context: {} })).json();
    expect(list.lenders.some((l: { id: number }) => l.id === id)).toBe(false);
    expect((await lendersOf()).find((r) => r.id === id)!.name).toBe('BUA Åmot');
    expect(await auditOf(id)).toEqual(['equipment_lender.created']);
  });
});

describe("the club's activity editor", () => {
  test("offers the kommune's lenders with their items, and refuses another kommune's lender beside the field", async () => {
    const id = await create();
    const [org] = await db().select().from(s.organisation).where(and(eq(s.organisation.kommuneId, modum.id), eq(s.organisation.status, 'approved'))).orderBy(s.organisation.id).limit(1);
    const club = await userWithRole('club_admin', { organisationId: org.id });
    const choices = (await editorChoices(org.id))!;
    expect(choices.lenders.find((l) => l.id === id)).toMatchObject({ name: 'BUA Åmot', items: ['Langrennsski', 'Skøyter', 'Hjelm'] });

    const [venue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, modum.id)).limit(1);
    const [foreign] = await lendersOf(sigdal.id);
    const activity = (lenderId: number) => ({
      intent: 'save', title: 'Skøyteskole', category: 'fotball', categoryOther: '', description: 'Vi går på skøyter hver uke, og alle kan være med.',
      ageMin: '6', ageMax: '12', seasonStart: '2026-11-01', seasonEnd: '2027-03-15', venueId: String(venue.id), openForNew: 'on',
      'sessions.0.weekday': '3', 'sessions.0.start': '17:00', 'sessions.0.end': '18:00',
      'equipment.0.item': 'Skøyter', 'equipment.0.source': 'lend', 'equipment.0.lenderId': String(lenderId), 'equipment.0.price': '', 'equipment.0.required': 'on',
    });
    const save = (values: Record<string, string>) =>
      activityRoute.action({ request: request(`/klubb/${org.id}/aktiviteter/ny`, { cookie: club.cookie, ...form(values) }), params: { orgId: String(org.id), activityId: 'ny' }, context: {} }) as Promise<Response>;
    const before = (await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.organisationId, org.id))).length;
    const refused = await save(activity(foreign.id));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual({ 'equipment.0.lenderId': 'club:editor.errors.lenderKommune' });
    expect((await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.organisationId, org.id))).length).toBe(before);
    const t = await getFixedT('so', 'club');
    expect(t('editor.errors.lenderKommune')).not.toBe('editor.errors.lenderKommune');

    const saved = await save(activity(id));
    expect(saved.status).toBe(302);
    const activityId = Number(saved.headers.get('Location')!.split('/').pop());
    expect(await db().select({ lenderId: s.activityEquipment.lenderId }).from(s.activityEquipment).where(eq(s.activityEquipment.activityId, activityId))).toEqual([{ lenderId: id }]);
  });
});

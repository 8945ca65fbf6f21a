import { and, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { getPublicActivity } from '../../app/domain/catalogue/activity.server';
import { isPublic } from '../../app/domain/catalogue/public.server';
import { editorChoices } from '../../app/domain/club/activities.server';
import { publicSchemes } from '../../app/domain/support/schemes.server';
import { getFixedT } from '../../app/i18n.server';
import * as schemeRoute from '../../app/routes/kommune.$kommune.stotte.$id';
import * as listRoute from '../../app/routes/kommune.$kommune.stotte._index';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 12, part 2b: the kommune admin keeps its own support schemes; families see only those published
// and in force, on /stotte, on the activity page and in the club editor's choices, from the next request.
useTestDatabase();
let admin: Awaited<ReturnType<typeof userWithRole>>;
let otherAdmin: Awaited<ReturnType<typeof userWithRole>>;
let modum: s.Kommune;

beforeAll(async () => {
  admin = await userWithRole('kommune_admin', { kommune: 'modum' });
  otherAdmin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
  [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
});

const valid = {
  intent: 'save', name: 'Kontingentstøtte Modum', kind: 'activity_fund', covers: ['membership'], maxAmount: '1 500,50', whoCanGet: 'Barn i familier med lav inntekt.',
  howToApply: 'Send en e-post til kommunen.', description: 'Dekker medlemskontingenten.', url: 'https://modum.kommune.no/stotte', discreetViaGuide: 'on', validFrom: '', validTo: '',
};
const post = (id: string, values: Record<string, string | string[]>, cookie = admin.cookie, kommune = 'modum') =>
  schemeRoute.action({ request: request(`/kommune/${kommune}/stotte/${id}`, { cookie, ...form(values) }), params: { kommune, id }, context: {} }) as Promise<Response>;
const schemesOf = async () => db().select().from(s.supportScheme).where(eq(s.supportScheme.kommuneId, modum.id));
const auditOf = async (id: number) => (await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'support_scheme'), eq(s.auditEvent.entityId, String(id))))).map((e) => e.action);
const onStotte = async (name: string, lng = 'nb') => (await publicSchemes(lng, 'modum')).some((sc) => sc.texts.name.text === name);

async function create(values: Record<string, string | string[]> = valid) {
  const res = await post('ny', values);
  expect(res.status).toBe(302);
  return Number(res.headers.get('Location')!.split('/').pop());
}

/** A public activity of Modum with a membership fee (the seed has expired listings too), linked to the scheme. */
async function linkToActivity(schemeId: number) {
  const [row] = await db()
    .select({ id: s.activity.id, slug: s.activity.slug })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .innerJoin(s.activityCost, eq(s.activityCost.activityId, s.activity.id))
    .where(and(eq(s.organisation.kommuneId, modum.id), isPublic(), eq(s.activityCost.kind, 'membership')))
    .orderBy(s.activity.id)
    .limit(1);
  await db().insert(s.activitySupport).values({ activityId: row.id, schemeId });
  return row;
}

describe('the kommune admin writes a scheme', () => {
  test('bad input gets translated errors beside each field and changes nothing', async () => {
    const before = await schemesOf();
    const res = await post('ny', { ...valid, name: '', kind: 'lottery', covers: [], maxAmount: 'mye', url: 'http://modum.no', validFrom: '2026-08-01', validTo: '2026-07-01' });
    expect(res.status).toBe(400);
    const { errors } = await res.json();
    expect(errors).toEqual({
      name: 'required', kind: 'support:schemeEditor.errors.kind', covers: 'support:schemeEditor.errors.covers', maxAmount: 'support:schemeEditor.errors.amount',
      url: 'support:schemeEditor.errors.url',
    });
    // The period is checked once the fields themselves are right.
    const order = await post('ny', { ...valid, validFrom: '2026-08-01', validTo: '2026-07-01' });
    expect(order.status).toBe(400);
    expect((await order.json()).errors).toEqual({ validTo: 'support:schemeEditor.errors.validOrder' });
    const t = await getFixedT('so', 'support');
    for (const key of Object.values(errors) as string[]) if (key.startsWith('support:')) expect(t(key.replace('support:', ''))).not.toBe(key.replace('support:', ''));
    expect(await schemesOf()).toEqual(before);
  });

  test('a new scheme is a draft: saved with its amount in øre, audited, and nowhere public', async () => {
    const id = await create();
    const [row] = (await schemesOf()).filter((r) => r.id === id);
    expect(row).toMatchObject({ name: valid.name, kind: 'activity_fund', covers: ['membership'], maxAmountOre: 150050, discreetViaGuide: true, publishedAt: null });
    expect(await auditOf(id)).toEqual(['support_scheme.created']);
    expect(await onStotte(valid.name)).toBe(false);
    const list = await (await listRoute.loader({ request: request('/kommune/modum/stotte', { cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })).json();
    const listed = list.schemes.find((x: { id: number }) => x.id === id);
    expect(listed).toMatchObject({ published: false });
    expect(listed!.missing).toHaveLength(10);
  });

  test("another kommune's admin can neither read nor change Modum's scheme", async () => {
    const id = await create();
    expect(await statusOf(() => schemeRoute.loader({ request: request(`/kommune/modum/stotte/${id}`, { cookie: otherAdmin.cookie }), params: { kommune: 'modum', id: String(id) }, context: {} }))).toBe(403);
    expect(await statusOf(() => post(String(id), { intent: 'publish' }, otherAdmin.cookie))).toBe(403);
    // Through its own kommune's address the scheme does not exist.
    expect(await statusOf(() => post(String(id), { intent: 'publish' }, otherAdmin.cookie, 'sigdal'))).toBe(404);
    expect((await schemesOf()).find((r) => r.id === id)!.publishedAt).toBeNull();
  });
});

describe('what families see follows publishing and validity at once', () => {
  test('publish shows it on /stotte, the activity page and the club editor; unpublish asks first, then hides it everywhere', async () => {
    const id = await create();
    const activity = await linkToActivity(id);
    const shown = async () => ((await getPublicActivity(activity.slug, 'nb'))!.schemes ?? []).some((sc: { id: number }) => sc.id === id);
    expect(await shown()).toBe(false);

    const published = await post(String(id), { intent: 'publish' });
    expect(await flashOf(published)).toEqual(['support:schemeEditor.publishedFlash']);
    expect(await onStotte(valid.name)).toBe(true);
    expect(await shown()).toBe(true);
    const [{ organisationId }] = await db().select({ organisationId: s.activity.organisationId }).from(s.activity).where(eq(s.activity.id, activity.id));
    expect((await editorChoices(organisationId))!.schemes.some((sc) => sc.id === id)).toBe(true);

    const ask = await (await schemeRoute.loader({ request: request(`/kommune/modum/stotte/${id}?avpubliser=1`, { cookie: admin.cookie }), params: { kommune: 'modum', id: String(id) }, context: {} })).json();
    expect(ask.linked).toBe(1);
    const unpublished = await post(String(id), { intent: 'unpublish' });
    expect(await flashOf(unpublished)).toEqual(['support:schemeEditor.unpublishedFlash']);
    expect(await onStotte(valid.name)).toBe(false);
    expect(await shown()).toBe(false);
    expect((await editorChoices(organisationId))!.schemes.some((sc) => sc.id === id)).toBe(false);
    expect(await auditOf(id)).toEqual(['support_scheme.created', 'support_scheme.published', 'support_scheme.unpublished']);
  });

  test('a published scheme outside its validity is not shown; moving the dates shows it', async () => {
    const id = await create({ ...valid, validFrom: '2020-01-01', validTo: '2020-12-31' });
    await post(String(id), { intent: 'publish' });
    expect(await onStotte(valid.name)).toBe(false);
    const future = new Date(Date.now() + 86400_000 * 30).toISOString().slice(0, 10);
    await post(String(id), { ...valid, validFrom: future, validTo: '' });
    expect(await onStotte(valid.name)).toBe(false);
    await post(String(id), { ...valid, validFrom: '2020-01-01', validTo: future });
    expect(await onStotte(valid.name)).toBe(true);
    expect(await auditOf(id)).toEqual(['support_scheme.created', 'support_scheme.published', 'support_scheme.updated', 'support_scheme.updated']);
  });

  test('a Somali translation of the scheme shows on the activity page in Somali', async () => {
    const id = await create();
    await post(String(id), { intent: 'publish' });
    const activity = await linkToActivity(id);
    await db().insert(s.translation).values({ entity: 'support_scheme', entityId: id, field: 'name', language: 'so', text: 'Taageerada khidmadda xubinnimada', source: 'club' });
    const so = (await getPublicActivity(activity.slug, 'so'))!.schemes.find((sc: { id: number }) => sc.id === id)!;
    expect(so.name).toMatchObject({ text: 'Taageerada khidmadda xubinnimada', lang: 'so' });
    const nb = (await getPublicActivity(activity.slug, 'nb'))!.schemes.find((sc: { id: number }) => sc.id === id)!;
    expect(nb.name).toMatchObject({ text: valid.name });
  });
});

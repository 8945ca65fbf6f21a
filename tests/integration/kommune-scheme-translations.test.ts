import { and, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { getPublicActivity } from '../../app/domain/catalogue/activity.server';
import { publicSchemes } from '../../app/domain/support/schemes.server';
import * as schemeRoute from '../../app/routes/kommune.$kommune.stotte.$id';
import * as translationRoute from '../../app/routes/kommune.$kommune.stotte.$id_.oversettelse';
import * as previewRoute from '../../app/routes/kommune.$kommune.stotte.$id_.forhandsvis';
import * as factsRoute from '../../app/routes/kommune.$kommune.personvern';
import * as supportPage from '../../app/routes/stotte';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 12, part 2: the kommune admin translates a scheme's texts with what is missing shown, previews it
// as families will read it (a draft too), and sets the contact families see beside its schemes.
useTestDatabase();
let admin: Awaited<ReturnType<typeof userWithRole>>;
let otherAdmin: Awaited<ReturnType<typeof userWithRole>>;
let schemeId: number;

const scheme = {
  intent: 'save', name: 'Utstyrsstøtte Modum', kind: 'equipment', covers: ['equipment'], maxAmount: '800', whoCanGet: 'Barn i familier med lav inntekt.',
  howToApply: 'Spør fritidsguiden.', description: 'Dekker utstyr til en aktivitet.', url: '', discreetViaGuide: 'on', validFrom: '', validTo: '',
};
const somali = { language: 'so', name: 'Taageerada qalabka Modum', description: 'Waxay daboolaysaa qalabka hal hawlood.', whoCanGet: 'Carruurta qoysaska dakhligoodu hooseeyo.', howToApply: 'Weydii hagaha firaaqada.' };
const params = (id = schemeId) => ({ kommune: 'modum', id: String(id) });
const translate = (values: Record<string, string>, cookie = admin.cookie, id = schemeId) =>
  translationRoute.action({ request: request(`/kommune/modum/stotte/${id}/oversettelse`, { cookie, ...form(values) }), params: params(id), context: {} }) as Promise<Response>;
const overview = async (lang: string) =>
  (await (await translationRoute.loader({ request: request(`/kommune/modum/stotte/${schemeId}/oversettelse?sprak=${lang}`, { cookie: admin.cookie }), params: params(), context: {} })).json()) as {
    language: string; status: { language: string; missing: string[] }[]; current: Record<string, string>;
  };
const translationsOf = async (lang: string) =>
  db().select().from(s.translation).where(and(eq(s.translation.entity, 'support_scheme'), eq(s.translation.entityId, schemeId), eq(s.translation.language, lang)));

beforeAll(async () => {
  admin = await userWithRole('kommune_admin', { kommune: 'modum' });
  otherAdmin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
  const res = (await schemeRoute.action({ request: request('/kommune/modum/stotte/ny', { cookie: admin.cookie, ...form(scheme) }), params: { kommune: 'modum', id: 'ny' }, context: {} })) as Response;
  expect(res.status).toBe(302);
  schemeId = Number(res.headers.get('Location')!.split('/').pop());
});

describe('translating a scheme', () => {
  test('a new scheme lacks every text in every language but bokmål', async () => {
    const o = await overview('so');
    expect(o.language).toBe('so');
    expect(o.status.map((x) => x.language)).toEqual(['nn', 'se', 'en', 'pl', 'lt', 'uk', 'ar', 'so', 'ti', 'ur']);
    for (const x of o.status) expect(x.missing).toEqual(['name', 'description', 'whoCanGet', 'howToApply']);
  });

  test('saving Somali stores the four texts, audits the language, confirms, and marks Somali complete', async () => {
    const res = await translate(somali);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/kommune/modum/stotte/${schemeId}/oversettelse?sprak=so`);
    expect(await flashOf(res)).toEqual(['support:schemeTranslate.saved']);
    expect(Object.fromEntries((await translationsOf('so')).map((r) => [r.field, r.text]))).toEqual({ name: somali.name, description: somali.description, whoCanGet: somali.whoCanGet, howToApply: somali.howToApply });
    const o = await overview('so');
    expect(o.status.find((x) => x.language === 'so')!.missing).toEqual([]);
    expect(o.status.find((x) => x.language === 'ar')!.missing).toHaveLength(4);
    expect(o.current.name).toBe(somali.name);
    const events = await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'support_scheme'), eq(s.auditEvent.entityId, String(schemeId)), eq(s.auditEvent.action, 'support_scheme.translated')));
    expect(events).toHaveLength(1);
    expect(events[0].detail).toMatchObject({ language: 'so', filled: ['name', 'description', 'whoCanGet', 'howToApply'] });
    // The audit names the fields, never the text.
    expect(JSON.stringify(events[0].detail)).not.toContain('Taageerada');
  });

  test('a too long text is refused beside its field and changes nothing', async () => {
    const res = await translate({ ...somali, name: 'x'.repeat(121), description: 'Qoraal cusub' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ name: 'tooLong' });
    expect((await translationsOf('so')).find((r) => r.field === 'description')!.text).toBe(somali.description);
  });

  test('an emptied field removes that translation; families then read the bokmål, marked as such', async () => {
    await translate({ ...somali, howToApply: '' });
    expect((await translationsOf('so')).map((r) => r.field).sort()).toEqual(['description', 'name', 'whoCanGet']);
    expect((await overview('so')).status.find((x) => x.language === 'so')!.missing).toEqual(['howToApply']);
    await translate(somali);
  });

  test('an unknown language or another kommune’s admin is refused, and nothing is written', async () => {
    expect((await translate({ ...somali, language: 'nb' })).status).toBe(400);
    expect(await statusOf(() => translate({ ...somali, language: 'en' }, otherAdmin.cookie))).toBe(403);
    expect(await statusOf(() => translationRoute.loader({ request: request(`/kommune/modum/stotte/${schemeId}/oversettelse`, { cookie: otherAdmin.cookie }), params: params(), context: {} }))).toBe(403);
    expect(await translationsOf('en')).toEqual([]);
    expect(await statusOf(() => translate(somali, admin.cookie, 999_999))).toBe(404);
  });
});

describe('the preview and what families get', () => {
  test('the preview shows a draft in Somali as /stotte would, and says it is a draft', async () => {
    const p = await (await previewRoute.loader({ request: request(`/kommune/modum/stotte/${schemeId}/forhandsvis?sprak=so`, { cookie: admin.cookie }), params: params(), context: {} })).json();
    expect(p.language).toBe('so');
    expect(p.scheme.publishedAt).toBeNull();
    expect(p.scheme.texts.name).toEqual({ text: somali.name, lang: 'so', fallback: false });
    expect(p.scheme.covers).toEqual(['equipment']);
    expect(p.scheme.maxAmountOre).toBe(80_000);
    // Families do not see the draft yet.
    expect((await publicSchemes('so', 'modum')).some((x) => x.id === schemeId)).toBe(false);
    expect(await statusOf(() => previewRoute.loader({ request: request(`/kommune/modum/stotte/${schemeId}/forhandsvis`, { cookie: otherAdmin.cookie }), params: params(), context: {} }))).toBe(403);
  });

  test('once published, /stotte and the activity page show the Somali texts at once, and bokmål readers the bokmål', async () => {
    await schemeRoute.action({ request: request(`/kommune/modum/stotte/${schemeId}`, { cookie: admin.cookie, ...form({ intent: 'publish' }) }), params: params(), context: {} });
    const so = (await publicSchemes('so', 'modum')).find((x) => x.id === schemeId)!;
    expect(so.texts.name).toEqual({ text: somali.name, lang: 'so', fallback: false });
    expect(so.texts.howToApply.text).toBe(somali.howToApply);
    expect((await publicSchemes('nb', 'modum')).find((x) => x.id === schemeId)!.texts.name.text).toBe(scheme.name);
    // Arabic has no translation: the bokmål, marked so the page can say so.
    expect((await publicSchemes('ar', 'modum')).find((x) => x.id === schemeId)!.texts.name).toEqual({ text: scheme.name, lang: 'nb', fallback: true });

    const [activity] = await db()
      .select({ id: s.activity.id, slug: s.activity.slug })
      .from(s.activity)
      .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
      .innerJoin(s.kommune, eq(s.kommune.id, s.organisation.kommuneId))
      .where(and(eq(s.kommune.slug, 'modum'), eq(s.activity.status, 'published')))
      .limit(1);
    await db().insert(s.activitySupport).values({ activityId: activity.id, schemeId });
    const page = await getPublicActivity(activity.slug, 'so');
    expect(page!.schemes.find((x: { id: number }) => x.id === schemeId)!.name).toMatchObject({ text: somali.name, lang: 'so' });
  });
});

describe('the contact for families', () => {
  const facts = (values: Record<string, string>, cookie = admin.cookie) =>
    factsRoute.action({ request: request('/kommune/modum/personvern', { cookie, ...form({ intent: 'familyContact', ...values }) }), params: { kommune: 'modum' }, context: {} }) as Promise<Response>;
  const contact = { contactName: 'Fritidskontoret', contactEmail: 'fritid@modum.kommune.no', contactPhone: '32 78 00 00', contactUrl: 'https://www.modum.kommune.no/fritid' };
  const stotte = async (lng = 'nb') => (await (await supportPage.loader({ request: request(`/stotte?kommune=modum&lng=${lng}`), params: {}, context: {} })).json()) as { contacts: Record<string, typeof contact> };

  test('bad values are refused beside their fields and change nothing', async () => {
    const res = await facts({ contactName: 'Fritid', contactEmail: 'ikke-en-adresse', contactPhone: '12', contactUrl: 'modum.no' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ contactEmail: 'email', contactPhone: 'phone', contactUrl: 'url' });
    expect((await stotte()).contacts.modum).toBeUndefined();
  });

  test('the admin sets it, it is audited without its values, and /stotte shows it beside Modum’s schemes', async () => {
    const res = await facts(contact);
    expect(res.status).toBe(302);
    expect(await flashOf(res)).toEqual(['referral:kommuneContact.saved']);
    expect((await stotte('so')).contacts.modum).toEqual(contact);
    const loaded = await (await factsRoute.loader({ request: request('/kommune/modum/personvern', { cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })).json();
    expect(loaded.familyContact).toEqual(contact);
    const [event] = await db().select().from(s.auditEvent).where(eq(s.auditEvent.action, 'kommune.contact_changed'));
    expect(event.detail).toEqual({ filled: ['contactName', 'contactEmail', 'contactPhone', 'contactUrl'] });
    expect(await statusOf(() => facts(contact, otherAdmin.cookie))).toBe(403);
  });

  test('emptying every field takes the box away', async () => {
    await facts({ contactName: '', contactEmail: '', contactPhone: '', contactUrl: '' });
    expect((await stotte()).contacts.modum).toBeUndefined();
  });
});

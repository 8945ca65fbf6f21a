import { and, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { languages } from '../../app/i18n';
import { getFixedT } from '../../app/i18n.server';
import { addClubToConsent } from '../../app/domain/referral/casework.server';
import { consentPageText } from '../../app/domain/referral/privacy-contact.server';
import { answerConsent, CONSENT_TEXT_VERSION, createReferral, createSelfRequest, RECORDED_TEXT_VERSION, referralInput, SELF_REQUEST_TEXT_VERSION, selfRequestInput } from '../../app/domain/referral/referral.server';
import * as consentPage from '../../app/routes/samtykke.$token';
import * as receiptRoute from '../../app/routes/samtykke.$token.kvittering[.]txt';
import * as privacySettings from '../../app/routes/kommune.$kommune.personvern';
import { db } from '../../app/utils/db.server';
import { formatDate } from '../../app/utils/format';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 9, item 7: the consent page says who to ask (the kommune's controller and privacy officer, set
// by the kommune admin), who already sees the data, the rights and Datatilsynet; and the guardian can
// download a receipt of the exact text they said yes to, with its version.
useTestDatabase();
let krodsherad: s.Kommune;
let admin: Awaited<ReturnType<typeof userWithRole>>;
let otherAdmin: Awaited<ReturnType<typeof userWithRole>>;
let coordinator: Awaited<ReturnType<typeof userWithRole>>;
let referrer: Awaited<ReturnType<typeof userWithRole>>;

beforeAll(async () => {
  [krodsherad] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'krodsherad'));
  admin = await userWithRole('kommune_admin', { kommune: 'krodsherad' });
  otherAdmin = await userWithRole('kommune_admin', { kommune: 'modum' });
  coordinator = await userWithRole('coordinator', { kommune: 'krodsherad' });
  referrer = await userWithRole('referrer', { kommune: 'krodsherad' });
});

const newReferral = (language = 'nb') =>
  createReferral(
    { userId: referrer.id, kommuneId: krodsherad.id },
    referralInput.parse({ childFirstName: 'Nora', birthYear: '2015', guardianName: 'Hawa Testesen', guardianPhone: '+47 400 00 091', guardianLanguage: language, consentMethod: 'digital' }),
  );
type PageData = { status: string; privacy: { kommune: string; controller: string | null; officer: { name: string | null; email: string | null; phone: string | null } | null; datatilsynetUrl: string }; consentText: { key: string }[] };
const pageData = async (token: string, lng = 'nb') => (await (await consentPage.loader({ request: request(`/samtykke/${token}?lng=${lng}`), params: { token }, context: {} })).json()) as PageData;
const give = (token: string, lng: string) => consentPage.action({ request: request(`/samtykke/${token}?lng=${lng}`, form({ intent: 'give' })), params: { token }, context: {} });
const receipt = (token: string) => receiptRoute.loader({ request: request(`/samtykke/${token}/kvittering.txt`), params: { token }, context: {} });
const receiptText = async (token: string) => (await receipt(token)).text();
const saveContact = (cookie: string, values: Record<string, string>, kommune = 'krodsherad') =>
  privacySettings.action({ request: request(`/kommune/${kommune}/personvern`, { cookie, ...form({ intent: 'contact', ...values }) }), params: { kommune }, context: {} }) as Promise<Response>;
const stored = async () => (await db().select().from(s.kommune).where(eq(s.kommune.id, krodsherad.id)))[0];
const contact = { privacyController: 'Krødsherad kommune ved kommunedirektøren', privacyOfficerName: 'Per Vernesen', privacyOfficerEmail: 'personvern@krodsherad.test.example', privacyOfficerPhone: '+47 32 14 00 00' };

describe('who to ask, on the consent page', () => {
  test('a kommune that has set no contact is named as the controller, and the guardian is told to ask the kommune', async () => {
    // The demo leaves Krødsherad without a contact on purpose.
    expect(await stored()).toMatchObject({ privacyController: null, privacyOfficerName: null, privacyOfficerEmail: null, privacyOfficerPhone: null });
    const { guardianToken } = await newReferral();
    expect((await pageData(guardianToken)).privacy).toMatchObject({ kommune: 'Krødsherad', controller: null, officer: null });
    await give(guardianToken, 'nb');
    const t = await getFixedT('nb', 'referral');
    const text = await receiptText(guardianToken);
    expect(text).toContain(`${t('consent.privacy.controller')}: Krødsherad kommune`);
    expect(text).toContain(t('consent.privacy.askKommune', { kommune: 'Krødsherad' }));
  });

  test('the kommune admin saves the privacy contact; the consent page and the receipt show it, and the audit keeps no values', async () => {
    const res = await saveContact(admin.cookie, contact);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/kommune/krodsherad/personvern');
    expect(await flashOf(res)).toEqual(['referral:privacyContact.saved']);
    expect(await stored()).toMatchObject(contact);
    // The form shows what is stored.
    const settings = await (await privacySettings.loader({ request: request('/kommune/krodsherad/personvern', { cookie: admin.cookie }), params: { kommune: 'krodsherad' }, context: {} })).json();
    expect(settings.contact).toEqual(contact);

    const { guardianToken } = await newReferral();
    expect((await pageData(guardianToken)).privacy).toMatchObject({
      controller: contact.privacyController,
      officer: { name: contact.privacyOfficerName, email: contact.privacyOfficerEmail, phone: contact.privacyOfficerPhone },
    });
    await give(guardianToken, 'nb');
    const text = await receiptText(guardianToken);
    expect(text).toContain(contact.privacyController);
    expect(text).toContain(`${contact.privacyOfficerName}, ${contact.privacyOfficerEmail}, ${contact.privacyOfficerPhone}`);

    const [event] = await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.action, 'kommune.privacy_contact_changed'), eq(s.auditEvent.entityId, String(krodsherad.id))));
    expect(event.actorUserId).toBe(admin.id);
    const detail = JSON.stringify(event.detail);
    for (const value of Object.values(contact)) expect(detail).not.toContain(value);
  });

  test('a bad e-mail or phone gets a translated error beside its field and changes nothing; blank fields clear', async () => {
    const before = await stored();
    const badEmail = await saveContact(admin.cookie, { ...contact, privacyOfficerEmail: 'personvern(at)krodsherad' });
    expect(badEmail.status).toBe(400);
    const body = await badEmail.json();
    expect(body.errors).toEqual({ privacyOfficerEmail: 'email' });
    expect(body.values.privacyOfficerEmail).toBe('personvern(at)krodsherad');
    const badPhone = await saveContact(admin.cookie, { ...contact, privacyOfficerPhone: 'ring sentralbordet' });
    expect((await badPhone.json()).errors).toEqual({ privacyOfficerPhone: 'phone' });
    const tooLong = await saveContact(admin.cookie, { ...contact, privacyController: 'x'.repeat(201) });
    expect((await tooLong.json()).errors).toEqual({ privacyController: 'tooLong' });
    expect(await stored()).toEqual(before);
    // The keys are common's translated errors, in every language.
    for (const lng of languages) expect((await getFixedT(lng, 'common'))('errors.email')).not.toBe('errors.email');

    // Everything is optional: blank (or only spaces) removes a value.
    expect((await saveContact(admin.cookie, { ...contact, privacyOfficerName: '  ', privacyOfficerPhone: '' })).status).toBe(302);
    expect(await stored()).toMatchObject({ privacyOfficerName: null, privacyOfficerPhone: null, privacyOfficerEmail: contact.privacyOfficerEmail });
    await saveContact(admin.cookie, contact);
  });

  test('another kommune’s admin, and the kommune’s own coordinator, get 403 and change nothing', async () => {
    const before = await stored();
    for (const user of [otherAdmin, coordinator]) {
      expect(await statusOf(() => privacySettings.loader({ request: request('/kommune/krodsherad/personvern', { cookie: user.cookie }), params: { kommune: 'krodsherad' }, context: {} }))).toBe(403);
      expect(await statusOf(() => saveContact(user.cookie, { ...contact, privacyOfficerEmail: 'inntrenger@test.example' }))).toBe(403);
    }
    expect(await stored()).toEqual(before);
  });

  test('the page says who to ask, that the coordinator already sees the data, the rights and Datatilsynet, before and after the answer', async () => {
    const { guardianToken } = await newReferral('ar');
    const before = await pageData(guardianToken, 'ar');
    expect(before.status).toBe('awaiting_consent');
    expect(before.privacy).toMatchObject({ kommune: 'Krødsherad', controller: contact.privacyController, datatilsynetUrl: 'https://www.datatilsynet.no' });
    await give(guardianToken, 'ar');
    const after = await pageData(guardianToken, 'ar');
    expect(after.status).toBe('awaiting_guide');
    expect(after.privacy).toEqual(before.privacy);
    // Every language names Datatilsynet and the coordinator, with the kommune filled in.
    for (const lng of languages) {
      const t = await getFixedT(lng, 'referral');
      expect(t('consent.privacy.rightComplain'), lng).toContain('Datatilsynet');
      expect(t('consent.privacy.whoSees', { kommune: 'Krødsherad' }), lng).toContain('Krødsherad');
      expect(t('consent.privacy.whoSees'), lng).toContain(t('role.coordinator').toLowerCase().slice(0, 4));
    }
  });
});

describe('the guardian’s receipt', () => {
  test('after a yes it holds the exact text agreed to, in the language of the answer, with its version and date', async () => {
    const { id, guardianToken } = await newReferral('ar');
    await give(guardianToken, 'ar');
    const res = await receipt(guardianToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="samtykke-kvittering.txt"');
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const text = await res.text();
    const [row] = await db().select().from(s.consent).where(eq(s.consent.referralId, id));
    expect(row).toMatchObject({ textVersion: CONSENT_TEXT_VERSION, language: 'ar' });
    const t = await getFixedT('ar', 'referral');
    const [referrerRow] = await db().select({ name: s.user.name }).from(s.user).where(eq(s.user.id, referrer.id));
    const parts = consentPageText({ referrerName: referrerRow.name, kommune: 'Krødsherad', retentionDays: krodsherad.retentionDays });
    for (const p of [{ key: 'consent.title' }, ...parts]) expect(text).toContain(t(p.key, (p as { values?: Record<string, string> }).values));
    expect(text).toContain(t('consent.receipt.pressed', { answer: t('consent.give') }));
    expect(text).toContain(t('consent.version', { version: CONSENT_TEXT_VERSION }));
    expect(text).toContain(formatDate(row.answeredAt, 'ar', { dateStyle: 'long', timeStyle: 'short' }));
    expect(text).toContain('https://www.datatilsynet.no');
    // Their own consent only: not the child's or the guardian's details (those are on the page and in the download).
    expect(text).not.toMatch(/Nora|Hawa|400 00 091/);
  });

  test('it shows the version stored with the answer: a yes recorded on paper is not given the page’s words', async () => {
    const { id, guardianToken } = await newReferral();
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'paper', scope: ['guide'], language: 'nb', recordedByUserId: referrer.id, textVersion: RECORDED_TEXT_VERSION });
    const text = await receiptText(guardianToken);
    const t = await getFixedT('nb', 'referral');
    expect(text).toContain(t('consent.version', { version: RECORDED_TEXT_VERSION }));
    expect(text).toContain(t('consent.receipt.recorded'));
    expect(text).not.toContain(t('consent.whyBody'));
  });

  test('a request of one’s own shows the boxes ticked on /fritidsguide, and a later yes to a club is listed in its own words', async () => {
    const self = await createSelfRequest(
      selfRequestInput.parse({ kommune: 'krodsherad', who: 'young_person', age15: 'on', childFirstName: 'Sam', birthYear: String(new Date().getUTCFullYear() - 16), contactName: 'Sam', phone: '+47 400 00 092', email: '', language: 'so', consent: 'on', website: '' }),
    );
    const [club] = await db().select().from(s.organisation).where(eq(s.organisation.kommuneId, krodsherad.id)).limit(1);
    await addClubToConsent(self!.id, club.id, null, 'digital', new Date(), 'en');
    const text = await receiptText(self!.token);
    const so = await getFixedT('so', 'referral');
    const en = await getFixedT('en', 'referral');
    expect(text).toContain(so('consent.version', { version: SELF_REQUEST_TEXT_VERSION }));
    for (const key of ['self.consent', 'self.age15']) expect(text).toContain(so('consent.receipt.ticked', { answer: so(key) }));
    expect(text).toContain(so('self.consentText'));
    // The club's yes was given in English, so it reads in English.
    expect(text).toContain(en('consent.receipt.pressed', { answer: en('consent.clubRequest.yes', { club: club.name }) }));
    expect(text).toContain(en('consent.clubRequest.what'));
  });

  test('it is 404 for a wrong or expired link and before any yes, and the address holds nothing but the token', async () => {
    expect(await statusOf(() => receipt('not-a-real-token'))).toBe(404);
    const waiting = await newReferral();
    expect(await statusOf(() => receipt(waiting.guardianToken))).toBe(404);
    const expired = await newReferral();
    await db().update(s.referral).set({ guardianTokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(s.referral.id, expired.id));
    expect(await statusOf(() => receipt(expired.guardianToken))).toBe(404);
    const declined = await newReferral();
    await consentPage.action({ request: request(`/samtykke/${declined.guardianToken}`, form({ intent: 'decline' })), params: { token: declined.guardianToken }, context: {} });
    expect(await statusOf(() => receipt(declined.guardianToken))).toBe(404);
  });

  test('reading the receipt is logged as a read by the guardian, saying what was read', async () => {
    const { id, guardianToken } = await newReferral();
    await give(guardianToken, 'nb');
    const reads = () => db().select().from(s.auditEvent).where(and(eq(s.auditEvent.action, 'referral.read_by_guardian'), eq(s.auditEvent.entityId, String(id))));
    const before = (await reads()).length;
    await receiptText(guardianToken);
    const after = await reads();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actorUserId: null, entity: 'referral', detail: { what: 'receipt' } });
  });
});

test('the guide’s note hint says truthfully who sees a note: the guide, the coordinator and the guardian', async () => {
  const t = await getFixedT('nb', 'referral');
  expect(t('guide.noteHint')).toMatch(/^Du, koordinatoren i kommunen og foresatte ser notatet\./);
  for (const lng of languages) expect((await getFixedT(lng, 'referral'))('guide.noteHint'), lng).not.toMatch(/^(Bare for deg|Only for you)/);
});

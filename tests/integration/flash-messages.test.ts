import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { issueToken } from '../../app/domain/auth/accounts.server';
import { renderMessage } from '../../app/domain/notifications/templates.server';
import { answerConsent, assignGuide, createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { getFixedT } from '../../app/i18n.server';
import { decrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { FLASH_COOKIE } from '../../app/utils/session.server';
import { useTestDatabase } from '../setup/db';
import { appHandler } from '../setup/remix-app';
import { form, readyGuide, request, userWithRole } from '../setup/users';

// Issue 11, part 7: a confirmation after every redirect of the signed-in pages, through one flash cookie
// (app/utils/session.server.ts), read and cleared by the root loader; public pages set no cookie. Through
// the app's real request handler: the action's redirect, then the page it leads to, then the next page.
useTestDatabase();

let app: Awaited<ReturnType<typeof appHandler>>;
let modum: s.Kommune;
beforeAll(async () => {
  app = await appHandler();
  [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
});

const flashCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${FLASH_COOKIE}=`));
const withData = (path: string, id: string) => `${path}${path.includes('?') ? '&' : '?'}_data=${encodeURIComponent(id)}`;
const rootData = async (path: string, cookie: string) => {
  const res = await app.fetch(request(withData(path, 'root'), { cookie }));
  expect(res.status).toBe(200);
  return { res, data: (await res.json()) as { flash: { messages: { kind: string; text: string }[] } | null } };
};

/**
 * Posts a form the way the browser's JavaScript does, follows the redirect to the next page with the
 * cookies a browser would then hold, and returns the texts the layout shows there. Checks on the way
 * that the page clears the flash and that the page after it shows nothing.
 */
async function confirmationAfter(path: string, routeId: string, values: Record<string, string>, session = '') {
  const posted = await app.fetch(request(withData(path, routeId), { cookie: session || undefined, ...form(values) }));
  expect(posted.status).toBe(204);
  const location = posted.headers.get('X-Remix-Redirect');
  expect(location).toBeTruthy();
  expect(location).not.toMatch(/[?&](lagret|tildelt|lukket|passord)=/);
  const flash = flashCookieOf(posted);
  expect(flash).toMatch(/HttpOnly/);
  const cookies = [session, flash!.split(';')[0]].filter(Boolean).join('; ');
  const { res, data } = await rootData(location!, cookies);
  expect(flashCookieOf(res)).toMatch(/Max-Age=0/);
  expect(res.headers.get('Cache-Control')).toBe('private, no-store');
  // The next page: the browser has dropped the cleared cookie.
  expect((await rootData(location!, session)).data.flash).toBeNull();
  return { location, texts: data.flash?.messages.map((m) => m.text) ?? [] };
}

async function consentedReferral() {
  const referrer = await userWithRole('referrer', { kommune: 'modum' });
  const { id } = await createReferral(
    { userId: referrer.id, kommuneId: modum.id },
    referralInput.parse({ childFirstName: 'Flash', birthYear: '2014', guardianName: 'Foresatt', guardianPhone: '+47 400 00 078', consentMethod: 'digital' }),
  );
  const [act] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).limit(1);
  await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide', `club:${act.organisationId}`], language: 'nb' });
  return { id, act };
}

describe('a confirmation shows once after the redirect and is gone on the next page', () => {
  test('approving a club', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const [org] = await db().insert(s.organisation).values({ kommuneId: modum.id, slug: 'flash-klubb', name: 'Flashklubben', status: 'pending' }).returning();
    const t = await getFixedT('nb', 'club');
    const { location, texts } = await confirmationAfter('/kommune/modum/moderering', 'routes/kommune.$kommune.moderering', { organisationId: String(org.id), decision: 'approve' }, admin.cookie);
    expect(location).toBe('/kommune/modum/moderering');
    expect(texts).toEqual([t('moderation.decided.organisation.approve')]);
    expect((await db().select().from(s.organisation).where(eq(s.organisation.id, org.id)))[0].status).toBe('approved');
  });

  test('rejecting a club says rejected, not approved', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const [org] = await db().insert(s.organisation).values({ kommuneId: modum.id, slug: 'flash-klubb-2', name: 'Flashklubben 2', status: 'pending' }).returning();
    const t = await getFixedT('nb', 'club');
    const { texts } = await confirmationAfter('/kommune/modum/moderering', 'routes/kommune.$kommune.moderering', { organisationId: String(org.id), decision: 'reject', reason: 'Mangler orgnr' }, admin.cookie);
    expect(texts).toEqual([t('moderation.decided.organisation.reject')]);
  });

  test('assigning a guide', async () => {
    const coordinator = await userWithRole('coordinator', { kommune: 'modum' });
    const guide = await readyGuide();
    const { id } = await consentedReferral();
    const t = await getFixedT('nb', 'referral');
    const { location, texts } = await confirmationAfter(`/koordinator/${id}`, 'routes/koordinator.$id', { guide: guide.id }, coordinator.cookie);
    expect(location).toBe(`/koordinator/${id}`);
    expect(texts).toEqual([t('queue.assignedFlash')]);
  });

  test('closing a case', async () => {
    const guide = await readyGuide();
    const coordinator = await userWithRole('coordinator', { kommune: 'modum' });
    const { id } = await consentedReferral();
    await assignGuide(id, guide.id, { score: 1, reasons: [] }, coordinator.id);
    const t = await getFixedT('nb', 'referral');
    const { location, texts } = await confirmationAfter(`/guide/${id}`, 'routes/guide.$id', { intent: 'close', outcome: 'active', confirm: 'on' }, guide.cookie);
    expect(location).toBe('/guide');
    expect(texts).toEqual([t('guide.closedFlash')]);
  });

  test('a new password (the flash reaches the sign-in page, where nobody is signed in yet)', async () => {
    const u = await userWithRole('club_admin', { organisationId: (await db().select().from(s.organisation).limit(1))[0].id });
    const token = await issueToken('reset_password', u.id);
    const t = await getFixedT('nb', 'account');
    const { location, texts } = await confirmationAfter(`/nytt-passord/${token}`, 'routes/nytt-passord.$token', { password: 'et helt nytt passord 2027' });
    expect(location).toBe('/logg-inn');
    expect(texts).toEqual([t('reset.done')]);
  });

  test('the message is in the reader language', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const [org] = await db().insert(s.organisation).values({ kommuneId: modum.id, slug: 'flash-klubb-ar', name: 'Flash AR', status: 'pending' }).returning();
    const posted = await app.fetch(request(withData('/kommune/modum/moderering', 'routes/kommune.$kommune.moderering'), { cookie: admin.cookie, ...form({ organisationId: String(org.id), decision: 'approve' }) }));
    const cookies = `${admin.cookie}; ${flashCookieOf(posted)!.split(';')[0]}`;
    const { data } = await rootData('/kommune/modum/moderering?lng=ar', cookies);
    expect(data.flash?.messages).toEqual([{ kind: 'success', text: (await getFixedT('ar', 'club'))('moderation.decided.organisation.approve') }]);
  });

  test('a forged or tampered flash cookie shows nothing and is cleared', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const forged = Buffer.from(JSON.stringify({ m: ['club:editor.saved'], id: 'x' })).toString('base64url');
    for (const value of [forged, `${forged}.bad-signature`, 'garbage']) {
      const { res, data } = await rootData('/konto', `${admin.cookie}; ${FLASH_COOKIE}=${value}`);
      expect(data.flash).toBeNull();
      expect(flashCookieOf(res)).toMatch(/Max-Age=0/);
    }
  });
});

describe('public pages stay cookie-free', () => {
  test('no public page sets a cookie, and none reads a flash into its HTML', async () => {
    const [activity] = await db().select({ slug: s.activity.slug }).from(s.activity).where(eq(s.activity.status, 'published')).limit(1);
    const [org] = await db().select({ slug: s.organisation.slug }).from(s.organisation).where(eq(s.organisation.status, 'approved')).limit(1);
    const pages = ['/', '/aktiviteter', '/aktiviteter?q=fotball', `/aktiviteter/${activity.slug}`, `/organisasjoner/${org.slug}`, '/stotte', '/utstyr', '/apne-dager', '/fritidsguide', '/tilgjengelighet', '/logg-inn', '/registrer-klubb', '/glemt-passord'];
    for (const path of pages) {
      const res = await app.fetch(request(path));
      expect(res.status, path).toBe(200);
      expect(res.headers.getSetCookie(), path).toEqual([]);
      const data = await app.fetch(request(withData(path, 'root')));
      expect(data.headers.getSetCookie(), path).toEqual([]);
    }
  });
});

describe('the e-mail to the club says what was decided', () => {
  test('approved: says approved and how to start; rejected: says not approved, the reason and what to do next', async () => {
    const { decideOrganisation } = await import('../../app/domain/club/organisations.server');
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const mails: Record<string, { subject: string; text: string }> = {};
    for (const decision of ['approve', 'reject'] as const) {
      const [org] = await db().insert(s.organisation).values({ kommuneId: modum.id, slug: `epost-${decision}`, name: `Epostklubb ${decision}`, status: 'pending' }).returning();
      const clubAdmin = await userWithRole('club_admin', { organisationId: org.id });
      await db().update(s.user).set({ preferredLanguage: 'en' }).where(eq(s.user.id, clubAdmin.id));
      await db().delete(s.outbox);
      expect(await decideOrganisation(modum.id, admin.id, { organisationId: org.id, decision, reason: decision === 'reject' ? 'The organisation number is missing' : undefined })).toBe(true);
      const [message] = await db().select().from(s.outbox).where(eq(s.outbox.template, 'organisation-decision'));
      expect(decrypt(message.recipient)).toBe(clubAdmin.email);
      expect(message.language).toBe('en');
      mails[decision] = await renderMessage('organisation-decision', message.language, JSON.parse(decrypt(message.params.enc as string)));
      // The same message in bokmål, for the words a reader of either language looks for.
      const nb = await renderMessage('organisation-decision', 'nb', JSON.parse(decrypt(message.params.enc as string)));
      expect(nb.subject).toBe(decision === 'approve' ? `Epostklubb ${decision} er godkjent` : `Epostklubb ${decision} er ikke godkjent`);
    }
    const en = await getFixedT('en', 'email');
    expect(mails.approve.subject).toBe('Epostklubb approve is approved');
    expect(mails.approve.text).toContain('Modum municipality has approved the registration of Epostklubb approve');
    expect(mails.approve.text).toMatch(/add the club's first activity and publish it/);
    expect(mails.approve.text).toMatch(/\/klubb\/\d+\?lng=en/);
    expect(mails.reject.subject).toBe('Epostklubb reject is not approved');
    expect(mails.reject.text).toContain('has not approved the registration of Epostklubb reject');
    expect(mails.reject.text).toContain("The municipality's reason: The organisation number is missing");
    expect(mails.reject.text).toContain('contact Modum municipality');
    // Neither falls back to the old text that said neither.
    for (const [decision, m] of Object.entries(mails)) expect(m.subject).not.toBe(en('organisation-decision.subject', { organisation: `Epostklubb ${decision}` }));
  });
});

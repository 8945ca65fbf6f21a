import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { REPORT_LIMITS } from '../../app/domain/accessibility/report.server';
import { renderMessage } from '../../app/domain/notifications/templates.server';
import { languages } from '../../app/i18n';
import { decrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { appHandler } from '../setup/remix-app';
import { form, request, userWithRole } from '../setup/users';

// Issue 11, part 9: the accessibility statement's report form reaches the kommune's admins through the
// mail outbox; bad input changes nothing; and every public page has a description, one canonical link
// and an hreflang alternate per language plus x-default, with absolute addresses from PUBLIC_URL.
useTestDatabase();

let app: Awaited<ReturnType<typeof appHandler>>;
beforeAll(async () => {
  app = await appHandler();
});

const ROUTE = 'routes/tilgjengelighet';
const post = (values: Record<string, string>) =>
  app.fetch(request(`/tilgjengelighet?_data=${encodeURIComponent(ROUTE)}`, form(values)));
const reports = () => db().select().from(s.outbox).where(eq(s.outbox.template, 'accessibility-report'));

describe('the report form', () => {
  test('a report is queued to every kommune admin of the chosen kommune, in their language, and the page confirms it', async () => {
    const a = await userWithRole('kommune_admin', { kommune: 'sigdal' });
    const b = await userWithRole('kommune_admin', { kommune: 'sigdal' });
    await db().update(s.user).set({ preferredLanguage: 'en' }).where(eq(s.user.id, b.id));
    const other = await userWithRole('kommune_admin', { kommune: 'modum' });
    await db().delete(s.outbox);
    const message = 'Knappen «Søk» kan ikke nås med tastaturet';
    const res = await app.fetch(
      request(`/tilgjengelighet?lng=so&_data=${encodeURIComponent(ROUTE)}`, form({ kommune: 'sigdal', page: '/aktiviteter', message, email: 'meg@eksempel.no', website: '' })),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('X-Remix-Redirect')).toBe('/tilgjengelighet?sendt=1&lng=so#melding');
    // Public page: the confirmation travels in the address, not in a cookie.
    expect(res.headers.getSetCookie()).toEqual([]);
    const queued = await reports();
    const recipients = await Promise.all(queued.map((m) => decrypt(m.recipient)));
    expect(recipients.sort()).toEqual([a.email, b.email].sort());
    expect(recipients).not.toContain(other.email);
    const en = queued.find((m) => m.language === 'en')!;
    // The mail says that a report has come and where to read it; what the reporter wrote is not in it
    // (it may be personal data), nor in the outbox.
    const params = JSON.parse(decrypt(en.params.enc as string)) as Record<string, string>;
    const mail = await renderMessage('accessibility-report', 'en', params);
    expect(mail.subject).toBe('New accessibility report in Fritidsportalen');
    expect(mail.text).toContain('(Sigdal)');
    expect(mail.text).toMatch(/https?:\/\/[^\s]+\/kommune\/sigdal\/tilgjengelighet/);
    for (const written of [message, 'meg@eksempel.no', '/aktiviteter']) {
      expect(mail.text).not.toContain(written);
      expect(JSON.stringify(params)).not.toContain(written);
    }
    // Stored once, encrypted, for the kommune.
    const [stored, ...more] = await db().select().from(s.accessibilityReport);
    expect(more).toEqual([]);
    expect(stored.message).not.toContain('Knappen');
    expect([decrypt(stored.message), decrypt(stored.page), decrypt(stored.replyTo!), stored.language]).toEqual([message, '/aktiviteter', 'meg@eksempel.no', 'so']);
    const page = (await (await app.fetch(request(`/tilgjengelighet?sendt=1&_data=${encodeURIComponent(ROUTE)}`))).json()) as { sent: boolean };
    expect(page.sent).toBe(true);

    // The kommune's admin reads it on the kommune's page and marks it handled, once; another kommune's admin cannot.
    const ADMIN = 'routes/kommune.$kommune.tilgjengelighet';
    const adminPage = (cookie: string, kommune = 'sigdal') => app.fetch(request(`/kommune/${kommune}/tilgjengelighet?_data=${encodeURIComponent(ADMIN)}`, { cookie }));
    const listed = (await (await adminPage(a.cookie)).json()) as { reports: { id: number; message: string; replyTo: string; page: string; handledAt: string | null }[] };
    expect(listed.reports).toMatchObject([{ id: stored.id, message, replyTo: 'meg@eksempel.no', page: '/aktiviteter', handledAt: null }]);
    expect((await adminPage(other.cookie)).status).toBe(403);
    const mark = (cookie: string, kommune = 'sigdal') => app.fetch(request(`/kommune/${kommune}/tilgjengelighet?_data=${encodeURIComponent(ADMIN)}`, { ...form({ report: String(stored.id) }), cookie }));
    expect((await mark(other.cookie)).status).toBe(403);
    expect((await mark(other.cookie, 'modum')).status).toBe(204);
    expect((await db().select().from(s.accessibilityReport))[0].handledAt, 'another kommune cannot mark it handled through its own page').toBeNull();
    expect((await mark(a.cookie)).status).toBe(204);
    expect((await mark(b.cookie)).status).toBe(204);
    const [handled] = await db().select().from(s.accessibilityReport);
    expect(handled.handledByUserId).toBe(a.id);
    const audited = await db().select().from(s.auditEvent).where(eq(s.auditEvent.entity, 'accessibility_report'));
    expect(audited.map((e) => [e.action, e.actorUserId])).toEqual([['accessibility_report.handled', a.id]]);
  });

  test('bad input gets field errors with status 400 and queues nothing', async () => {
    await userWithRole('kommune_admin', { kommune: 'modum' });
    await db().delete(s.outbox);
    await db().delete(s.accessibilityReport);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ kommune: '', message: 'x' }, { kommune: 'required' }],
      [{ kommune: 'modum', message: '   ' }, { message: 'required' }],
      [{ kommune: 'modum', message: 'x'.repeat(2001) }, { message: 'tooLong' }],
      [{ kommune: 'modum', message: 'ok', email: 'ikke-en-adresse' }, { email: 'email' }],
      [{ kommune: 'modum', message: 'ok', website: 'http://spam' }, { website: 'spam' }],
      [{ kommune: 'finnes-ikke', message: 'ok' }, { kommune: 'required' }],
    ];
    for (const [values, errors] of cases) {
      const res = await post(values);
      expect(res.status, JSON.stringify(values)).toBe(400);
      expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual(errors);
    }
    expect(await reports()).toEqual([]);
    expect(await db().select().from(s.accessibilityReport)).toEqual([]);
  });

  test('a kommune without an admin and no operator address: a translated error beside the form, nothing queued', async () => {
    const [k] = await db().insert(s.kommune).values({ number: '9999', name: 'Tomkommune', slug: 'tomkommune' }).returning();
    await db().delete(s.outbox);
    const res = await post({ kommune: k.slug, message: 'Noe virker ikke' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'common:a11y.errors.noRecipient' });
    expect(await reports()).toEqual([]);
  });

  test('the existing rate limiter stops a flood from one address', async () => {
    await userWithRole('kommune_admin', { kommune: 'modum' });
    await db().delete(s.outbox);
    await db().delete(s.rateLimitBucket);
    const statuses = [];
    for (let i = 0; i < REPORT_LIMITS.perAddress + 2; i++) statuses.push((await post({ kommune: 'modum', message: `Melding ${i}` })).status);
    expect(statuses.filter((x) => x === 204)).toHaveLength(REPORT_LIMITS.perAddress);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const admins = await db().select().from(s.kommuneMember).innerJoin(s.kommune, eq(s.kommune.id, s.kommuneMember.kommuneId)).where(eq(s.kommune.slug, 'modum'));
    const modumAdmins = admins.filter((r) => r.kommune_member.role === 'kommune_admin').length;
    expect(await reports()).toHaveLength(REPORT_LIMITS.perAddress * modumAdmins);
  });
});

describe('meta description, canonical and hreflang on every public page', () => {
  test('each public route has a description, one canonical and 12 alternates with absolute URLs', async () => {
    const [activity] = await db().select({ slug: s.activity.slug }).from(s.activity).where(eq(s.activity.status, 'published')).limit(1);
    const [org] = await db().select({ slug: s.organisation.slug }).from(s.organisation).where(eq(s.organisation.status, 'approved')).limit(1);
    const pages: [string, string][] = [
      ['/', 'routes/_index'],
      ['/aktiviteter?q=fotball', 'routes/aktiviteter._index'],
      [`/aktiviteter/${activity.slug}`, 'routes/aktiviteter.$slug'],
      [`/organisasjoner/${org.slug}`, 'routes/organisasjoner.$slug'],
      ['/stotte', 'routes/stotte'],
      ['/utstyr', 'routes/utstyr'],
      ['/apne-dager', 'routes/apne-dager'],
      ['/fritidsguide', 'routes/fritidsguide'],
      ['/tilgjengelighet', 'routes/tilgjengelighet'],
      ['/logg-inn', 'routes/logg-inn._index'],
      ['/registrer-klubb', 'routes/registrer-klubb'],
      ['/glemt-passord', 'routes/glemt-passord'],
    ];
    for (const [address, routeId] of pages) {
      for (const lng of [null, 'ar']) {
        const path = lng ? `${address}${address.includes('?') ? '&' : '?'}lng=${lng}` : address;
        const route = app.routes.find((r) => r.id === routeId)!;
        const meta = route.module.meta as (args: unknown) => { name?: string; content?: string; tagName?: string; rel?: string; href?: string; hrefLang?: string }[];
        expect(meta, routeId).toBeTypeOf('function');
        const get = async (id: string) => (await app.fetch(request(`${path}${path.includes('?') ? '&' : '?'}_data=${encodeURIComponent(id)}`))).json();
        const [rootData, data] = await Promise.all([get('root'), get(routeId)]);
        const url = new URL(path, 'http://localhost');
        const tags = meta({ data, location: { pathname: url.pathname, search: url.search }, matches: [{ id: 'root', data: rootData }, { id: routeId, data }], params: {} });
        const description = tags.filter((t) => t.name === 'description');
        expect(description, path).toHaveLength(1);
        expect(description[0].content?.length, path).toBeGreaterThan(20);
        const canonical = tags.filter((t) => t.tagName === 'link' && t.rel === 'canonical');
        expect(canonical, path).toHaveLength(1);
        const alternates = tags.filter((t) => t.tagName === 'link' && t.rel === 'alternate');
        expect(alternates, path).toHaveLength(12);
        expect(alternates.map((t) => t.hrefLang).sort()).toEqual([...languages, 'x-default'].sort());
        const origin = (rootData as { origin: string }).origin;
        expect(origin).toMatch(/^https?:\/\//);
        for (const t of [...canonical, ...alternates]) expect(t.href!.startsWith(`${origin}/`), t.href).toBe(true);
        const q = url.searchParams.get('q');
        for (const t of alternates) {
          const alt = new URL(t.href!);
          expect(alt.pathname).toBe(url.pathname);
          expect(alt.searchParams.get('lng')).toBe(t.hrefLang === 'x-default' ? null : t.hrefLang);
          expect(alt.searchParams.get('q')).toBe(q);
        }
        expect(new URL(canonical[0].href!).searchParams.get('lng')).toBe(lng);
        if (lng === 'ar') {
          // The description is in the page's language, not bokmål.
          const nb = meta({ data: await (await app.fetch(request(`${address}${address.includes('?') ? '&' : '?'}lng=nb&_data=${encodeURIComponent(routeId)}`))).json(), location: { pathname: url.pathname, search: '' }, matches: [{ id: 'root', data: rootData }], params: {} });
          if (routeId !== 'routes/aktiviteter.$slug') expect(description[0].content, path).not.toBe(nb.find((t) => t.name === 'description')?.content);
        }
      }
    }
  });
});

// Issue 11, parts 2 and 4: a family's links last as long as the sign-up, and what a family reads (mails,
// the sign-up page, equipment, lenders' hours, support schemes) is in its language where a translation
// exists, with bokmål marked as such where not.
import * as s from '../../db/schema/index';
import { processOutbox } from '../../app/domain/notifications/outbox.server';
import { createSignup, decideSignup, purgeExpiredSignups, signupInput, withdrawByToken } from '../../app/domain/signup/signup.server';
import { db } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';
import { appHandler } from '../setup/remix-app';
import { startSmtp } from '../setup/smtp';
import { form, request, userWithRole } from '../setup/users';

const t = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let app: Awaited<ReturnType<typeof appHandler>>;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  resetEnv();
  app = await appHandler();
  await db().delete(s.outbox);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnv();
  await smtp.close();
});

const FSI = '\u2068';
const PDI = '\u2069';

/** A public activity whose title the club translated into `language`, with the translation. */
async function translatedActivity(language: string) {
  const [row] = await t.handle.query<{ slug: string; id: number; title: string; translated: string; organisation_id: number }>(
    `select a.slug, a.id, a.title, tr.text as translated, a.organisation_id from activity a
       join translation tr on tr.entity = 'activity' and tr.entity_id = a.id and tr.field = 'title' and tr.language = $1
      where a.status = 'published' and a.expires_at > now() order by a.id limit 1`,
    [language],
  );
  if (!row) throw new Error(`no seeded activity translated into ${language}`);
  return row;
}

const family = (language: string, email: string) =>
  signupInput.parse({ participantFirstName: 'Hodan', birthYear: '2015', guardianName: 'Faadumo Testesen', guardianEmail: email, guardianPhone: '', language, message: '', website: '' });

const tokenIn = (text: string) => text.match(/\/pamelding\/([\w-]+)\?lng=(\w+)/)!;
const pageData = (token: string, lng = 'so') => app.fetch(request(`/pamelding/${token}?lng=${lng}&_data=${encodeURIComponent('routes/pamelding.$token')}`));

async function mailTo(address: string) {
  await processOutbox();
  const found = smtp.received.filter((m) => m.to === address);
  expect(found.length).toBeGreaterThan(0);
  return found[found.length - 1];
}

describe('links that never die', () => {
  test('a sign-up decided twice: the receipt link and the first answer’s link still open it, with the latest answer', async () => {
    const a = await translatedActivity('so');
    const email = 'links-twice@example.no';
    const created = await createSignup(a.slug, family('so', email), '192.0.2.10');
    expect(created.ok).toBe(true);
    const receipt = await mailTo(email);
    const [, receiptToken, receiptLng] = tokenIn(receipt.text);
    expect(receiptLng).toBe('so');

    expect(await decideSignup(a.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'accepted', replyMessage: 'Velkommen!' })).toEqual({ ok: true });
    const accepted = await mailTo(email);
    const [, acceptedToken] = tokenIn(accepted.text);
    expect(await decideSignup(a.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'waitlisted', replyMessage: 'Beklager, det ble fullt.' })).toEqual({ ok: true });
    const waitlisted = await mailTo(email);
    const [, waitlistedToken] = tokenIn(waitlisted.text);

    // Every link the family was sent opens the same sign-up, and each shows the latest answer.
    for (const token of [receiptToken, acceptedToken, waitlistedToken]) {
      const res = await pageData(token);
      expect(res.status).toBe(200);
      const data = (await res.json()) as { gone: boolean; signup: { id: number; status: string; replyMessage: string } };
      expect(data.gone).toBe(false);
      expect(data.signup).toMatchObject({ id: created.ok && created.signupId, status: 'waitlisted', replyMessage: 'Beklager, det ble fullt.' });
    }
    // The mails link to one page: the same path, the same language, whichever mail the family opens.
    for (const m of [receipt, accepted, waitlisted]) expect(m.text).toMatch(new RegExp(`/pamelding/[\\w-]+\\?lng=so`));
  });

  test('after sending, the family lands on its sign-up page in the language it chose for answers', async () => {
    const a = await translatedActivity('so');
    const values = { participantFirstName: 'Hodan', birthYear: '2015', guardianName: 'Faadumo Testesen', guardianEmail: 'links-language@example.no', guardianPhone: '', language: 'so', message: '', website: '' };
    const res = await app.fetch(request(`/aktiviteter/${a.slug}?lng=en&_data=${encodeURIComponent('routes/aktiviteter.$slug')}`, form(values)));
    expect(res.status).toBe(204);
    const location = res.headers.get('x-remix-redirect')!;
    expect(location).toMatch(/^\/pamelding\/[\w-]+\?ny=1&lng=so$/);
    const [, token] = tokenIn((await mailTo('links-language@example.no')).text);
    expect(location).toContain(`/pamelding/${token}?`);
  });

  test('once a withdrawn sign-up is purged, its links answer 404 with the friendly page, not a bare error', async () => {
    const a = await translatedActivity('so');
    const email = 'links-gone@example.no';
    const created = await createSignup(a.slug, family('so', email), '192.0.2.12');
    const [, receiptToken] = tokenIn((await mailTo(email)).text);
    await decideSignup(a.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'accepted' });
    const [, answerToken] = tokenIn((await mailTo(email)).text);
    expect(await withdrawByToken(answerToken)).toBe(true);
    // Still there the day it was withdrawn: the family sees it withdrawn through the first link.
    expect(((await (await pageData(receiptToken)).json()) as { signup: { status: string } }).signup.status).toBe('withdrawn');
    expect(await purgeExpiredSignups(new Date(Date.now() + 2 * 24 * 3600 * 1000))).toBeGreaterThan(0);
    const [left] = await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_link where signup_id = $1`, [created.ok ? created.signupId : 0]);
    expect(left.n).toBe(0);
    for (const token of [receiptToken, answerToken]) {
      for (const lng of ['so', 'ar']) {
        const res = await pageData(token, lng);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ gone: true });
        // A document request renders inside the layout (the root loader runs, in the reader's language).
        const doc = await app.fetch(request(`/pamelding/${token}?lng=${lng}&_data=root`));
        expect(doc.status).toBe(200);
        expect(await doc.json()).toMatchObject({ locale: lng });
      }
    }
  });
});

/** A public activity (by title) whose translation into `language` the demo seeds, with its club. */
async function demoActivity(titleStartsWith: string, language: string) {
  const [row] = await t.handle.query<{ slug: string; id: number; title: string; organisation_id: number }>(
    `select a.slug, a.id, a.title, a.organisation_id from activity a
       join translation tr on tr.entity = 'activity' and tr.entity_id = a.id and tr.field = 'title' and tr.language = $2
      where a.status = 'published' and a.expires_at > now() and a.title like $1 order by a.id limit 1`,
    [`${titleStartsWith}%`, language],
  );
  if (!row) throw new Error(`no seeded ${titleStartsWith} translated into ${language}`);
  return row;
}

const data = async <T,>(path: string, route: string, cookie?: string) => {
  const res = await app.fetch(request(`${path}${path.includes('?') ? '&' : '?'}_data=${encodeURIComponent(route)}`, { cookie }));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

type Local = { text: string; lang: string; fallback: boolean };

describe('everything a family reads is translatable', () => {
  test('equipment items on the activity page: the club’s translation in so and ar, bokmål marked lang="nb" where none', async () => {
    const friluft = await demoActivity('Friluftsgruppe', 'so');
    const so = await data<{ activity: { equipment: { item: Local }[] } }>(`/aktiviteter/${friluft.slug}?lng=so`, 'routes/aktiviteter.$slug');
    expect(so.activity.equipment.map((e) => e.item)).toEqual(
      expect.arrayContaining([
        { text: 'Bac hurdo', lang: 'so', fallback: false },
        { text: 'Boorso dhabarka', lang: 'so', fallback: false },
        { text: 'Regntøy', lang: 'nb', fallback: true },
      ]),
    );
    const football = await demoActivity('Fotballskole', 'ar');
    const ar = await data<{ activity: { equipment: { item: Local }[] } }>(`/aktiviteter/${football.slug}?lng=ar`, 'routes/aktiviteter.$slug');
    expect(ar.activity.equipment.map((e) => e.item)).toEqual(
      expect.arrayContaining([
        { text: 'حذاء كرة القدم', lang: 'ar', fallback: false },
        { text: 'Ball', lang: 'nb', fallback: true },
      ]),
    );
    // Bokmål readers get the item as written.
    const nb = await data<{ activity: { equipment: { item: Local }[] } }>(`/aktiviteter/${football.slug}?lng=nb`, 'routes/aktiviteter.$slug');
    expect(nb.activity.equipment.map((e) => e.item)).toContainEqual({ text: 'Fotballsko', lang: 'nb', fallback: false });
  });

  test('support scheme names and texts in so and ar on the support page and the activity page, the untranslated marked nb', async () => {
    const ar = await data<{ schemes: { slug: string; texts: Record<'name' | 'description' | 'whoCanGet' | 'howToApply', Local> }[] }>(`/stotte?kommune=modum&lng=ar`, 'routes/stotte');
    const stipend = ar.schemes.find((x) => x.slug === 'fritidsstipend')!;
    expect(stipend.texts.name).toEqual({ text: 'منحة أوقات الفراغ في مودوم', lang: 'ar', fallback: false });
    expect(stipend.texts.howToApply.lang).toBe('ar');
    const equipment = ar.schemes.find((x) => x.slug === 'utstyrsstotte')!;
    expect(equipment.texts.name.lang).toBe('ar');
    expect(equipment.texts.description).toMatchObject({ lang: 'nb', fallback: true, text: expect.stringContaining('BUA') });

    const so = await data<{ schemes: { slug: string; texts: Record<string, Local> }[] }>(`/stotte?kommune=sigdal&lng=so`, 'routes/stotte');
    expect(so.schemes.find((x) => x.slug === 'fritidskortet')!.texts.name).toEqual({ text: 'Kaarka waqtiga firaaqada Sigdal', lang: 'so', fallback: false });
    expect(so.schemes.find((x) => x.slug === 'fritidskortet')!.texts.whoCanGet).toMatchObject({ lang: 'nb', fallback: true });

    // On an activity page, each scheme that covers a cost is named in the reader's language where translated.
    const [withScheme] = await t.handle.query<{ slug: string }>(
      `select a.slug from activity a join activity_support su on su.activity_id = a.id join support_scheme sc on sc.id = su.scheme_id join kommune k on k.id = sc.kommune_id
        where a.status = 'published' and a.expires_at > now() and k.slug = 'modum' and sc.slug = 'fritidsstipend' order by a.id limit 1`,
    );
    const page = await data<{ activity: { schemes: { slug: string; name: Local }[] } }>(`/aktiviteter/${withScheme.slug}?lng=so`, 'routes/aktiviteter.$slug');
    expect(page.activity.schemes.find((x) => x.slug === 'fritidsstipend')!.name).toEqual({ text: 'Deeqda waqtiga firaaqada Modum', lang: 'so', fallback: false });
  });

  test('lender opening hours are rows, written out with weekday names in the reader’s language', async () => {
    type Lenders = { lenders: { slug: string; hours: { weekday: number; day: string; times: string }[] }[] };
    const nb = await data<Lenders>(`/utstyr?kommune=modum&lng=nb`, 'routes/utstyr');
    expect(nb.lenders.find((l) => l.slug === 'bua-modum')!.hours).toEqual([
      { weekday: 2, day: 'tirsdag', times: '15:00–19:00' },
      { weekday: 4, day: 'torsdag', times: '15:00–19:00' },
    ]);
    const ar = await data<Lenders>(`/utstyr?kommune=modum&lng=ar`, 'routes/utstyr');
    expect(ar.lenders.find((l) => l.slug === 'bua-modum')!.hours.map((h) => h.day)).toEqual(['الثلاثاء', 'الخميس']);
    const so = await data<Lenders>(`/utstyr?kommune=krodsherad&lng=so`, 'routes/utstyr');
    expect(so.lenders.find((l) => l.slug === 'bua-krodsherad')!.hours).toEqual([
      { weekday: 1, day: 'Isniin', times: '16:00–19:00' },
      { weekday: 6, day: 'Sabti', times: '11:00–14:00' },
    ]);
    // A day with two openings keeps both, and the activity page gives the hours in one line, in the reader's language.
    const [lender] = await t.handle.query<{ id: number }>(`select id from equipment_lender where slug = 'bua-modum'`);
    await t.handle.query(`insert into equipment_lender_hours (lender_id, weekday, opens_at, closes_at) values ($1, 4, '10:00', '12:00')`, [lender.id]);
    const en = await data<Lenders>(`/utstyr?kommune=modum&lng=en`, 'routes/utstyr');
    expect(en.lenders.find((l) => l.slug === 'bua-modum')!.hours[1]).toEqual({ weekday: 4, day: 'Thursday', times: '10:00–12:00, 15:00–19:00' });
    const friluft = await demoActivity('Friluftsgruppe', 'so');
    const page = await data<{ activity: { equipment: { lender: { openingHours: string } | null }[] } }>(`/aktiviteter/${friluft.slug}?lng=so`, 'routes/aktiviteter.$slug');
    const hours = page.activity.equipment.find((e) => e.lender)!.lender!.openingHours;
    expect(hours).toMatch(/Isniin|Talaado|Arbaco|Khamiis|Sabti/);
    expect(hours).not.toMatch(/[Mm]andag|[Tt]irsdag|[Oo]nsdag|[Tt]orsdag|[Ll]ørdag/);
  });

  test('a family’s mails use the activity’s title in the family’s language; a title in another direction is isolated', async () => {
    const football = await demoActivity('Fotballskole', 'ar');
    const [arTitle] = await t.handle.query<{ text: string }>(`select text from translation where entity = 'activity' and entity_id = $1 and field = 'title' and language = 'ar'`, [football.id]);
    const email = 'mail-ar@example.no';
    const created = await createSignup(football.slug, family('ar', email), '192.0.2.20');
    const receipt = await mailTo(email);
    expect(receipt.subject).toMatch(/[\u0600-\u06FF]/);
    expect(receipt.text).toContain(`${FSI}${arTitle.text}${PDI}`);
    expect(receipt.text).not.toContain(football.title);
    await decideSignup(football.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'accepted' });
    const decision = await mailTo(email);
    expect(`${decision.subject}\n${decision.text}`).toContain(`${FSI}${arTitle.text}${PDI}`);
    // The sign-up page shows the same title, marked with its language.
    const [, token] = tokenIn(decision.text);
    const page = (await (await pageData(token, 'ar')).json()) as { signup: { activityTitle: Local } };
    expect(page.signup.activityTitle).toEqual({ text: arTitle.text, lang: 'ar', fallback: false });

    // No Arabic title: the bokmål one, isolated inside the Arabic mail, and marked nb on the page.
    const ski = await demoActivity('Skileik', 'so');
    const noAr = 'mail-ar-fallback@example.no';
    await createSignup(ski.slug, family('ar', noAr), '192.0.2.21');
    const fallback = await mailTo(noAr);
    expect(fallback.text).toContain(`${FSI}${ski.title}${PDI}`);
    const [, fallbackToken] = tokenIn(fallback.text);
    expect(((await (await pageData(fallbackToken, 'ar')).json()) as { signup: { activityTitle: Local } }).signup.activityTitle).toEqual({ text: ski.title, lang: 'nb', fallback: true });

    // A Somali family gets the Somali title; left to right in a left-to-right mail needs no isolates.
    const so = 'mail-so@example.no';
    await createSignup(ski.slug, family('so', so), '192.0.2.22');
    const [soTitle] = await t.handle.query<{ text: string }>(`select text from translation where entity = 'activity' and entity_id = $1 and field = 'title' and language = 'so'`, [ski.id]);
    const soMail = await mailTo(so);
    expect(soMail.text).toContain(soTitle.text);
    expect(soMail.text).not.toContain(FSI);
  });

  test('the club’s translation page lists every translatable text with what is missing per language, and saving an item fills it in', async () => {
    const friluft = await demoActivity('Friluftsgruppe', 'so');
    const admin = await userWithRole('club_admin', { organisationId: friluft.organisation_id });
    const route = 'routes/klubb.$orgId.aktiviteter.$activityId.oversettelse';
    const path = `/klubb/${friluft.organisation_id}/aktiviteter/${friluft.id}/oversettelse?sprak=so`;
    type Overview = { texts: { key: string; input: string; original: string }[]; status: { language: string; missing: string[] }[]; current: Record<string, string> };
    const before = await data<Overview>(path, route, admin.cookie);
    expect(before.texts.map((x) => x.key)).toEqual(['title', 'description', 'firstTimeInfo', 'whatToBring', 'equipment:Sovepose', 'equipment:Ryggsekk', 'equipment:Regntøy']);
    const missing = (o: Overview, l: string) => o.status.find((s) => s.language === l)!.missing;
    expect(missing(before, 'so')).toEqual(['firstTimeInfo', 'whatToBring', 'equipment:Regntøy']);
    expect(missing(before, 'pl')).toHaveLength(7);
    expect(before.status.map((s) => s.language)).not.toContain('nb');

    const regn = before.texts.find((x) => x.key === 'equipment:Regntøy')!;
    const values: Record<string, string> = { language: 'so', title: before.current.title, description: before.current.description, whatToBring: 'Boorso, cabitaan iyo cunto' };
    for (const x of before.texts.filter((y) => y.key.startsWith('equipment:'))) values[x.input] = before.current[x.key] ?? '';
    values[regn.input] = 'Dhar roobka';
    const saved = await app.fetch(request(`${path}&_data=${encodeURIComponent(route)}`, { ...form(values), cookie: admin.cookie }));
    expect([200, 204]).toContain(saved.status);
    const after = await data<Overview>(path, route, admin.cookie);
    expect(missing(after, 'so')).toEqual(['firstTimeInfo']);
    const page = await data<{ activity: { equipment: { item: Local }[] } }>(`/aktiviteter/${friluft.slug}?lng=so`, 'routes/aktiviteter.$slug');
    expect(page.activity.equipment.map((e) => e.item)).toContainEqual({ text: 'Dhar roobka', lang: 'so', fallback: false });

    // Another club's admin sees nothing of it.
    const [other] = await t.handle.query<{ id: number }>(`select id from organisation where id <> $1 order by id limit 1`, [friluft.organisation_id]);
    const stranger = await userWithRole('club_admin', { organisationId: other.id });
    const refused = await app.fetch(request(`${path}&_data=${encodeURIComponent(route)}`, { cookie: stranger.cookie }));
    expect(refused.status).toBe(403);
  });
});

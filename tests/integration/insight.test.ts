import { and, eq, sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { kommuneOffer } from '../../app/domain/insight/offer.server';
import { countSearch, flushSearchCounts, pendingSearchCounts, purgeSearchQueries } from '../../app/domain/insight/search-counts.server';
import { searchReach } from '../../app/domain/insight/reach.server';
import { referralCells } from '../../app/domain/insight/guide.server';
import { purgeReferrals } from '../../app/domain/referral/retention.server';
import * as page from '../../app/routes/kommune.$kommune.innsikt';
import * as csvRoute from '../../app/routes/kommune.$kommune.innsikt[.]csv';
import * as search from '../../app/routes/aktiviteter._index';
import { db } from '../../app/utils/db.server';
import { osloDate } from '../../app/utils/dates';
import { useTestDatabase } from '../setup/db';
import { appHandler } from '../setup/remix-app';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 14, part 6: the kommune dashboard. The gaps on the seeded demo data, who may see it, the search
// counting (memory, then one additive write per flush), the CSV and the figures a referral leaves.
useTestDatabase();

const kommuneId = async (slug: string) => (await db().select().from(s.kommune).where(eq(s.kommune.slug, slug)))[0].id;
const call = (module: { loader: (a: never) => Promise<unknown> }, path: string, cookie: string | undefined, params: Record<string, string>) =>
  module.loader({ request: request(path, { cookie }), params, context: {} } as never);

describe('the offer in words', () => {
  test('the seeded demo data of Sigdal gives the real gaps of its real areas, and none for Prestfoss', async () => {
    const offer = await kommuneOffer(await kommuneId('sigdal'));
    expect(offer.areas.map((a) => a.name)).toEqual(['Eggedal', 'Nedre Sigdal', 'Prestfoss']);
    const admin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
    const app = await appHandler({ render: true });
    const html = async (lng: string) => (await app.fetch(new Request(`http://localhost/kommune/sigdal/innsikt?lng=${lng}`, { headers: { Accept: 'text/html', Cookie: admin.cookie } }))).text();
    const nb = await html('nb');
    const gaps = [...nb.slice(nb.indexOf('class="insight-gaps"')).split('</ul>')[0].matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(gaps).toContain('Ingen gratis aktivitet for 6–9 år i Eggedal');
    expect(gaps).toContain('Ingen gratis aktivitet for 13–15 år i Nedre Sigdal');
    expect(gaps).toContain('Ingen helgeaktivitet for 16–19 år i Eggedal');
    expect(gaps.filter((g) => g.includes('Prestfoss'))).toEqual([]);
    expect(gaps.length).toBe(offer.gaps.length);
    const en = await html('en');
    expect(en).toContain('<li>No free activity for ages 6–9 in Eggedal</li>');
    expect(en).toContain('<li>No weekend activity for ages 6–9 in Nedre Sigdal</li>');
  });

  test('an area and age band without any activity says so once, not once per kind', async () => {
    const k = await kommuneId('sigdal');
    await db().insert(s.area).values({ kommuneId: k, slug: 'tom-grend', name: 'Tomgrenda', kind: 'grend', lat: 60.1, lon: 9.6 });
    const offer = await kommuneOffer(k);
    expect(offer.gaps.filter((g) => g.area === 'Tomgrenda').map((g) => g.measure)).toEqual(['activities', 'activities', 'activities', 'activities']);
  });
});

describe('who may see it', () => {
  test('the kommune admin and the coordinator of that kommune see the page and the CSV; a club user, a referrer and another kommune’s admin get 403', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const coordinator = await userWithRole('coordinator', { kommune: 'modum' });
    const other = await userWithRole('kommune_admin', { kommune: 'sigdal' });
    const referrer = await userWithRole('referrer', { kommune: 'modum' });
    const [org] = await db().select().from(s.organisation).limit(1);
    const club = await userWithRole('club_admin', { organisationId: org.id });
    const modum = { kommune: 'modum' };
    for (const [module, path] of [[page, '/kommune/modum/innsikt'], [csvRoute, '/kommune/modum/innsikt.csv?del=guide']] as const) {
      expect(await statusOf(() => call(module, path, admin.cookie, modum))).toBe(200);
      expect(await statusOf(() => call(module, path, coordinator.cookie, modum))).toBe(200);
      expect(await statusOf(() => call(module, path, other.cookie, modum))).toBe(403);
      expect(await statusOf(() => call(module, path, referrer.cookie, modum))).toBe(403);
      expect(await statusOf(() => call(module, path, club.cookie, modum))).toBe(403);
      expect(await statusOf(() => call(module, path, undefined, modum))).toBe(302);
    }
    expect(await statusOf(() => call(page, '/kommune/ingen/innsikt', admin.cookie, { kommune: 'ingen' }))).toBe(404);
    // The ALLEMED answers are the admin's: the coordinator reads them but cannot post.
    const post = (cookie: string) => page.action({ request: request('/kommune/modum/innsikt', { cookie, ...form({ 'overview.answer': 'yes' }) }), params: modum, context: {} });
    expect(await statusOf(() => post(coordinator.cookie))).toBe(403);
    expect(await statusOf(() => post(other.cookie))).toBe(403);
  });
});

describe('the ALLEMED answers', () => {
  test('the admin’s answers are saved, audited and confirmed with a flash; a bad answer changes nothing and says why', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const k = await kommuneId('modum');
    const post = (values: Record<string, string>) => page.action({ request: request('/kommune/modum/innsikt', { cookie: admin.cookie, ...form(values) }), params: { kommune: 'modum' }, context: {} });
    const bad = (await post({ 'overview.answer': 'kanskje', 'equipment.answer': 'yes' })) as Response;
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toEqual({ 'overview.answer': 'insight:errors.answer' });
    expect(await db().select().from(s.insightAnswer).where(eq(s.insightAnswer.kommuneId, k))).toEqual([]);
    const ok = (await post({ 'overview.answer': 'partly', 'overview.note': 'Oversikten dekker ikke kulturskolen ennå.', 'guide_scheme.answer': 'yes', 'adapted.answer': '' })) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe('/kommune/modum/innsikt#indikatorer');
    expect(await flashOf(ok)).toEqual(['insight:indicators.savedFlash']);
    const rows = await db().select().from(s.insightAnswer).where(eq(s.insightAnswer.kommuneId, k)).orderBy(s.insightAnswer.indicator);
    expect(rows.map((r) => [r.indicator, r.answer, r.note])).toEqual([['guide_scheme', 'yes', null], ['overview', 'partly', 'Oversikten dekker ikke kulturskolen ennå.']]);
    const [event] = await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.action, 'insight.indicators_answered'), eq(s.auditEvent.actorUserId, admin.id)));
    expect(event.detail).toEqual({ answered: { overview: 'partly', guide_scheme: 'yes' } });
    // Shown on the page beside what the data says.
    const data = (await (await call(page, '/kommune/modum/innsikt', admin.cookie, { kommune: 'modum' }) as Response).json()) as { indicators: { id: string; data: { answer: string }; answer: { answer: string } | null }[] };
    expect(data.indicators.find((i) => i.id === 'overview')!.answer!.answer).toBe('partly');
    expect(data.indicators.find((i) => i.id === 'support_schemes')!.data.answer).toBe('yes');
    expect(data.indicators.find((i) => i.id === 'equipment')!.answer).toBeNull();
  });
});

describe('counting searches', () => {
  const searchLoader = (qs: string) => search.loader({ request: request(`/aktiviteter${qs}`), params: {}, context: {} } as never);

  test('the search page writes nothing; a flush adds the counts (additively), and a query text shows only from five', async () => {
    await flushSearchCounts();
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(s.searchCountDaily);
    for (let i = 0; i < 4; i++) await searchLoader('?q=Fotball&kommune=modum&lng=so');
    await searchLoader('?q=  sjakk &kommune=modum&gratis=1&lng=nb');
    // A second page of the same search is not a new search.
    await searchLoader('?q=Fotball&kommune=modum&lng=so&side=2');
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(s.searchCountDaily)).toEqual(before);
    expect(pendingSearchCounts().queries).toBe(2);
    await flushSearchCounts();
    expect(pendingSearchCounts()).toEqual({ counts: 0, queries: 0 });
    const k = await kommuneId('modum');
    const day = osloDate(new Date());
    const rows = await db().select().from(s.searchCountDaily).where(and(eq(s.searchCountDaily.day, day), eq(s.searchCountDaily.kommuneId, k)));
    const n = (language: string, kind: string) => rows.find((r) => r.language === language && r.filterKind === kind)?.n ?? 0;
    expect([n('so', 'all'), n('so', 'q'), n('nb', 'all'), n('nb', 'q'), n('nb', 'gratis'), n('so', 'gratis')]).toEqual([4, 4, 1, 1, 1, 0]);
    // Four of "fotball": stored, but not shown.
    const texts = await db().select().from(s.searchQueryDaily).where(eq(s.searchQueryDaily.kommuneId, k));
    expect(texts.map((r) => [r.query, r.n]).sort()).toEqual([['fotball', 4], ['sjakk', 1]]);
    expect((await searchReach(k)).queries).toEqual([]);
    // A fifth, flushed by "another server": the counts add up, and the text is shown.
    await searchLoader('?q=fotball&kommune=modum&lng=so');
    await flushSearchCounts();
    const reach = await searchReach(k);
    expect(reach.queries).toEqual([{ query: 'fotball', n: 5 }]);
    expect(reach.byLanguage[['nb', 'nn', 'se', 'en', 'pl', 'lt', 'uk', 'ar', 'so', 'ti', 'ur'].indexOf('so')]).toBe(5);
    // Nothing about the visitor is in the tables.
    const columns = await db().execute<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name in ('search_count_daily', 'search_query_daily')`);
    expect([...new Set((columns as unknown as { column_name: string }[]).map((c) => c.column_name))].sort()).toEqual(['day', 'filter_kind', 'kommune_id', 'language', 'n', 'query']);
  });

  test('query texts older than 90 days are purged; the counts stay', async () => {
    await db().insert(s.searchQueryDaily).values({ day: '2020-01-01', kommuneId: 0, query: 'gammel', n: 9 });
    await db().insert(s.searchCountDaily).values({ day: '2020-01-01', kommuneId: 0, language: 'nb', filterKind: 'all', n: 9 });
    expect(await purgeSearchQueries()).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(s.searchQueryDaily).where(eq(s.searchQueryDaily.query, 'gammel'))).toEqual([]);
    expect((await db().select().from(s.searchCountDaily).where(eq(s.searchCountDaily.day, '2020-01-01'))).length).toBe(1);
  });
});

/** Parses our CSV (every cell quoted, CRLF). */
const parseCsv = (text: string) =>
  text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));

describe('the CSV', () => {
  test('each part downloads as an attachment with translated headings; an unknown part is a 404', async () => {
    const admin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
    const get = (qs: string) => call(csvRoute, `/kommune/sigdal/innsikt.csv${qs}`, admin.cookie, { kommune: 'sigdal' }) as Promise<Response>;
    const offer = await get('?del=offer&lng=en');
    expect(offer.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(offer.headers.get('Content-Disposition')).toBe('attachment; filename="innsikt-sigdal-offer.csv"');
    expect(offer.headers.get('Cache-Control')).toContain('no-store');
    const lines = parseCsv(await offer.text());
    expect(lines[0]).toEqual(['Table', 'Row', 'Column', 'Value']);
    const offerData = await kommuneOffer(await kommuneId('sigdal'));
    const prestfoss = offerData.areas.findIndex((a) => a.name === 'Prestfoss');
    expect(lines).toContainEqual(['Activities per area and age', 'Prestfoss', '13–15', String(offerData.byAreaBand[prestfoss][2].activities)]);
    expect(lines).toContainEqual(['Activities per area: price, equipment, support, adaptation, weekends and confirmation', 'Whole kommune', 'Free', String(offerData.total.free)]);
    const nb = parseCsv(await (await get('?del=reach&lng=nb')).text());
    expect(nb[0]).toEqual(['Tabell', 'Rad', 'Kolonne', 'Verdi']);
    expect(nb.some((l) => l[0] === 'Påmeldinger per område og alder')).toBe(true);
    expect(await statusOf(() => get('?del=alt'))).toBe(404);
  });

  test('sign-ups below five are hidden in the CSV as on the page, with a complementary cell, and totals never give them away', async () => {
    const k = await kommuneId('sigdal');
    const admin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
    await db().execute(sql`delete from signup_request using activity where activity.id = signup_request.activity_id and activity.kommune_id = ${k}`);
    const areas = await db().select().from(s.area).where(eq(s.area.kommuneId, k)).orderBy(s.area.name);
    const year = new Date().getFullYear();
    // Eggedal: 7 children of 6–9 and 3 of 10–12; Prestfoss: 6 of 6–9 and 9 of 10–12; Nedre Sigdal none.
    const add = async (areaName: string, age: number, n: number) => {
      const area = areas.find((a) => a.name === areaName)!;
      const [a] = await db().select({ id: s.activity.id }).from(s.activity).where(and(eq(s.activity.areaId, area.id), eq(s.activity.status, 'published'))).limit(1);
      for (let i = 0; i < n; i++) {
        await db().insert(s.signupRequest).values({ activityId: a.id, participantFirstName: 'x', birthYear: year - age, guardianName: 'y', language: 'nb', deleteAfter: `${year + 1}-07-01`, accessTokenHash: `t-${areaName}-${age}-${i}-${Math.random()}` });
      }
    };
    await add('Eggedal', 11, 3);
    await add('Eggedal', 7, 7);
    await add('Prestfoss', 8, 6);
    await add('Prestfoss', 11, 9);
    const res = (await call(csvRoute, '/kommune/sigdal/innsikt.csv?del=reach&lng=nb', admin.cookie, { kommune: 'sigdal' })) as Response;
    const rows = parseCsv(await res.text()).filter((l) => l[0] === 'Påmeldinger per område og alder');
    const v = (row: string, col: string) => rows.find((l) => l[1] === row && l[2] === col)![3];
    expect(v('Eggedal', '10–12')).toBe(':');
    // Eggedal's 6–9 (7) and its total (10) would give the 3 back, so one of them is hidden too; so is
    // another cell of the 10–12 column, whose total (12) and Prestfoss's 9 would give it back.
    expect([v('Eggedal', '6–9'), v('Eggedal', 'Sum')]).toContain(':');
    expect(['Eggedal', 'Nedre Sigdal', 'Prestfoss', 'Sum'].map((a) => v(a, '10–12')).filter((x) => x === ':').length).toBeGreaterThanOrEqual(2);
    // Nedre Sigdal has none: hidden, and the row totals do not give the 0 back either.
    expect(v('Nedre Sigdal', 'Sum')).toBe(':');
    expect([v('Eggedal', 'Sum'), v('Prestfoss', 'Sum')]).toContain(':');
    for (const l of rows) if (l[3] !== ':') expect(Number(l[3])).toBeGreaterThanOrEqual(5);
    expect(v('Sum', 'Sum')).toBe('25');
  });
});

describe('the fritidsguide figures', () => {
  test('a purged referral leaves the same figures the live one gave: referred, waiting days and both milestones', async () => {
    const k = await kommuneId('krodsherad');
    const [area] = await db().select().from(s.area).where(eq(s.area.kommuneId, k)).limit(1);
    const [act] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, k)).limit(1);
    const created = new Date('2025-01-10T10:00:00Z');
    const [r] = await db()
      .insert(s.referral)
      .values({ kommuneId: k, areaId: area.id, status: 'closed', outcome: 'tried', createdAt: created, closedAt: new Date('2025-05-01T10:00:00Z'), purgeAfter: new Date('2025-06-01T00:00:00Z') })
      .returning();
    await db().insert(s.placement).values({ referralId: r.id, activityId: act.id, createdAt: new Date('2025-01-22T10:00:00Z') });
    const pick = (cells: Awaited<ReturnType<typeof referralCells>>) => cells.filter((c) => c.quarter === '2025-Q1' && c.areaId === area.id).map((c) => [c.measure, c.value, c.count]).sort();
    const live = pick(await referralCells(k));
    // Placed after 12 days; at 91 days (11 April) still open and placed: active; at 182 days closed (1 May) with "tried".
    expect(live).toEqual([['outcome_3m', 'active', 1], ['outcome_6m', 'tried', 1], ['referred', '', 1], ['wait_days', '12', 1]].sort());
    await purgeReferrals(new Date('2025-06-02T00:00:00Z'));
    expect(await db().select().from(s.referral).where(eq(s.referral.id, r.id))).toEqual([]);
    expect(pick(await referralCells(k))).toEqual(live);
  });
});

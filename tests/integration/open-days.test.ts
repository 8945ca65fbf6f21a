import { and, eq, ne } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { getPublicActivity } from '../../app/domain/catalogue/activity.server';
import { upcomingOpenDays } from '../../app/domain/catalogue/directory.server';
import { activityJsonLd } from '../../app/domain/catalogue/json-ld';
import * as listRoute from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.apne-dager._index';
import * as editorRoute from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId';
import * as translationRoute from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId_.oversettelse';
import * as icsRoute from '../../app/routes/aktiviteter.$slug.kalender[.]ics';
import { db } from '../../app/utils/db.server';
import { osloDayPlus, osloIso, osloMoment } from '../../app/utils/dates';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// Issue 12, part 3: a club announces open days and trial sessions from the activity editor (date, time,
// place, text, translations); families find them on /apne-dager, the activity page, JSON-LD and iCal.
useTestDatabase();

let club: Awaited<ReturnType<typeof userWithRole>>;
let otherClub: Awaited<ReturnType<typeof userWithRole>>;
let activity: typeof s.activity.$inferSelect;
let otherActivityId: number;
let venueHere: number;
let venueElsewhere: number;
let openDayId: number;

const nextWeek = osloDayPlus(new Date(), 7);
const good = { intent: 'save', kind: 'trial', title: 'Prøv bandy', date: nextWeek, start: '17:30', end: '19:00', venueId: '', description: 'Ta med hjelm hvis du har.' };
const params = (id: string | number = 'ny', activityId = activity.id, orgId = activity.organisationId) => ({ orgId: String(orgId), activityId: String(activityId), openDayId: String(id) });
const base = () => `/klubb/${activity.organisationId}/aktiviteter/${activity.id}/apne-dager`;
const save = (values: Record<string, string>, id: string | number = 'ny', cookie = club.cookie) =>
  editorRoute.action({ request: request(`${base()}/${id}`, { cookie, ...form(values) }), params: params(id), context: {} }) as Promise<Response>;
const openDaysOfActivity = () => db().select().from(s.openDay).where(eq(s.openDay.activityId, activity.id));
const auditOf = (id: number) => db().select({ action: s.auditEvent.action }).from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'open_day'), eq(s.auditEvent.entityId, String(id))));

beforeAll(async () => {
  const [row] = await db()
    .select({ activity: s.activity })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .where(and(eq(s.activity.status, 'published'), eq(s.organisation.status, 'approved')))
    .limit(1);
  activity = row.activity;
  club = await userWithRole('club_admin', { organisationId: activity.organisationId });
  const [other] = await db().select().from(s.activity).where(ne(s.activity.organisationId, activity.organisationId)).limit(1);
  otherActivityId = other.id;
  otherClub = await userWithRole('club_admin', { organisationId: other.organisationId });
  [{ id: venueHere }] = await db().select({ id: s.venue.id }).from(s.venue).where(eq(s.venue.kommuneId, activity.kommuneId)).limit(1);
  [{ id: venueElsewhere }] = await db().select({ id: s.venue.id }).from(s.venue).where(ne(s.venue.kommuneId, activity.kommuneId)).limit(1);
  // Start from an activity without open days, so every reader shows only this test's.
  await db().delete(s.openDay).where(eq(s.openDay.activityId, activity.id));
});

describe('announcing an open day', () => {
  test('a bad form gets an error beside each field, and nothing is written', async () => {
    const before = await openDaysOfActivity();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ title: '' }, { title: 'required' }],
      [{ end: '17:00' }, { end: 'timeOrder' }],
      [{ date: '2026-02-30' }, { date: 'date' }],
      [{ start: '25:00' }, { start: 'time' }],
      [{ kind: 'party' }, { kind: 'required' }],
      [{ date: osloDayPlus(new Date(), -1) }, { date: 'club:openDays.errors.past' }],
      [{ venueId: String(venueElsewhere) }, { venueId: 'invalid' }],
    ];
    for (const [change, errors] of cases) {
      const res = await save({ ...good, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.errors, JSON.stringify(change)).toEqual(errors);
      expect(body.values.title).toBe(change.title ?? good.title);
    }
    expect(await openDaysOfActivity()).toEqual(before);
  });

  test('a trial session is saved in Oslo time, confirmed and audited', async () => {
    const res = await save({ ...good, venueId: String(venueHere) });
    expect(res.status).toBe(302);
    openDayId = Number(res.headers.get('Location')!.split('/').pop());
    expect(res.headers.get('Location')).toBe(`${base()}/${openDayId}`);
    expect(await flashOf(res)).toEqual(['club:openDays.savedFlash']);
    const [row] = await openDaysOfActivity();
    expect(row).toMatchObject({ id: openDayId, kind: 'trial', title: 'Prøv bandy', kommuneId: activity.kommuneId, organisationId: activity.organisationId, venueId: venueHere });
    expect(row.startsAt.toISOString()).toBe(osloMoment(nextWeek, '17:30').toISOString());
    expect(row.endsAt.getTime() - row.startsAt.getTime()).toBe(90 * 60 * 1000);
    expect(await auditOf(openDayId)).toEqual([{ action: 'open_day.created' }]);
    // The form shows it back as it was typed.
    const page = (await (await editorRoute.loader({ request: request(`${base()}/${openDayId}`, { cookie: club.cookie }), params: params(openDayId), context: {} })).json()) as { day: Record<string, unknown> };
    expect(page.day).toMatchObject({ kind: 'trial', date: nextWeek, start: '17:30', end: '19:00', venueId: venueHere });
    const list = (await (await listRoute.loader({ request: request(base(), { cookie: club.cookie }), params: params(), context: {} })).json()) as { openDays: { id: number }[] };
    expect(list.openDays.map((o) => o.id)).toEqual([openDayId]);
  });

  test('families find it on /apne-dager, the activity page, its JSON-LD and its calendar', async () => {
    const listed = (await upcomingOpenDays('nb')).find((o) => o.id === openDayId);
    expect(listed).toMatchObject({ kind: 'trial', activitySlug: activity.slug, texts: { title: { text: 'Prøv bandy', lang: 'nb' } } });
    const page = (await getPublicActivity(activity.slug, 'nb'))!;
    expect(page.openDays.map((o) => o.id)).toEqual([openDayId]);
    const ld = JSON.parse(activityJsonLd(page, 'https://example.test', { costKind: (k) => k, period: (p) => p, totalPerYear: 'x' }));
    expect(ld.subEvent).toContainEqual(expect.objectContaining({ '@type': 'Event', name: 'Prøv bandy', startDate: osloIso(osloMoment(nextWeek, '17:30')) }));
    const ics = await (await icsRoute.loader({ request: request(`/aktiviteter/${activity.slug}/kalender.ics?lng=nb`), params: { slug: activity.slug }, context: {} })).text();
    const utc = osloMoment(nextWeek, '17:30').toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    expect(ics).toContain(`UID:open-day-${openDayId}@fritidsportal`);
    expect(ics).toContain(`DTSTART:${utc}`);
    expect(ics).toContain('SUMMARY:Prøvetime: Prøv bandy');
  });

  test('a Somali translation is confirmed, shown to Somali readers at once, and marks Somali complete', async () => {
    const path = `${base()}/${openDayId}/oversettelse`;
    const res = (await translationRoute.action({
      request: request(path, { cookie: club.cookie, ...form({ language: 'so', title: 'Tijaabi bandy', description: 'Keen koofiyad haddii aad leedahay.' }) }),
      params: params(openDayId),
      context: {},
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`${path}?sprak=so`);
    expect(await flashOf(res)).toEqual(['club:openDays.translatedFlash']);
    const so = (await upcomingOpenDays('so')).find((o) => o.id === openDayId)!;
    expect(so.texts.title).toMatchObject({ text: 'Tijaabi bandy', lang: 'so' });
    expect((await getPublicActivity(activity.slug, 'so'))!.openDays[0].texts.description.text).toBe('Keen koofiyad haddii aad leedahay.');
    // Arabic readers get the bokmål, marked as a fallback.
    expect((await upcomingOpenDays('ar')).find((o) => o.id === openDayId)!.texts.title).toMatchObject({ text: 'Prøv bandy', lang: 'nb', fallback: true });
    const overview = (await (await translationRoute.loader({ request: request(`${path}?sprak=so`, { cookie: club.cookie }), params: params(openDayId), context: {} })).json()) as {
      status: { language: string; missing: string[] }[];
      current: Record<string, string>;
    };
    expect(overview.status.find((x) => x.language === 'so')!.missing).toEqual([]);
    expect(overview.status.find((x) => x.language === 'ar')!.missing).toEqual(['title', 'description']);
    expect(overview.current.title).toBe('Tijaabi bandy');
    expect((await auditOf(openDayId)).map((a) => a.action)).toContain('open_day.translated');
  });

  test('a change moves it, and is audited', async () => {
    const res = await save({ ...good, kind: 'open_day', start: '18:00', end: '20:00' }, openDayId);
    expect(res.status).toBe(302);
    const [row] = await openDaysOfActivity();
    expect(row.kind).toBe('open_day');
    expect(row.startsAt.toISOString()).toBe(osloMoment(nextWeek, '18:00').toISOString());
    // An empty place is the activity's own.
    expect(row.venueId).toBe(activity.venueId);
    expect((await auditOf(openDayId)).map((a) => a.action)).toContain('open_day.updated');
  });

  test("another club cannot see or change it, nor reach another club's activity through its own address", async () => {
    expect(await statusOf(() => listRoute.loader({ request: request(base(), { cookie: otherClub.cookie }), params: params(), context: {} }))).toBe(403);
    expect(await statusOf(() => save(good, openDayId, otherClub.cookie))).toBe(403);
    expect(await statusOf(() => listRoute.loader({ request: request('/x', { cookie: club.cookie }), params: params('ny', otherActivityId), context: {} }))).toBe(404);
    expect(await statusOf(() => editorRoute.loader({ request: request('/x', { cookie: club.cookie }), params: params(openDayId, otherActivityId), context: {} }))).toBe(404);
    expect(await statusOf(() => editorRoute.loader({ request: request('/x', { cookie: club.cookie }), params: params(999999), context: {} }))).toBe(404);
  });

  test('deleting asks first, then removes it with its translations from every reader', async () => {
    const ask = (await (await editorRoute.loader({ request: request(`${base()}/${openDayId}?slett`, { cookie: club.cookie }), params: params(openDayId), context: {} })).json()) as { askDelete: boolean };
    expect(ask.askDelete).toBe(true);
    const res = await save({ intent: 'delete' }, openDayId);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(base());
    expect(await flashOf(res)).toEqual(['club:openDays.deletedFlash']);
    expect(await openDaysOfActivity()).toEqual([]);
    expect(await db().select().from(s.translation).where(and(eq(s.translation.entity, 'open_day'), eq(s.translation.entityId, openDayId)))).toEqual([]);
    expect((await upcomingOpenDays('nb')).some((o) => o.id === openDayId)).toBe(false);
    expect((await getPublicActivity(activity.slug, 'nb'))!.openDays).toEqual([]);
    expect((await auditOf(openDayId)).map((a) => a.action)).toContain('open_day.deleted');
  });
});

// The activity editor as a volunteer meets it: the action on the real database, and the form rendered
// with the action's answer in bokmål, so a test reads the same labels, messages and ARIA wiring a reader gets.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { createInstance } from 'i18next';
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { ActivityEditor, type EditorValues } from '../../app/components/activity-editor';
import { getPublicActivity } from '../../app/domain/catalogue/activity.server';
import { parseSearchParams } from '../../app/domain/catalogue/search-params.server';
import { searchActivities } from '../../app/domain/catalogue/search.server';
import { changeLifecycle, editorChoices } from '../../app/domain/club/activities.server';
import { db } from '../../app/utils/db.server';
import nbCatalogue from '../../locales/nb/catalogue.json';
import nbClub from '../../locales/nb/club.json';
import nbCommon from '../../locales/nb/common.json';
import { useTestDatabase } from '../setup/db';
import { form, request, userWithRole } from '../setup/users';

const t = useTestDatabase();
let orgId = 0;
let cookie = '';
let userId = '';
let venueId = 0;

beforeAll(async () => {
  const [org] = await db().select().from(s.organisation).where(eq(s.organisation.status, 'approved')).orderBy(s.organisation.id).limit(1);
  orgId = org.id;
  ({ cookie, id: userId } = await userWithRole('club_admin', { organisationId: orgId }));
  const [v] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, org.kommuneId)).limit(1);
  venueId = v.id;
});

const route = () => import('../../app/routes/klubb.$orgId.aktiviteter.$activityId._index');

/** A complete, valid form for a new activity; a test overrides what it is about. */
const valid = (over: Record<string, string> = {}) => ({
  intent: 'save', title: 'Bordtennis for alle', category: 'fotball', categoryOther: '', description: 'Vi spiller sammen hver uke, og alle kan være med.',
  ageMin: '8', ageMax: '14', seasonStart: '2026-08-15', seasonEnd: '2027-06-15', venueId: String(venueId),
  'sessions.0.weekday': '2', 'sessions.0.start': '17:00', 'sessions.0.end': '18:00',
  'sessions.1.weekday': '4', 'sessions.1.start': '17:00', 'sessions.1.end': '18:00',
  // Taking new members, as the editor's box is ticked for a new activity: search shows only those by default.
  openForNew: 'on',
  ...over,
});

async function post(values: Record<string, string>, activityId = 'ny') {
  const { action } = await route();
  return (await action({ request: request(`/klubb/${orgId}/aktiviteter/${activityId}`, { cookie, ...form(values) }), params: { orgId: String(orgId), activityId }, context: {} })) as Response;
}

type Answer = { errors: Record<string, string>; errorParams: Record<string, Record<string, string>>; values: EditorValues };

/** The editor as the server renders it for this answer, in bokmål. */
async function render(answer: Answer) {
  const i18n = createInstance();
  await i18n.init({ lng: 'nb', ns: ['common', 'club', 'catalogue'], defaultNS: 'common', resources: { nb: { common: nbCommon, club: nbClub, catalogue: nbCatalogue } }, interpolation: { escapeValue: false } });
  const choices = (await editorChoices(orgId))!;
  const routes = [{ path: '/', element: createElement(ActivityEditor, { values: answer.values, choices, errors: answer.errors, errorParams: answer.errorParams }) }];
  const handler = createStaticHandler(routes);
  const context = (await handler.query(new Request('http://localhost/'))) as Parameters<typeof createStaticRouter>[1];
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context })));
}

const decode = (html: string) =>
  html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
const escapeRe = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The start tag of the element with this id (there must be exactly one). */
function tagWithId(html: string, id: string) {
  const found = [...html.matchAll(new RegExp(`<(input|select|textarea|fieldset|span)\\b[^>]*\\sid="${escapeRe(id)}"[^>]*>`, 'g'))];
  expect(found.map((m) => m[0]), `elements with id ${id}`).toHaveLength(1);
  return { tag: found[0][0], at: found[0].index! };
}
const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const textOf = (html: string, id: string) => decode(html.match(new RegExp(`id="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</span>`))?.[1] ?? '');
const labelOf = (html: string, id: string) => decode(html.match(new RegExp(`<label for="${escapeRe(id)}">([\\s\\S]*?)</label>`))?.[1] ?? '').replace(/\s*\*$/, '');
/** The legend of the last fieldset that opened before a position: the row an input belongs to. */
const rowLegendBefore = (html: string, at: number) => decode([...html.slice(0, at).matchAll(/<legend>([\s\S]*?)<\/legend>/g)].at(-1)?.[1] ?? '');

async function counts() {
  const [row] = await t.handle.query<Record<string, number>>(
    `select (select count(*)::int from activity) as activities, (select count(*)::int from venue) as venues, (select count(*)::int from activity_session) as sessions,
            (select count(*)::int from activity_cost) as costs, (select count(*)::int from activity_equipment) as equipment, (select count(*)::int from audit_event) as audit`,
  );
  return row;
}

describe('the editor names every problem by its field, beside the field', () => {
  test('an invalid form: each message holds its field’s label, is tied to its input, is linked from the summary, and nothing is saved', async () => {
    const before = await counts();
    const res = await post({
      intent: 'save', title: 'Bt', category: 'annet', categoryOther: '', description: 'Kort.', ageMin: 'åtte', ageMax: '14',
      seasonStart: '2026-08-15', seasonEnd: '2027-06-15', venueId: 'new',
      'venue.name': 'Ny hall', 'venue.address': '', 'venue.postcode': '3370', 'venue.place': 'Vikersund', 'venue.lat': '99,5', 'venue.lon': '',
      'sessions.0.weekday': '2', 'sessions.0.start': '18:00', 'sessions.0.end': '17:00',
      'costs.0.kind': 'membership', 'costs.0.amount': '12,3,4', 'costs.0.period': 'year',
      'costs.1.kind': 'training_fee', 'costs.1.amount': '', 'costs.1.period': 'semester',
      'equipment.0.item': 'Racket', 'equipment.0.source': 'buy', 'equipment.0.price': 'gratis',
      noSessionDates: '23.12.2026',
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as Answer;
    expect(answer.errors).toEqual({
      title: 'club:editor.errors.title', categoryOther: 'club:editor.errors.categoryOther', description: 'club:editor.errors.description', ageMin: 'age',
      'venue.address': 'required', 'venue.lat': 'club:editor.errors.latitude', 'venue.lon': 'coordinates',
      'sessions.0.end': 'timeOrder', 'costs.0.amount': 'club:editor.errors.amount', 'costs.1.amount': 'club:editor.errors.amountRequired',
      'equipment.0.price': 'club:editor.errors.amount', noSessionDates: 'club:editor.errors.exception.weekday',
    });
    expect(await counts()).toEqual(before);

    const html = await render(answer);
    const summaryLinks = [...html.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1], decode(m[2])]);
    expect(summaryLinks.map(([href]) => href).sort()).toEqual(Object.keys(answer.errors).map((f) => `field-${f}`).sort());
    for (const name of Object.keys(answer.errors)) {
      const id = `field-${name}`;
      const { tag, at } = tagWithId(html, id);
      expect(attr(tag, 'aria-invalid'), name).toBe('true');
      expect(attr(tag, 'aria-describedby')?.split(' '), name).toContain(`${id}-error`);
      const message = textOf(html, `${id}-error`);
      const label = labelOf(html, id);
      expect(label, `label of ${name}`).not.toBe('');
      expect(message, name).toContain(label);
      // A row's field also says which row: "Kostnad 2 – Beløp (kr): …".
      if (/^(sessions|costs|equipment)\./.test(name)) expect(message, name).toContain(rowLegendBefore(html, at));
      expect(summaryLinks.find(([href]) => href === id)?.[1], name).toBe(message);
      expect(message, name).not.toMatch(/Verdien er ikke gyldig|Please fill/);
    }
    expect(textOf(html, 'field-venue.lat-error')).toBe('Breddegrad: Skriv breddegraden som et tall mellom 57 og 72, for eksempel 59,96.');
    expect(textOf(html, 'field-costs.1.amount-error')).toBe('Kostnad 2 – Beløp (kr): Skriv beløpet i kroner, eller 0 hvis det er gratis.');
    // What was typed comes back.
    expect(html).toContain('value="Ny hall"');
    expect(html).toContain('value="12,3,4"');
  });

  test('a form without a venue says so in words at the venue choice, and the browser is left out of it', async () => {
    const before = await counts();
    const res = await post(valid({ venueId: '' }));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as Answer;
    expect(answer.errors).toEqual({ venueId: 'club:editor.errors.venue' });
    const html = await render(answer);
    expect(textOf(html, 'field-venueId-error')).toBe('Sted: Velg et sted, eller velg «Nytt sted …» og fyll ut feltene om stedet.');
    expect(attr(tagWithId(html, 'field-venueId').tag, 'aria-invalid')).toBe('true');
    expect(html).toMatch(/<form[^>]*novalidate/i);
    expect(await counts()).toEqual(before);
  });
});

describe('numbers as volunteers type them', () => {
  test('coordinates and amounts with a decimal comma and spaces are saved as numbers', async () => {
    const res = await post(
      valid({
        venueId: 'new', 'venue.name': 'Kommahallen', 'venue.address': 'Kommaveien 1', 'venue.postcode': '3370', 'venue.place': 'Vikersund',
        'venue.lat': '59,9012', 'venue.lon': ' 10,0256 ',
        'costs.0.kind': 'membership', 'costs.0.amount': '1 250,50', 'costs.0.period': 'year',
        'costs.1.kind': 'training_fee', 'costs.1.amount': '1.250,50', 'costs.1.period': 'semester',
        'equipment.0.item': 'Racket', 'equipment.0.required': 'on', 'equipment.0.source': 'buy', 'equipment.0.price': '299,90',
        capacity: '1 000',
      }),
    );
    expect(res.status).toBe(302);
    const id = Number(res.headers.get('Location')!.match(/aktiviteter\/(\d+)/)![1]);
    const [a] = await db().select().from(s.activity).where(eq(s.activity.id, id));
    const [v] = await db().select().from(s.venue).where(eq(s.venue.id, a.venueId!));
    expect([v.name, v.lat, v.lon]).toEqual(['Kommahallen', 59.9012, 10.0256]);
    const costs = await db().select().from(s.activityCost).where(eq(s.activityCost.activityId, id)).orderBy(s.activityCost.id);
    expect(costs.map((c) => c.amountOre)).toEqual([125050, 125050]);
    const [e] = await db().select().from(s.activityEquipment).where(eq(s.activityEquipment.activityId, id));
    expect(e.typicalPriceOre).toBe(29990);
    expect(a.capacity).toBe(1000);
    // Membership once a year, two semesters of training fee, and the racket to buy.
    expect(a.totalCostPerYearOre).toBe(125050 * 3 + 29990);
  });
});

describe('the category "other"', () => {
  test('needs its kind; the kind is saved, comes back in the editor, shows on the page and is found by search', async () => {
    const missing = await post(valid({ category: 'annet', categoryOther: '  ' }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Answer).errors).toEqual({ categoryOther: 'club:editor.errors.categoryOther' });

    const res = await post(valid({ category: 'annet', categoryOther: 'Bordtennis', title: 'Racketkveld i Vikersund' }));
    expect(res.status).toBe(302);
    const id = Number(res.headers.get('Location')!.match(/aktiviteter\/(\d+)/)![1]);
    const [row] = await db().select().from(s.activity).where(eq(s.activity.id, id));
    expect([row.category, row.categoryOther]).toEqual(['annet', 'Bordtennis']);

    const { loader } = await route();
    const loaded = (await (await loader({ request: request(`/klubb/${orgId}/aktiviteter/${id}`, { cookie }), params: { orgId: String(orgId), activityId: String(id) }, context: {} })).json()) as { values: EditorValues };
    expect(loaded.values).toMatchObject({ category: 'annet', categoryOther: 'Bordtennis' });

    expect(await changeLifecycle(orgId, userId, { activityId: id, intent: 'publish' })).toBe(id);
    expect(await getPublicActivity(row.slug, 'ar')).toMatchObject({ category: 'annet', categoryOther: 'Bordtennis' });
    const found = await searchActivities(parseSearchParams(new URLSearchParams({ q: 'bordtennis' })).params);
    expect(found.hits.find((h) => h.id === id)).toMatchObject({ categoryOther: 'Bordtennis', title: 'Racketkveld i Vikersund' });

    // Another category clears the kind, so no football is shown as "Bordtennis".
    expect((await post(valid({ category: 'fotball', categoryOther: 'Bordtennis', title: 'Racketkveld i Vikersund' }), String(id))).status).toBe(302);
    const [after] = await db().select().from(s.activity).where(eq(s.activity.id, id));
    expect([after.category, after.categoryOther]).toEqual(['fotball', null]);
  });

  test('the database refuses "other" without a kind, whatever writes it', async () => {
    const [a] = await db().select().from(s.activity).limit(1);
    await expect(db().update(s.activity).set({ category: 'annet', categoryOther: null }).where(eq(s.activity.id, a.id))).rejects.toThrow();
  });
});

describe('days without practice', () => {
  test('a date on a weekday the activity does not meet is refused with the reason, in the reader’s words, and nothing is saved', async () => {
    const before = await counts();
    const res = await post(valid({ noSessionDates: '22.12.2026, 23.12.2026' }));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as Answer;
    expect(answer.errors).toEqual({ noSessionDates: 'club:editor.errors.exception.weekday' });
    expect(answer.errorParams.noSessionDates).toEqual({ date: '23. desember 2026', weekday: 'onsdag', sessionWeekdays: 'tirsdag og torsdag' });
    const html = await render(answer);
    expect(textOf(html, 'field-noSessionDates-error')).toBe(
      'Dager uten trening: 23. desember 2026 er en onsdag, men aktiviteten har trening tirsdag og torsdag. Skriv bare dager det ellers ville vært trening.',
    );
    expect(await counts()).toEqual(before);
  });

  test('a date outside the season, or any date before there are weekly times, is refused too', async () => {
    const outside = (await (await post(valid({ noSessionDates: '2027-06-22' }))).json()) as Answer;
    expect(outside.errors).toEqual({ noSessionDates: 'club:editor.errors.exception.outsideSeason' });
    const none = (await (await post(valid({ noSessionDates: '2026-12-22', 'sessions.0.weekday': '', 'sessions.1.weekday': '' }))).json()) as Answer;
    expect(none.errors).toEqual({ noSessionDates: 'club:editor.errors.exception.noSessions' });
  });

  test('session days are saved, in either way of writing a date', async () => {
    const res = await post(valid({ noSessionDates: '22.12.2026, 2026-12-24' }));
    expect(res.status).toBe(302);
    const id = Number(res.headers.get('Location')!.match(/aktiviteter\/(\d+)/)![1]);
    const rows = await db().select().from(s.activitySession).where(eq(s.activitySession.activityId, id));
    expect(rows.filter((r) => r.cancelled).map((r) => r.date).sort()).toEqual(['2026-12-22', '2026-12-24']);
  });
});

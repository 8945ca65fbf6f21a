// The permission matrix (issue 4): every private route and action, with every role, a user of another
// kommune and of another organisation, and nobody signed in. Shared by permissions.test.ts (what each
// must get) and cache-control.test.ts (what every signed-in answer must say about caching).
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import type { Role } from '../../app/domain/auth/permissions';
import { answerConsent, assignGuide, createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { db } from '../../app/utils/db.server';
import * as account from '../../app/routes/konto._index';
import * as clubHome from '../../app/routes/klubb.$orgId._index';
import * as inbox from '../../app/routes/klubb.$orgId.pameldinger';
import * as inboxCsv from '../../app/routes/klubb.$orgId.pameldinger[.]csv';
import * as editor from '../../app/routes/klubb.$orgId.aktiviteter.$activityId._index';
import * as translate from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.oversettelse';
import * as preview from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.forhandsvis';
import * as openDays from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.apne-dager._index';
import * as openDayEditor from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId';
import * as openDayTranslation from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId_.oversettelse';
import * as moderation from '../../app/routes/kommune.$kommune.moderering';
import * as members from '../../app/routes/klubb.$orgId.medlemmer';
import * as csvImport from '../../app/routes/klubb.$orgId.import';
import * as kommuneImport from '../../app/routes/kommune.$kommune.import';
import * as newReferral from '../../app/routes/henvisning.ny';
import * as kommuneSchemes from '../../app/routes/kommune.$kommune.stotte._index';
import * as kommuneScheme from '../../app/routes/kommune.$kommune.stotte.$id';
import * as kommuneSchemeTranslation from '../../app/routes/kommune.$kommune.stotte.$id_.oversettelse';
import * as kommuneSchemePreview from '../../app/routes/kommune.$kommune.stotte.$id_.forhandsvis';
import * as kommuneAreas from '../../app/routes/kommune.$kommune.omrader._index';
import * as kommuneArea from '../../app/routes/kommune.$kommune.omrader.$id';
import * as kommuneLenders from '../../app/routes/kommune.$kommune.utstyr._index';
import * as kommuneLender from '../../app/routes/kommune.$kommune.utstyr.$id';
import * as myReferrals from '../../app/routes/henvisninger';
import * as queue from '../../app/routes/koordinator._index';
import * as queueItem from '../../app/routes/koordinator.$id';
import * as guideHome from '../../app/routes/guide._index';
import * as guideCase from '../../app/routes/guide.$id';
import * as guideList from '../../app/routes/koordinator.guider._index';
import * as guideProfile from '../../app/routes/koordinator.guider.$userId';
import * as settlements from '../../app/routes/klubb.$orgId.oppgjor';
import * as kommuneSettlement from '../../app/routes/kommune.$kommune.oppgjor';
import * as kommunePrivacy from '../../app/routes/kommune.$kommune.personvern';
import * as kommuneReports from '../../app/routes/kommune.$kommune.tilgjengelighet';
import * as kommuneInsight from '../../app/routes/kommune.$kommune.innsikt';
import * as kommuneInsightCsv from '../../app/routes/kommune.$kommune.innsikt[.]csv';
import { form, request, readyGuide, userWithRole } from './users';

export type Who = 'anonymous' | Role | 'club_admin_other_org' | 'kommune_admin_other_kommune';
export const everyone: Who[] = ['anonymous', 'kommune_admin', 'coordinator', 'referrer', 'guide', 'club_admin', 'club_editor', 'club_admin_other_org', 'kommune_admin_other_kommune'];
const club: Who[] = ['club_admin', 'club_editor'];

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };

/**
 * One cell row: a loader or an action of a route module at a real address, and who may use it
 * ('ok' is 200 or a redirect after a successful action; the others get 403, or a redirect to sign in).
 */
export type Cell = {
  name: string;
  allowed: Who[];
  module: RouteModule;
  kind: 'loader' | 'action';
  path: string;
  params: Record<string, string>;
  form?: Record<string, string | string[]>;
  /** For an action that uses its record up (a delete): a new record's address and params before each run. */
  fresh?: () => Promise<Pick<Cell, 'path' | 'params'>>;
};

export type Matrix = {
  cookies: Record<Who, string | undefined>;
  orgA: number;
  activityA: number;
  pendingOrg: number;
  referralId: number;
  assignedGuideCookie: string;
  guideUserId: string;
  /** A support scheme of Modum. */
  schemeId: number;
  /** An open day of activityA. */
  openDayId: number;
  /** Areas of Modum made for the matrix: one to edit, one merged into another, one deleted (each once, by the allowed role). */
  areas: { edit: number; mergeFrom: number; mergeInto: number; remove: number };
  /** An equipment lender of Modum that nothing uses, so the delete cell can delete it. */
  lenderId: number;
};

/** An open day of the matrix's activity, a week ahead. */
async function newOpenDay(activityId: number) {
  const [a] = await db().select().from(s.activity).where(eq(s.activity.id, activityId));
  const startsAt = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const [{ id }] = await db()
    .insert(s.openDay)
    .values({ kommuneId: a.kommuneId, organisationId: a.organisationId, activityId, title: 'Matrisedag', startsAt, endsAt: new Date(startsAt.getTime() + 3600 * 1000) })
    .returning({ id: s.openDay.id });
  return id;
}

/** Users for every column, and a consented referral in Modum assigned to a guide who is not the matrix's 'guide'. */
export async function setUpMatrix(): Promise<Matrix> {
  const cookies = {} as Record<Who, string | undefined>;
  const [a, b] = await db().select().from(s.organisation).where(eq(s.organisation.status, 'approved')).orderBy(s.organisation.id).limit(2);
  const [{ id: activityA }] = await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.organisationId, a.id)).limit(1);
  for (const role of ['kommune_admin', 'coordinator', 'referrer', 'guide'] as Role[]) cookies[role] = (await userWithRole(role, { kommune: 'modum' })).cookie;
  cookies.club_admin = (await userWithRole('club_admin', { organisationId: a.id })).cookie;
  cookies.club_editor = (await userWithRole('club_editor', { organisationId: a.id })).cookie;
  cookies.club_admin_other_org = (await userWithRole('club_admin', { organisationId: b.id })).cookie;
  const [{ id: pendingOrg }] = await db().insert(s.organisation).values({ kommuneId: a.kommuneId, slug: 'matrise-klubb', name: 'Matriseklubben', status: 'pending' }).returning();
  cookies.kommune_admin_other_kommune = (await userWithRole('kommune_admin', { kommune: 'sigdal' })).cookie;
  const referrer = await userWithRole('referrer', { kommune: 'modum' });
  const assigned = await readyGuide();
  const { id: referralId } = await createReferral(
    { userId: referrer.id, kommuneId: a.kommuneId },
    referralInput.parse({ childFirstName: 'Matrise', birthYear: '2015', guardianName: 'Foresatt', guardianPhone: '+47 40000000', consentMethod: 'paper', consentDate: new Date().toISOString().slice(0, 10) }),
  );
  await answerConsent(referralId, { answer: 'given', givenBy: 'guardian', method: 'paper', scope: ['guide'], language: 'nb', recordedByUserId: referrer.id });
  await assignGuide(referralId, assigned.id, { score: 1, reasons: [] }, referrer.id);
  const [{ id: schemeId }] = await db().select({ id: s.supportScheme.id }).from(s.supportScheme).where(eq(s.supportScheme.kommuneId, a.kommuneId)).limit(1);
  const area = async (slug: string) =>
    (await db().insert(s.area).values({ kommuneId: a.kommuneId, slug, name: `Matrise ${slug}`, kind: 'grend', lat: 59.9, lon: 9.9 }).returning({ id: s.area.id }))[0].id;
  const areas = { edit: await area('matrise-endre'), mergeFrom: await area('matrise-fra'), mergeInto: await area('matrise-til'), remove: await area('matrise-slett') };
  const [{ id: lenderId }] = await db()
    .insert(s.equipmentLender)
    .values({ kommuneId: a.kommuneId, slug: 'matrise-utlan', name: 'Matriseutlånet', address: 'Matriseveien 1', lat: 59.9, lon: 9.9, lends: 'Ski' })
    .returning({ id: s.equipmentLender.id });
  return { cookies, orgA: a.id, activityA, pendingOrg, referralId, assignedGuideCookie: assigned.cookie, guideUserId: assigned.id, schemeId, areas, lenderId, openDayId: await newOpenDay(activityA) };
}

export function matrixCells(m: Matrix): Cell[] {
  const org = { orgId: String(m.orgA) };
  const activity = { ...org, activityId: String(m.activityA) };
  const modum = { kommune: 'modum' };
  const get = (name: string, allowed: Who[], module: RouteModule, path: string, params: Record<string, string> = {}): Cell => ({ name, allowed, module, kind: 'loader', path, params });
  const post = (name: string, allowed: Who[], module: RouteModule, path: string, params: Record<string, string>, values: Cell['form']): Cell => ({ name, allowed, module, kind: 'action', path, params, form: values });
  return [
    get('GET /konto', everyone.filter((w) => w !== 'anonymous'), account, '/konto'),
    get('GET /klubb/:org', club, clubHome, `/klubb/${m.orgA}`, org),
    post('POST /klubb/:org (confirm)', club, clubHome, `/klubb/${m.orgA}`, org, { activityId: String(m.activityA), intent: 'confirm' }),
    get('GET /klubb/:org/pameldinger', club, inbox, `/klubb/${m.orgA}/pameldinger`, org),
    get('GET /klubb/:org/pameldinger.csv', club, inboxCsv, `/klubb/${m.orgA}/pameldinger.csv`, org),
    get('GET /klubb/:org/aktiviteter/ny', club, editor, `/klubb/${m.orgA}/aktiviteter/ny`, { ...org, activityId: 'ny' }),
    get('GET /klubb/:org/aktiviteter/:id', club, editor, `/klubb/${m.orgA}/aktiviteter/${m.activityA}`, activity),
    get('GET /klubb/:org/aktiviteter/:id/oversettelse', club, translate, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/oversettelse`, activity),
    post('POST /klubb/:org/aktiviteter/:id/oversettelse', club, translate, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/oversettelse`, activity, { language: 'en', title: 'Title' }),
    get('GET /klubb/:org/aktiviteter/:id/apne-dager', club, openDays, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager`, activity),
    get('GET /klubb/:org/aktiviteter/:id/apne-dager/ny', club, openDayEditor, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/ny`, { ...activity, openDayId: 'ny' }),
    post('POST /klubb/:org/aktiviteter/:id/apne-dager/ny', club, openDayEditor, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/ny`, { ...activity, openDayId: 'ny' }, {
      intent: 'save', kind: 'trial', title: 'Prøv', date: new Date(Date.now() + 9 * 24 * 3600 * 1000).toISOString().slice(0, 10), start: '17:00', end: '18:00', venueId: '', description: '',
    }),
    get('GET /klubb/:org/aktiviteter/:id/apne-dager/:day', club, openDayEditor, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/${m.openDayId}?slett`, { ...activity, openDayId: String(m.openDayId) }),
    post('POST /klubb/:org/aktiviteter/:id/apne-dager/:day', club, openDayEditor, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/${m.openDayId}`, { ...activity, openDayId: String(m.openDayId) }, {
      intent: 'save', kind: 'open_day', title: 'Åpen dag', date: new Date(Date.now() + 9 * 24 * 3600 * 1000).toISOString().slice(0, 10), start: '17:00', end: '18:30', venueId: '', description: 'Velkommen',
    }),
    {
      ...post('POST /klubb/:org/aktiviteter/:id/apne-dager/:day (delete)', club, openDayEditor, '', {}, { intent: 'delete' }),
      fresh: async () => {
        const id = await newOpenDay(m.activityA);
        return { path: `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/${id}`, params: { ...activity, openDayId: String(id) } };
      },
    },
    get('GET /klubb/:org/aktiviteter/:id/apne-dager/:day/oversettelse', club, openDayTranslation, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/${m.openDayId}/oversettelse?sprak=so`, { ...activity, openDayId: String(m.openDayId) }),
    post('POST /klubb/:org/aktiviteter/:id/apne-dager/:day/oversettelse', club, openDayTranslation, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/apne-dager/${m.openDayId}/oversettelse`, { ...activity, openDayId: String(m.openDayId) }, {
      language: 'so', title: 'Maalin furan', description: 'Soo dhawow',
    }),
    get('GET /klubb/:org/aktiviteter/:id/forhandsvis', club, preview, `/klubb/${m.orgA}/aktiviteter/${m.activityA}/forhandsvis`, activity),
    get('GET /klubb/:org/import', club, csvImport, `/klubb/${m.orgA}/import`, org),
    get('GET /klubb/:org/medlemmer', ['club_admin'], members, `/klubb/${m.orgA}/medlemmer`, org),
    post('POST /klubb/:org/medlemmer (invite)', ['club_admin'], members, `/klubb/${m.orgA}/medlemmer`, org, { email: 'ny@example.no', role: 'club_editor' }),
    post('POST /kommune/modum/moderering', ['kommune_admin'], moderation, '/kommune/modum/moderering', modum, { organisationId: String(m.pendingOrg), decision: 'approve' }),
    post('POST /kommune/modum/moderering (check the register again)', ['kommune_admin'], moderation, '/kommune/modum/moderering', modum, { intent: 'recheck', organisationId: String(m.pendingOrg) }),
    get('GET /kommune/modum/import', ['kommune_admin'], kommuneImport, '/kommune/modum/import', modum),
    get('GET /henvisning/ny', ['referrer', 'coordinator'], newReferral, '/henvisning/ny'),
    get('GET /henvisninger', ['referrer', 'coordinator'], myReferrals, '/henvisninger'),
    get('GET /koordinator', ['coordinator'], queue, '/koordinator'),
    get('GET /koordinator/:id', ['coordinator'], queueItem, `/koordinator/${m.referralId}`, { id: String(m.referralId) }),
    get('GET /guide', ['guide'], guideHome, '/guide'),
    // The matrix's guide is not assigned to this child: refused like everyone else.
    get('GET /guide/:id (not assigned)', [], guideCase, `/guide/${m.referralId}`, { id: String(m.referralId) }),
    ...(['place', 'ask-club-consent', 'follow-up', 'grant', 'loan', 'loan-status', 'close'] as const).map((intent) =>
      post(`POST /guide/:id (${intent}, not assigned)`, [], guideCase, `/guide/${m.referralId}`, { id: String(m.referralId) }, { intent, kind: 'first_contact', outcome: 'x' }),
    ),
    get('GET /koordinator/guider', ['coordinator'], guideList, '/koordinator/guider'),
    post('POST /koordinator/guider (invite)', ['coordinator'], guideList, '/koordinator/guider', {}, { email: 'ny.guide@example.no' }),
    get('GET /koordinator/guider/:userId', ['coordinator'], guideProfile, `/koordinator/guider/${m.guideUserId}`, { userId: m.guideUserId }),
    post('POST /koordinator/guider/:userId', ['coordinator'], guideProfile, `/koordinator/guider/${m.guideUserId}`, { userId: m.guideUserId }, { active: 'on', languages: ['nb'], capacity: '5' }),
    get('GET /klubb/:org/oppgjor', ['club_admin'], settlements, `/klubb/${m.orgA}/oppgjor`, org),
    get('GET /kommune/modum/personvern', ['kommune_admin'], kommunePrivacy, '/kommune/modum/personvern', modum),
    post('POST /kommune/modum/personvern', ['kommune_admin'], kommunePrivacy, '/kommune/modum/personvern', modum, { retentionDays: '90' }),
    get('GET /kommune/modum/tilgjengelighet', ['kommune_admin'], kommuneReports, '/kommune/modum/tilgjengelighet', modum),
    post('POST /kommune/modum/tilgjengelighet', ['kommune_admin'], kommuneReports, '/kommune/modum/tilgjengelighet', modum, { report: '1' }),
    get('GET /kommune/modum/oppgjor', ['kommune_admin'], kommuneSettlement, '/kommune/modum/oppgjor', modum),
    get('GET /kommune/modum/innsikt', ['kommune_admin', 'coordinator'], kommuneInsight, '/kommune/modum/innsikt', modum),
    post('POST /kommune/modum/innsikt', ['kommune_admin'], kommuneInsight, '/kommune/modum/innsikt', modum, { 'overview.answer': 'yes', 'overview.note': '' }),
    get('GET /kommune/modum/innsikt.csv', ['kommune_admin', 'coordinator'], kommuneInsightCsv, '/kommune/modum/innsikt.csv', modum),
    get('GET /kommune/modum/moderering', ['kommune_admin'], moderation, '/kommune/modum/moderering', modum),
    get('GET /kommune/modum/stotte', ['kommune_admin'], kommuneSchemes, '/kommune/modum/stotte', modum),
    get('GET /kommune/modum/stotte/ny', ['kommune_admin'], kommuneScheme, '/kommune/modum/stotte/ny', { ...modum, id: 'ny' }),
    post('POST /kommune/modum/stotte/ny', ['kommune_admin'], kommuneScheme, '/kommune/modum/stotte/ny', { ...modum, id: 'ny' }, {
      name: 'Matriseordning', kind: 'fritidsstipend', covers: ['membership'], maxAmount: '', whoCanGet: 'Alle', howToApply: 'Søk', description: 'Beskrivelse', url: '', validFrom: '', validTo: '',
    }),
    get('GET /kommune/modum/stotte/:id', ['kommune_admin'], kommuneScheme, `/kommune/modum/stotte/${m.schemeId}`, { ...modum, id: String(m.schemeId) }),
    get('GET /kommune/modum/stotte/:id/oversettelse', ['kommune_admin'], kommuneSchemeTranslation, `/kommune/modum/stotte/${m.schemeId}/oversettelse?sprak=so`, { ...modum, id: String(m.schemeId) }),
    post('POST /kommune/modum/stotte/:id/oversettelse', ['kommune_admin'], kommuneSchemeTranslation, `/kommune/modum/stotte/${m.schemeId}/oversettelse`, { ...modum, id: String(m.schemeId) }, { language: 'so', name: 'Magac' }),
    get('GET /kommune/modum/stotte/:id/forhandsvis', ['kommune_admin'], kommuneSchemePreview, `/kommune/modum/stotte/${m.schemeId}/forhandsvis?sprak=so`, { ...modum, id: String(m.schemeId) }),
    post('POST /kommune/modum/personvern (contact for families)', ['kommune_admin'], kommunePrivacy, '/kommune/modum/personvern', modum, { intent: 'familyContact', contactName: 'Fritidskontoret', contactEmail: 'fritid@modum.kommune.no', contactPhone: '', contactUrl: '' }),
    get('GET /kommune/modum/stotte/:id?avpubliser', ['kommune_admin'], kommuneScheme, `/kommune/modum/stotte/${m.schemeId}?avpubliser=1`, { ...modum, id: String(m.schemeId) }),
    get('GET /kommune/modum/omrader', ['kommune_admin'], kommuneAreas, '/kommune/modum/omrader', modum),
    get('GET /kommune/modum/omrader/ny', ['kommune_admin'], kommuneArea, '/kommune/modum/omrader/ny', { ...modum, id: 'ny' }),
    post('POST /kommune/modum/omrader/ny', ['kommune_admin'], kommuneArea, '/kommune/modum/omrader/ny', { ...modum, id: 'ny' }, { intent: 'save', name: 'Matriseområde', kind: 'grend', lat: '59,95', lon: '9,98' }),
    get('GET /kommune/modum/omrader/:id', ['kommune_admin'], kommuneArea, `/kommune/modum/omrader/${m.areas.edit}`, { ...modum, id: String(m.areas.edit) }),
    get('GET /kommune/modum/omrader/:id?slaSammen', ['kommune_admin'], kommuneArea, `/kommune/modum/omrader/${m.areas.edit}?slaSammen=${m.areas.mergeInto}`, { ...modum, id: String(m.areas.edit) }),
    get('GET /kommune/modum/omrader/:id?slett', ['kommune_admin'], kommuneArea, `/kommune/modum/omrader/${m.areas.edit}?slett=1`, { ...modum, id: String(m.areas.edit) }),
    post('POST /kommune/modum/omrader/:id', ['kommune_admin'], kommuneArea, `/kommune/modum/omrader/${m.areas.edit}`, { ...modum, id: String(m.areas.edit) }, { intent: 'save', name: 'Matrise endret', kind: 'bydel', lat: '60.0', lon: '10.0' }),
    post('POST /kommune/modum/omrader/:id (merge)', ['kommune_admin'], kommuneArea, `/kommune/modum/omrader/${m.areas.mergeFrom}`, { ...modum, id: String(m.areas.mergeFrom) }, { intent: 'merge', into: String(m.areas.mergeInto) }),
    post('POST /kommune/modum/omrader/:id (delete)', ['kommune_admin'], kommuneArea, `/kommune/modum/omrader/${m.areas.remove}`, { ...modum, id: String(m.areas.remove) }, { intent: 'delete' }),
    post('POST /kommune/modum/stotte/:id (publish)', ['kommune_admin'], kommuneScheme, `/kommune/modum/stotte/${m.schemeId}`, { ...modum, id: String(m.schemeId) }, { intent: 'publish' }),
    get('GET /kommune/modum/utstyr', ['kommune_admin'], kommuneLenders, '/kommune/modum/utstyr', modum),
    get('GET /kommune/modum/utstyr/ny', ['kommune_admin'], kommuneLender, '/kommune/modum/utstyr/ny', { ...modum, id: 'ny' }),
    post('POST /kommune/modum/utstyr/ny', ['kommune_admin'], kommuneLender, '/kommune/modum/utstyr/ny', { ...modum, id: 'ny' }, lenderForm('Matrise-BUA')),
    get('GET /kommune/modum/utstyr/:id', ['kommune_admin'], kommuneLender, `/kommune/modum/utstyr/${m.lenderId}`, { ...modum, id: String(m.lenderId) }),
    get('GET /kommune/modum/utstyr/:id?slett', ['kommune_admin'], kommuneLender, `/kommune/modum/utstyr/${m.lenderId}?slett=1`, { ...modum, id: String(m.lenderId) }),
    post('POST /kommune/modum/utstyr/:id', ['kommune_admin'], kommuneLender, `/kommune/modum/utstyr/${m.lenderId}`, { ...modum, id: String(m.lenderId) }, lenderForm('Matriseutlånet')),
    // Last: after it the lender is gone.
    post('POST /kommune/modum/utstyr/:id (delete)', ['kommune_admin'], kommuneLender, `/kommune/modum/utstyr/${m.lenderId}`, { ...modum, id: String(m.lenderId) }, { intent: 'delete' }),
  ];
}

/** Every field of the lender form, filled as a kommune admin would. */
const lenderForm = (name: string) => ({
  intent: 'save', name, address: 'Matriseveien 1, 3370 Vikersund', lat: '59,97', lon: '9,99', venueId: '', items: 'Ski\nSkøyter', url: 'https://bua.example',
  contactEmail: 'bua@modum.example', contactPhone: '+47 400 00 000',
  'hours.0.weekday': '2', 'hours.0.opens': '15:00', 'hours.0.closes': '19:00', 'hours.1.weekday': '', 'hours.1.opens': '', 'hours.1.closes': '',
});

/** The cell's request, as a browser would send it (a form post for an action). */
export const cellRequest = (cell: Cell, cookie: string | undefined, search = '') =>
  request(`${cell.path}${search}`, { cookie, ...(cell.form ? form(cell.form) : {}) });

/** Calls the cell's loader or action directly, as Remix would. */
export async function runCell(cell: Cell, cookie: string | undefined) {
  const handler = cell.module[cell.kind];
  if (!handler) throw new Error(`${cell.name}: the route has no ${cell.kind}`);
  const c = cell.fresh ? { ...cell, ...(await cell.fresh()) } : cell;
  return handler({ request: cellRequest(c, cookie), params: c.params, context: {} });
}

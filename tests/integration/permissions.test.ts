import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import type { Role } from '../../app/domain/auth/permissions';
import { db } from '../../app/utils/db.server';
import * as account from '../../app/routes/konto._index';
import * as clubHome from '../../app/routes/klubb.$orgId._index';
import * as inbox from '../../app/routes/klubb.$orgId.pameldinger';
import * as inboxCsv from '../../app/routes/klubb.$orgId.pameldinger[.]csv';
import * as editor from '../../app/routes/klubb.$orgId.aktiviteter.$activityId._index';
import * as translate from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.oversettelse';
import * as preview from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.forhandsvis';
import * as moderation from '../../app/routes/kommune.$kommune.moderering';
import * as members from '../../app/routes/klubb.$orgId.medlemmer';
import * as csvImport from '../../app/routes/klubb.$orgId.import';
import * as kommuneImport from '../../app/routes/kommune.$kommune.import';
import * as newReferral from '../../app/routes/henvisning.ny';
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
import { answerConsent, assignGuide, createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { useTestDatabase } from '../setup/db';
import { form, request, statusOf, userWithRole } from '../setup/users';

// The permission matrix (issue 4): every private route and action, with every role, a user of another
// kommune and of another organisation, and nobody signed in. A cell says what each must get:
// 'ok' (200 or a redirect after a successful action), 403, or 'login' (a redirect to sign in).
useTestDatabase();

type Who = 'anonymous' | Role | 'club_admin_other_org' | 'kommune_admin_other_kommune';
const everyone: Who[] = ['anonymous', 'kommune_admin', 'coordinator', 'referrer', 'guide', 'club_admin', 'club_editor', 'club_admin_other_org', 'kommune_admin_other_kommune'];

const cookies = {} as Record<Who, string | undefined>;
let orgA = 0;
let activityA = 0;
let pendingOrg = 0;
let referralId = 0;
let assignedGuideCookie = '';
let guideUserId = '';

beforeAll(async () => {
  const [a, b] = await db().select().from(s.organisation).where(eq(s.organisation.status, 'approved')).orderBy(s.organisation.id).limit(2);
  orgA = a.id;
  [{ id: activityA }] = await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.organisationId, orgA)).limit(1);
  for (const role of ['kommune_admin', 'coordinator', 'referrer', 'guide'] as Role[]) cookies[role] = (await userWithRole(role, { kommune: 'modum' })).cookie;
  cookies.club_admin = (await userWithRole('club_admin', { organisationId: a.id })).cookie;
  cookies.club_editor = (await userWithRole('club_editor', { organisationId: a.id })).cookie;
  cookies.club_admin_other_org = (await userWithRole('club_admin', { organisationId: b.id })).cookie;
  [{ id: pendingOrg }] = await db().insert(s.organisation).values({ kommuneId: a.kommuneId, slug: 'matrise-klubb', name: 'Matriseklubben', status: 'pending' }).returning();
  cookies.kommune_admin_other_kommune = (await userWithRole('kommune_admin', { kommune: 'sigdal' })).cookie;
  // A consented referral in Modum, assigned to a guide who is not the matrix's 'guide'.
  const referrer = await userWithRole('referrer', { kommune: 'modum' });
  const assigned = await userWithRole('guide', { kommune: 'modum' });
  assignedGuideCookie = assigned.cookie;
  guideUserId = assigned.id;
  ({ id: referralId } = await createReferral({ userId: referrer.id, kommuneId: a.kommuneId }, referralInput.parse({ childFirstName: 'Matrise', birthYear: '2015', guardianName: 'Foresatt', guardianPhone: '+47 40000000', consentMethod: 'paper', consentDate: new Date().toISOString().slice(0, 10) })));
  await answerConsent(referralId, { answer: 'given', givenBy: 'guardian', method: 'paper', scope: ['guide'], language: 'nb', recordedByUserId: referrer.id });
  await assignGuide(referralId, assigned.id, { score: 1, reasons: [] }, referrer.id);
});

type Case = { name: string; allowed: Who[]; run: (cookie: string | undefined) => Promise<unknown> };
const club: Who[] = ['club_admin', 'club_editor'];

const cases = (): Case[] => [
  { name: 'GET /konto', allowed: everyone.filter((w) => w !== 'anonymous'), run: (c) => account.loader({ request: request('/konto', { cookie: c }), params: {}, context: {} }) },
  { name: 'GET /klubb/:org', allowed: club, run: (c) => clubHome.loader({ request: request(`/klubb/${orgA}`, { cookie: c }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'POST /klubb/:org (confirm)', allowed: club, run: (c) => clubHome.action({ request: request(`/klubb/${orgA}`, { cookie: c, ...form({ activityId: String(activityA), intent: 'confirm' }) }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'GET /klubb/:org/pameldinger', allowed: club, run: (c) => inbox.loader({ request: request(`/klubb/${orgA}/pameldinger`, { cookie: c }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'GET /klubb/:org/pameldinger.csv', allowed: club, run: (c) => inboxCsv.loader({ request: request(`/klubb/${orgA}/pameldinger.csv`, { cookie: c }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'GET /klubb/:org/aktiviteter/ny', allowed: club, run: (c) => editor.loader({ request: request(`/klubb/${orgA}/aktiviteter/ny`, { cookie: c }), params: { orgId: String(orgA), activityId: 'ny' }, context: {} }) },
  { name: 'GET /klubb/:org/aktiviteter/:id', allowed: club, run: (c) => editor.loader({ request: request(`/klubb/${orgA}/aktiviteter/${activityA}`, { cookie: c }), params: { orgId: String(orgA), activityId: String(activityA) }, context: {} }) },
  { name: 'GET /klubb/:org/aktiviteter/:id/oversettelse', allowed: club, run: (c) => translate.loader({ request: request(`/klubb/${orgA}/aktiviteter/${activityA}/oversettelse`, { cookie: c }), params: { orgId: String(orgA), activityId: String(activityA) }, context: {} }) },
  { name: 'POST /klubb/:org/aktiviteter/:id/oversettelse', allowed: club, run: (c) => translate.action({ request: request(`/x`, { cookie: c, ...form({ language: 'en', title: 'Title' }) }), params: { orgId: String(orgA), activityId: String(activityA) }, context: {} }) },
  { name: 'GET /klubb/:org/aktiviteter/:id/forhandsvis', allowed: club, run: (c) => preview.loader({ request: request(`/x`, { cookie: c }), params: { orgId: String(orgA), activityId: String(activityA) }, context: {} }) },
  { name: 'GET /klubb/:org/import', allowed: club, run: (c) => csvImport.loader({ request: request('/x', { cookie: c }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'GET /klubb/:org/medlemmer', allowed: ['club_admin'], run: (c) => members.loader({ request: request('/x', { cookie: c }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'POST /klubb/:org/medlemmer (invite)', allowed: ['club_admin'], run: (c) => members.action({ request: request('/x', { cookie: c, ...form({ email: 'ny@example.no', role: 'club_editor' }) }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'POST /kommune/modum/moderering', allowed: ['kommune_admin'], run: (c) => moderation.action({ request: request('/x', { cookie: c, ...form({ organisationId: String(pendingOrg), decision: 'approve' }) }), params: { kommune: 'modum' }, context: {} }) },
  { name: 'GET /kommune/modum/import', allowed: ['kommune_admin'], run: (c) => kommuneImport.loader({ request: request('/x', { cookie: c }), params: { kommune: 'modum' }, context: {} }) },
  { name: 'GET /henvisning/ny', allowed: ['referrer', 'coordinator'], run: (c) => newReferral.loader({ request: request('/x', { cookie: c }), params: {}, context: {} }) },
  { name: 'GET /henvisninger', allowed: ['referrer', 'coordinator'], run: (c) => myReferrals.loader({ request: request('/x', { cookie: c }), params: {}, context: {} }) },
  { name: 'GET /koordinator', allowed: ['coordinator'], run: (c) => queue.loader({ request: request('/x', { cookie: c }), params: {}, context: {} }) },
  { name: 'GET /koordinator/:id', allowed: ['coordinator'], run: (c) => queueItem.loader({ request: request('/x', { cookie: c }), params: { id: String(referralId) }, context: {} }) },
  { name: 'GET /guide', allowed: ['guide'], run: (c) => guideHome.loader({ request: request('/x', { cookie: c }), params: {}, context: {} }) },
  // The matrix's guide is not assigned to this child: refused like everyone else.
  { name: 'GET /guide/:id (not assigned)', allowed: [], run: (c) => guideCase.loader({ request: request('/x', { cookie: c }), params: { id: String(referralId) }, context: {} }) },
  ...(['place', 'ask-club-consent', 'follow-up', 'grant', 'loan', 'loan-status', 'close'] as const).map((intent) => ({
    name: `POST /guide/:id (${intent}, not assigned)`,
    allowed: [] as Who[],
    run: (c: string | undefined) => guideCase.action({ request: request('/x', { cookie: c, ...form({ intent, kind: 'first_contact', outcome: 'x' }) }), params: { id: String(referralId) }, context: {} }),
  })),
  { name: 'GET /koordinator/guider', allowed: ['coordinator'], run: (c) => guideList.loader({ request: request('/x', { cookie: c }), params: {}, context: {} }) },
  { name: 'POST /koordinator/guider (invite)', allowed: ['coordinator'], run: (c) => guideList.action({ request: request('/x', { cookie: c, ...form({ email: 'ny.guide@example.no' }) }), params: {}, context: {} }) },
  { name: 'GET /koordinator/guider/:userId', allowed: ['coordinator'], run: (c) => guideProfile.loader({ request: request('/x', { cookie: c }), params: { userId: guideUserId }, context: {} }) },
  { name: 'POST /koordinator/guider/:userId', allowed: ['coordinator'], run: (c) => guideProfile.action({ request: request('/x', { cookie: c, ...form({ active: 'on', languages: ['nb'], capacity: '5' }) }), params: { userId: guideUserId }, context: {} }) },
  { name: 'GET /klubb/:org/oppgjor', allowed: ['club_admin'], run: (c) => settlements.loader({ request: request('/x', { cookie: c }), params: { orgId: String(orgA) }, context: {} }) },
  { name: 'GET /kommune/modum/personvern', allowed: ['kommune_admin'], run: (c) => kommunePrivacy.loader({ request: request('/x', { cookie: c }), params: { kommune: 'modum' }, context: {} }) },
  { name: 'POST /kommune/modum/personvern', allowed: ['kommune_admin'], run: (c) => kommunePrivacy.action({ request: request('/x', { cookie: c, ...form({ retentionDays: '90' }) }), params: { kommune: 'modum' }, context: {} }) },
  { name: 'GET /kommune/modum/oppgjor', allowed: ['kommune_admin'], run: (c) => kommuneSettlement.loader({ request: request('/x', { cookie: c }), params: { kommune: 'modum' }, context: {} }) },
  { name: 'GET /kommune/modum/moderering', allowed: ['kommune_admin'], run: (c) => moderation.loader({ request: request('/kommune/modum/moderering', { cookie: c }), params: { kommune: 'modum' }, context: {} }) },
];

describe('permission matrix', () => {
  test('every private route gives each role exactly what it should', async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      for (const who of everyone) {
        const status = await statusOf(() => c.run(cookies[who]));
        const expected = who === 'anonymous' ? [302] : c.allowed.includes(who) ? [200, 302] : [403];
        if (!expected.includes(status)) failures.push(`${c.name} as ${who}: got ${status}, expected ${expected.join(' or ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('a club user cannot reach another club’s activity through its own club’s address', async () => {
    const [other] = await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.organisationId, orgA + 1)).limit(1);
    const status = await statusOf(() => editor.loader({ request: request('/x', { cookie: cookies.club_admin }), params: { orgId: String(orgA), activityId: String(other.id) }, context: {} }));
    expect(status).toBe(404);
  });

  test('the assigned guide reaches the child and can record a follow-up', async () => {
    expect(await statusOf(() => guideCase.loader({ request: request('/x', { cookie: assignedGuideCookie }), params: { id: String(referralId) }, context: {} }))).toBe(200);
    const post = () => guideCase.action({ request: request('/x', { cookie: assignedGuideCookie, ...form({ intent: 'follow-up', kind: 'first_contact', outcome: 'Ringte' }) }), params: { id: String(referralId) }, context: {} });
    expect(await statusOf(post)).toBe(302);
  });

  test('a bad id in the address is a 404, not a 500', async () => {
    const status = await statusOf(() => clubHome.loader({ request: request('/klubb/abc', { cookie: cookies.club_admin }), params: { orgId: 'abc' }, context: {} }));
    expect(status).toBe(404);
  });
});

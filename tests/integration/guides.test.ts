import { and, eq, inArray } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import * as guideList from '../../app/routes/koordinator.guider._index';
import * as guideProfile from '../../app/routes/koordinator.guider.$userId';
import * as invitation from '../../app/routes/invitasjon.$token';
import { rankedGuidesFor } from '../../app/domain/referral/casework.server';
import { listGuides } from '../../app/domain/referral/guides.server';
import { osloDate } from '../../app/utils/dates';
import { answerConsent, createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { decrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole } from '../setup/users';

// The coordinator keeps the kommune's guides matchable (issue: coordinator manages guide profiles),
// through the pages' own loaders and actions, against the seeded database.
useTestDatabase();

let modum = 0;
let modumAreas: number[] = [];
let sigdalArea = 0;
let coordinator = { id: '', cookie: '' };
let otherCoordinator = { id: '', cookie: '' };
let guide = { id: '', cookie: '' };
let referrer = '';

beforeAll(async () => {
  [{ id: modum }] = await db().select({ id: s.kommune.id }).from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  const [{ id: sigdal }] = await db().select({ id: s.kommune.id }).from(s.kommune).where(eq(s.kommune.slug, 'sigdal'));
  modumAreas = (await db().select({ id: s.area.id }).from(s.area).where(eq(s.area.kommuneId, modum)).orderBy(s.area.id)).map((a) => a.id);
  [{ id: sigdalArea }] = await db().select({ id: s.area.id }).from(s.area).where(eq(s.area.kommuneId, sigdal)).limit(1);
  coordinator = await userWithRole('coordinator', { kommune: 'modum' });
  otherCoordinator = await userWithRole('coordinator', { kommune: 'sigdal' });
  // Joined the kommune as a guide, with no profile yet.
  guide = await userWithRole('guide', { kommune: 'modum' });
  referrer = (await userWithRole('referrer', { kommune: 'modum' })).id;
});

const today = () => osloDate(new Date());
const tomorrow = () => osloDate(new Date(Date.now() + 36 * 3600 * 1000));

const profileForm = (overrides: Record<string, string | string[]> = {}) => ({
  active: 'on', languages: ['nb', 'so'], areaIds: [String(modumAreas[0]), String(modumAreas[1])], interests: ['fotball', 'sjakk'], capacity: '4',
  gender: 'female', politiattestVerifiedAt: '', confidentialitySignedAt: today(), ...overrides,
});

const save = (cookie: string, userId: string, values: Record<string, string | string[]>) =>
  guideProfile.action({ request: request(`/koordinator/guider/${userId}`, { cookie, ...form(values) }), params: { userId }, context: {} });

const open = (cookie: string, userId: string) => guideProfile.loader({ request: request(`/koordinator/guider/${userId}`, { cookie }), params: { userId }, context: {} });

const guideRow = async (userId: string) => (await db().select().from(s.guide).where(eq(s.guide.userId, userId)))[0] ?? null;
const auditRows = (action: string, entityId: string) =>
  db().select().from(s.auditEvent).where(and(eq(s.auditEvent.action, action), eq(s.auditEvent.entityId, entityId))).orderBy(s.auditEvent.id);

describe('guide profiles', () => {
  test('the list shows every guide of the kommune, a just-joined one with what stops matching, and no other kommune’s', async () => {
    const res = (await guideList.loader({ request: request('/koordinator/guider', { cookie: coordinator.cookie }), params: {}, context: {} })) as Response;
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const { guides } = (await res.json()) as { guides: { userId: string; name: string; problems: string[] }[] };
    expect(guides.find((g) => g.userId === guide.id)?.problems).toEqual(['inactive', 'confidentialityMissing', 'noLanguages', 'noAreas']);
    // The seeded demo guides are complete.
    expect(guides.find((g) => g.name.startsWith('Amina'))?.problems).toEqual([]);
    const sigdalGuide = await userWithRole('guide', { kommune: 'sigdal' });
    expect((await listGuides(modum)).some((g) => g.userId === sigdalGuide.id)).toBe(false);
  });

  test('a profile saved through the form reads back from the page and the database, and the change is audited', async () => {
    const res = (await save(coordinator.cookie, guide.id, profileForm())) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/koordinator/guider');
    expect(await flashOf(res)).toEqual(['guides:list.saved']);
    const page = (await open(coordinator.cookie, guide.id)) as Response;
    expect(page.headers.get('Cache-Control')).toBe('private, no-store');
    const { guide: shown } = (await page.json()) as { guide: { profile: Record<string, unknown>; problems: string[] } };
    expect(shown.profile).toEqual({
      active: true, volunteer: false, gender: 'female', languages: ['nb', 'so'], areaIds: [modumAreas[0], modumAreas[1]], interests: ['fotball', 'sjakk'], capacity: 4,
      politiattestVerifiedAt: '', confidentialitySignedAt: today(),
    });
    expect(shown.problems).toEqual([]);
    const row = await guideRow(guide.id);
    expect(row).toMatchObject({ kommuneId: modum, active: true, capacity: 4, languages: ['nb', 'so'], politiattestVerifiedAt: null });
    const [event] = await auditRows('guide.updated', guide.id);
    expect(event).toMatchObject({ actorUserId: coordinator.id, entity: 'guide' });
    expect((event.detail as { fields: string[] }).fields).toEqual(expect.arrayContaining(['active', 'languages', 'areaIds', 'capacity', 'gender', 'confidentialitySignedAt']));
    // Field names only: no values about the guide.
    expect(JSON.stringify(event.detail)).not.toMatch(/female|fotball|"so"/);
  });

  test('bad input gets 400 with translated field errors, keeps what was typed, and changes nothing', async () => {
    const before = await guideRow(guide.id);
    const audited = (await auditRows('guide.updated', guide.id)).length;
    const res = (await save(coordinator.cookie, guide.id, profileForm({ capacity: '31', languages: ['nb', 'xx'], politiattestVerifiedAt: tomorrow(), confidentialitySignedAt: '2026-02-30x', gender: 'robot' }))) as Response;
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(body.errors).toEqual({
      capacity: 'guides:errors.capacity', languages: 'invalid', politiattestVerifiedAt: 'guides:errors.dateInFuture', confidentialitySignedAt: 'date', gender: 'invalid',
    });
    expect(body.values).toMatchObject({ capacity: '31', languages: ['nb', 'xx'], interests: ['fotball', 'sjakk'] });
    const letters = (await save(coordinator.cookie, guide.id, profileForm({ capacity: 'fem' }))) as Response;
    expect(letters.status).toBe(400);
    expect(((await letters.json()) as { errors: Record<string, string> }).errors).toEqual({ capacity: 'number' });
    expect(await guideRow(guide.id)).toEqual(before);
    expect((await auditRows('guide.updated', guide.id)).length).toBe(audited);
  });

  test('an area of another kommune is refused', async () => {
    const before = await guideRow(guide.id);
    const res = (await save(coordinator.cookie, guide.id, profileForm({ areaIds: [String(modumAreas[0]), String(sigdalArea)] }))) as Response;
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({ areaIds: 'invalid' });
    expect(await guideRow(guide.id)).toEqual(before);
  });

  test('a coordinator of another kommune gets 404 for a Modum guide; so does a user who is no guide, and a malformed id', async () => {
    const before = await guideRow(guide.id);
    expect(await statusOf(() => open(otherCoordinator.cookie, guide.id))).toBe(404);
    expect(await statusOf(() => save(otherCoordinator.cookie, guide.id, profileForm({ capacity: '1' })))).toBe(404);
    expect(await guideRow(guide.id)).toEqual(before);
    expect(await statusOf(() => open(coordinator.cookie, referrer))).toBe(404);
    expect(await statusOf(() => save(coordinator.cookie, referrer, profileForm()))).toBe(404);
    expect(await guideRow(referrer)).toBeNull();
    expect(await statusOf(() => open(coordinator.cookie, 'not-a-uuid'))).toBe(404);
    expect(await statusOf(() => save(coordinator.cookie, "1' or '1'='1", profileForm()))).toBe(404);
    // A guide may not edit profiles, not even their own.
    expect(await statusOf(() => open(guide.cookie, guide.id))).toBe(403);
  });

  test('a guide whose profile another kommune keeps is not moved by this kommune’s coordinator', async () => {
    const both = await userWithRole('guide', { kommune: 'modum' });
    const [{ id: sigdal }] = await db().select({ id: s.kommune.id }).from(s.kommune).where(eq(s.kommune.slug, 'sigdal'));
    await db().insert(s.kommuneMember).values({ userId: both.id, kommuneId: sigdal, role: 'guide' });
    expect(await save(coordinator.cookie, both.id, profileForm())).toHaveProperty('status', 302);
    const before = await guideRow(both.id);
    const res = (await save(otherCoordinator.cookie, both.id, profileForm({ areaIds: [String(sigdalArea)] }))) as Response;
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({ form: 'guides:errors.otherKommune' });
    expect(await guideRow(both.id)).toEqual(before);
  });

  test('a volunteer without politiattest is left out of the ranking for a consented referral, and is in once the date is set', async () => {
    const { id } = await createReferral(
      { userId: referrer, kommuneId: modum },
      referralInput.parse({ childFirstName: 'Testbarn', birthYear: '2015', homeLanguages: ['so'], guardianName: 'Foresatt', guardianPhone: '+47 40000001', guardianLanguage: 'so', consentMethod: 'digital' }),
    );
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'paper', scope: ['guide'], language: 'so', recordedByUserId: referrer });
    expect((await save(coordinator.cookie, guide.id, profileForm({ volunteer: 'on', politiattestVerifiedAt: '' }))) as Response).toHaveProperty('status', 302);
    expect((await rankedGuidesFor(id)).map((g) => g.userId)).not.toContain(guide.id);
    expect((await listGuides(modum)).find((g) => g.userId === guide.id)?.problems).toEqual(['politiattestMissing']);
    expect((await save(coordinator.cookie, guide.id, profileForm({ volunteer: 'on', politiattestVerifiedAt: today() }))) as Response).toHaveProperty('status', 302);
    const ranked = await rankedGuidesFor(id);
    expect(ranked.map((g) => g.userId)).toContain(guide.id);
    expect(ranked.find((g) => g.userId === guide.id)?.reasons).toContainEqual({ key: 'speaksLanguage', params: { language: 'so' } });
  });

  test('an invited guide who accepts is a guide of the kommune with an inactive profile; both steps are audited', async () => {
    const email = `ny.guide.${Date.now()}@example.no`;
    const bad = (await guideList.action({ request: request('/koordinator/guider', { cookie: coordinator.cookie, ...form({ email: 'ikke en adresse' }) }), params: {}, context: {} })) as Response;
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toEqual({ email: 'email' });
    expect(await db().select().from(s.outbox).where(eq(s.outbox.template, 'guide-invitation'))).toEqual([]);

    const sent = (await guideList.action({ request: request('/koordinator/guider', { cookie: coordinator.cookie, ...form({ email: email.toUpperCase() }) }), params: {}, context: {} })) as Response;
    expect(sent.headers.get('Location')).toBe('/koordinator/guider');
    expect(await flashOf(sent)).toEqual(['guides:list.invited']);
    const [message] = await db().select().from(s.outbox).where(eq(s.outbox.template, 'guide-invitation'));
    const params = JSON.parse(decrypt(message.params.enc as string)) as { path: string; kommune: string };
    expect(params.kommune).toBe('Modum');
    const token = params.path.split('/').pop()!;

    const page = (await invitation.loader({ request: request(`/invitasjon/${token}`), params: { token }, context: {} })) as Response;
    expect(((await page.json()) as { info: { kommuneName: string; email: string } }).info).toMatchObject({ kommuneName: 'Modum', email });

    const joined = (await invitation.action({ request: request(`/invitasjon/${token}`, form({ name: 'Ny Guide', password: 'et langt og godt passord' })), params: { token }, context: {} })) as Response;
    expect(joined.status).toBe(302);
    // A guide sees children's data: the new account sets up its second factor first.
    expect(joined.headers.get('Location')).toBe('/konto/tofaktor');
    const [u] = await db().select().from(s.user).where(eq(s.user.email, email));
    const memberships = await db().select().from(s.kommuneMember).where(eq(s.kommuneMember.userId, u.id));
    expect(memberships.map((m) => [m.kommuneId, m.role])).toEqual([[modum, 'guide']]);
    expect(await guideRow(u.id)).toMatchObject({ kommuneId: modum, active: false, languages: [], areaIds: [], politiattestVerifiedAt: null, confidentialitySignedAt: null });
    expect((await listGuides(modum)).find((g) => g.userId === u.id)?.problems).toContain('inactive');
    // The link works once.
    expect(await statusOf(() => invitation.loader({ request: request(`/invitasjon/${token}`), params: { token }, context: {} }))).toBe(404);

    const events = await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'kommune'), eq(s.auditEvent.entityId, String(modum)), inArray(s.auditEvent.action, ['kommune.guide_invited', 'kommune.guide_joined']))).orderBy(s.auditEvent.id);
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
      ['kommune.guide_invited', coordinator.id],
      ['kommune.guide_joined', u.id],
    ]);
    expect(JSON.stringify(events.map((e) => e.detail))).not.toContain('example.no');
  });
});

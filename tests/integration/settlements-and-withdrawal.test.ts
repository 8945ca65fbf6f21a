import { and, eq, inArray } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { guideCaseload, placeChild } from '../../app/domain/referral/casework.server';
import { answerConsent, assignGuide, closeLapsedReferrals, createReferral, mayRead, referralInput } from '../../app/domain/referral/referral.server';
import { purgeReferrals } from '../../app/domain/referral/retention.server';
import { createSignup, listSignups, purgeExpiredSignups, signupInput, withdrawByToken } from '../../app/domain/signup/signup.server';
import { closeYear, clubSettlements, grantFreePlace, kommuneSettlements, periodOf, settlePeriod } from '../../app/domain/support/grants.server';
import { decrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import * as clubSettlementRoute from '../../app/routes/klubb.$orgId.oppgjor';
import * as kommuneSettlementRoute from '../../app/routes/kommune.$kommune.oppgjor';
import * as consentRoute from '../../app/routes/samtykke.$token';
import { useTestDatabase } from '../setup/db';
import { form, request, userWithRole, readyGuide } from '../setup/users';

// Issue 9: what a club can infer from money, and what a withdrawal reaches. A club must not learn which
// child had a free place from a settlement's size, and a withdrawn consent must leave the club's inbox,
// the kommune's unpaid support and the guide's list at once, the same way a family's withdrawal does.
const t = useTestDatabase();
const day = 864e5;

let modum: s.Kommune;
let act: s.Activity;
let referrer: string;
let guide: Awaited<ReturnType<typeof userWithRole>>;
let coordinator: Awaited<ReturnType<typeof userWithRole>>;
const thisYear = new Date().getUTCFullYear();
const at = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 10, 10));

beforeAll(async () => {
  [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  [act] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).orderBy(s.activity.id).limit(1);
  await db().update(s.activity).set({ status: 'published', openForNew: true, freePlaces: 40, expiresAt: new Date(Date.now() + 100 * day) }).where(eq(s.activity.id, act.id));
  // Settlements of the seed's own grants would mix in; this file's club starts with none.
  await db().delete(s.settlement).where(eq(s.settlement.organisationId, act.organisationId));
  await db().delete(s.supportGrant).where(eq(s.supportGrant.organisationId, act.organisationId));
  referrer = (await userWithRole('referrer', { kommune: 'modum' })).id;
  guide = await readyGuide();
  coordinator = await userWithRole('coordinator', { kommune: 'modum' });
});

let n = 0;
/** A family that signs up and pays for itself. */
async function payingFamily(now: Date) {
  n++;
  const r = await createSignup(act.slug, signupInput.parse({ participantFirstName: `Betaler${n}`, birthYear: '2015', guardianName: `Forelder ${n}`, guardianEmail: `betaler${n}@example.no`, guardianPhone: '', language: 'nb', message: '', website: '' }), `198.51.100.${n % 250}`, now);
  if (!r.ok) throw new Error(r.reason);
  return r.token;
}

/** A child referred, consented (guide and this club), assigned, placed by the guide with a free place. */
async function subsidisedChild(now: Date) {
  n++;
  const { id, guardianToken } = await createReferral({ userId: referrer, kommuneId: modum.id }, referralInput.parse({ childFirstName: `Støttet${n}`, birthYear: '2015', guardianName: `Verge ${n}`, guardianEmail: `verge${n}@example.no`, guardianLanguage: 'nb', consentMethod: 'digital' }), now);
  await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide', `club:${act.organisationId}`], language: 'nb' }, now);
  await assignGuide(id, guide.id, { score: 1, reasons: [] }, coordinator.id, now);
  expect(await placeChild(id, guide.id, act.slug, now)).toMatchObject({ ok: true });
  expect(await grantFreePlace(id, act.id, guide.id, now)).toEqual({ ok: true });
  return { id, guardianToken };
}

async function clubPageSettlements() {
  const club = await userWithRole('club_admin', { organisationId: act.organisationId });
  const res = await clubSettlementRoute.loader({ request: request(`/klubb/${act.organisationId}/oppgjor`, { cookie: club.cookie }), params: { orgId: String(act.organisationId) }, context: {} });
  return (await res.json()).settlements as { period: string; totalOre: number }[];
}

describe('settlements', () => {
  // Three ended periods, each with two paying families beside one, two and five subsidised children.
  const one = `${thisYear - 2}-H1`;
  const two = `${thisYear - 2}-H2`;
  const five = `${thisYear - 1}-H1`;
  let freePlaceOre = 0;

  test('a club sees nothing of periods with one or two subsidised children, and only the total of one with five', async () => {
    for (const [period, children] of [[one, 1], [two, 2], [five, 5]] as const) {
      const when = at(Number(period.slice(0, 4)), period.endsWith('H1') ? 3 : 9);
      expect(periodOf(when)).toBe(period);
      await payingFamily(when);
      for (let i = 0; i < children; i++) await subsidisedChild(when);
      await payingFamily(when);
      expect(await settlePeriod(modum.id, period)).toMatchObject({ ok: true });
    }
    const [g] = await db().select().from(s.supportGrant).where(eq(s.supportGrant.organisationId, act.organisationId)).limit(1);
    freePlaceOre = g.amountOre;
    expect(freePlaceOre).toBeGreaterThan(0);
    expect(await clubSettlements(act.organisationId)).toEqual([{ period: five, totalOre: 5 * freePlaceOre }]);
    expect(await clubPageSettlements()).toEqual([{ period: five, totalOre: 5 * freePlaceOre }]);
    // The kommune sees all three, with their size and whether the club can see them.
    const mine = (await kommuneSettlements(modum.id)).rows.filter((r) => [one, two, five].includes(r.period));
    expect(mine.map((r) => [r.period, r.grantCount, r.shown])).toEqual([
      [five, 5, true],
      [two, 2, false],
      [one, 1, false],
    ]);
  });

  test('closing the year shows that year’s totals, whatever their size; a total the club has seen never changes', async () => {
    expect(await closeYear(modum.id, thisYear, coordinator.id)).toEqual({ ok: false, field: 'year', reason: 'notEnded' });
    expect(await closeYear(modum.id, thisYear - 2, coordinator.id)).toMatchObject({ ok: true, shown: 2 });
    expect(await clubSettlements(act.organisationId)).toEqual([
      { period: five, totalOre: 5 * freePlaceOre },
      { period: two, totalOre: 2 * freePlaceOre },
      { period: one, totalOre: freePlaceOre },
    ]);
    // A late grant in a period the club has seen (put in by hand: the portal never dates one so) changes nothing it sees.
    const [g] = await db().select().from(s.supportGrant).where(and(eq(s.supportGrant.organisationId, act.organisationId), eq(s.supportGrant.period, five))).limit(1);
    await db().insert(s.supportGrant).values({ ...g, id: undefined, referralId: null });
    await settlePeriod(modum.id, five);
    expect((await clubSettlements(act.organisationId))[0]).toEqual({ period: five, totalOre: 5 * freePlaceOre });
  });

  test('only an ended period is settled, and a bad period is a field error on the kommune’s page', async () => {
    expect(await settlePeriod(modum.id, periodOf(new Date()))).toEqual({ ok: false, field: 'period', reason: 'notEnded' });
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const bad = (await kommuneSettlementRoute.action({ request: request('/kommune/modum/oppgjor', { ...form({ period: '2026-H3' }), cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ period: 'club:settlement.errors.period.invalid' });
    const unconfirmed = (await kommuneSettlementRoute.action({ request: request('/kommune/modum/oppgjor', { ...form({ intent: 'close-year', year: String(thisYear - 1) }), cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })) as Response;
    expect(unconfirmed.status).toBe(400);
    expect(await t.handle.query(`select * from settlement_year_close where kommune_id = $1 and year = $2`, [modum.id, thisYear - 1])).toEqual([]);
  });

  test('grant rows keep a date, never a time', async () => {
    const columns = await t.handle.query<{ column_name: string; data_type: string }>(`select column_name, data_type from information_schema.columns where table_name = 'support_grant'`);
    expect(columns.filter((c) => c.data_type.startsWith('timestamp') || c.data_type.startsWith('time '))).toEqual([]);
    const [g] = await db().select().from(s.supportGrant).limit(1);
    expect(g.grantedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('withdrawal reaches every place the child’s data went', () => {
  test('the club sees the placed child withdrawn exactly as a family’s withdrawal; unpaid support is cancelled; guide and coordinator are told; all of it goes after a day', async () => {
    const now = new Date();
    const familyToken = await payingFamily(now);
    expect(await withdrawByToken(familyToken, now)).toBe(true);
    const child = await subsidisedChild(now);
    expect(await mayRead({ userId: guide.id, role: 'guide', kommuneId: modum.id }, child.id, now)).toBe(true);
    // A second child whose support was already paid out (a released settlement): withdrawal cannot take that back.
    const paidWhen = at(thisYear - 1, 9);
    const paid = await subsidisedChild(paidWhen);
    await db().insert(s.settlement).values({ organisationId: act.organisationId, period: periodOf(paidWhen), totalOre: 1, grantCount: 5, releasedAt: paidWhen }).onConflictDoUpdate({ target: [s.settlement.organisationId, s.settlement.period], set: { releasedAt: paidWhen } });
    await db().delete(s.outbox);

    // The guardian withdraws on their own page and is shown what that did.
    const res = await consentRoute.action({ request: request(`/samtykke/${child.guardianToken}`, form({ intent: 'withdraw' })), params: { token: child.guardianToken }, context: {} });
    expect(await (res as Response).json()).toEqual({ done: 'withdrawn', ended: { signupsWithdrawn: 1, grantsCancelled: 1, guideTold: true, coordinatorsTold: true } });
    const paidRes = await consentRoute.action({ request: request(`/samtykke/${paid.guardianToken}`, form({ intent: 'withdraw' })), params: { token: paid.guardianToken }, context: {} });
    expect((await (paidRes as Response).json()).ended).toEqual({ signupsWithdrawn: 1, grantsCancelled: 0, guideTold: true, coordinatorsTold: true });

    // The club's inbox: the placed child and the family look the same, withdrawn.
    const { signups } = await listSignups(act.organisationId, { status: 'withdrawn', pageSize: 1000 });
    const shown = (name: string) => ({ ...signups.find((x) => x.participantFirstName === name)!, id: 0, createdAt: '', participantFirstName: '-', guardianName: '-', guardianEmail: '-' });
    const family = signups.find((x) => x.guardianEmail && x.participantFirstName.startsWith('Betaler'))!;
    const placed = signups.find((x) => x.participantFirstName === `Støttet${n - 1}`)!;
    expect(placed.status).toBe('withdrawn');
    expect(shown(placed.participantFirstName)).toEqual(shown(family.participantFirstName));

    // Unpaid support gone; paid support kept (until the purge takes its link to the child).
    expect(await db().select().from(s.supportGrant).where(eq(s.supportGrant.referralId, child.id))).toEqual([]);
    expect(await db().select().from(s.supportGrant).where(eq(s.supportGrant.referralId, paid.id))).toHaveLength(1);

    // The guide's access ends at once; guide and coordinators get a notice with no name in it.
    expect(await mayRead({ userId: guide.id, role: 'guide', kommuneId: modum.id }, child.id)).toBe(false);
    expect((await guideCaseload(guide.id)).map((c) => c.id)).not.toContain(child.id);
    const notices = (await db().select().from(s.outbox).where(eq(s.outbox.template, 'case-ended'))).map((m) => ({ to: decrypt(m.recipient), params: decrypt(m.params.enc) }));
    expect(notices.map((m) => m.to)).toEqual(expect.arrayContaining([guide.email, coordinator.email]));
    for (const m of notices) expect(m.params).not.toMatch(/Støttet|Verge|verge\d+@/);

    // A day later the referral, its placement and both withdrawn sign-ups are gone; the paid grant stays, unlinked.
    const later = new Date(now.getTime() + day + 60_000);
    await purgeReferrals(later);
    await purgeExpiredSignups(later);
    expect(await db().select().from(s.referral).where(inArray(s.referral.id, [child.id, paid.id]))).toEqual([]);
    expect(await db().select().from(s.placement).where(inArray(s.placement.referralId, [child.id, paid.id]))).toEqual([]);
    const left = await listSignups(act.organisationId, { pageSize: 1000 });
    expect(left.signups.filter((x) => x.status === 'withdrawn')).toEqual([]);
    const paidGrants = await db().select().from(s.supportGrant).where(and(eq(s.supportGrant.organisationId, act.organisationId), eq(s.supportGrant.period, periodOf(paidWhen))));
    expect(paidGrants.length).toBeGreaterThan(0);
    expect(paidGrants.every((g) => g.referralId === null)).toBe(true);
  });

  test('a settlement still held back is recomputed without the support a withdrawal cancelled', async () => {
    const when = at(thisYear - 3, 3);
    const period = periodOf(when);
    const [first, second] = [await subsidisedChild(when), await subsidisedChild(when)];
    await settlePeriod(modum.id, period);
    const held = async () => (await db().select().from(s.settlement).where(and(eq(s.settlement.organisationId, act.organisationId), eq(s.settlement.period, period))))[0];
    const before = await held();
    expect(before).toMatchObject({ grantCount: 2, releasedAt: null });
    await consentRoute.action({ request: request(`/samtykke/${first.guardianToken}`, form({ intent: 'withdraw' })), params: { token: first.guardianToken }, context: {} });
    expect(await held()).toMatchObject({ grantCount: 1, totalOre: before.totalOre / 2, releasedAt: null });
    await consentRoute.action({ request: request(`/samtykke/${second.guardianToken}`, form({ intent: 'withdraw' })), params: { token: second.guardianToken }, context: {} });
    expect(await held()).toBeUndefined();
  });

  test('a consent that runs out ends the case the same way: the sign-up is withdrawn and unpaid support cancelled', async () => {
    const now = new Date();
    const child = await subsidisedChild(now);
    const [placement] = await db().select().from(s.placement).where(eq(s.placement.referralId, child.id));
    await closeLapsedReferrals(new Date(now.getTime() + 366 * day));
    const [signup] = await db().select().from(s.signupRequest).where(eq(s.signupRequest.id, placement.signupRequestId!));
    expect(signup.status).toBe('withdrawn');
    expect(await db().select().from(s.supportGrant).where(eq(s.supportGrant.referralId, child.id))).toEqual([]);
    const [r] = await db().select().from(s.referral).where(eq(s.referral.id, child.id));
    expect(r).toMatchObject({ status: 'closed', outcome: 'active' });
  });
});

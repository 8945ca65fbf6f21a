// Days as the domain sees them: Oslo's calendar, not UTC's (at 23:30 UTC it is already tomorrow in Oslo).
import { osloDate } from '../../app/utils/dates';
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { processOutbox } from '../../app/domain/notifications/outbox.server';
import { addClubToConsent, answerClubConsent, askClubConsent, coordinatorQueue, placeChild, QUEUE_PAGE_SIZE, recommendationsFor } from '../../app/domain/referral/casework.server';
import { arrangeLoan, loansFor, setLoanStatus } from '../../app/domain/referral/equipment.server';
import { followUpPlan, recordFollowUp, remindFollowUps } from '../../app/domain/referral/follow-ups.server';
import { answerConsent, assignGuide, closeLapsedReferrals, closeReferral, createReferral, purgeReferrals, readReferral, referralByGuardianToken, referralInput, remindConsent } from '../../app/domain/referral/referral.server';
import { grantFreePlace, grantsFor, grantSupport, periodOf, settlePeriod, supportOptions } from '../../app/domain/support/grants.server';
import * as guideCase from '../../app/routes/guide.$id';
import * as newReferral from '../../app/routes/henvisning.ny';
import * as guardianData from '../../app/routes/samtykke.$token.data[.]json';
import * as guardianPage from '../../app/routes/samtykke.$token';
import * as selfRequest from '../../app/routes/fritidsguide';
import * as privacySettings from '../../app/routes/kommune.$kommune.personvern';
import { jobs } from '../../app/domain/jobs.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { flashOf, form, request, statusOf, userWithRole, readyGuide } from '../setup/users';

// The guide's work after placement (issue 5, part 5): follow-ups with due dates and reminders, support
// of every kind from the kommune's schemes, and equipment from a lender; and the referrer recording a
// consent given on paper, with its date and scope.
const t = useTestDatabase();
const day = 24 * 3600 * 1000;
const kr = (n: number) => n * 100;
let modum: s.Kommune;
let sigdal: s.Kommune;
let act: s.Activity;
let lender: s.EquipmentLender;
let referrer: Awaited<ReturnType<typeof userWithRole>>;
let coordinator = '';
let guide: Awaited<ReturnType<typeof userWithRole>>;
let capped: s.SupportScheme;
let sigdalScheme: s.SupportScheme;

beforeAll(async () => {
  [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  [sigdal] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'sigdal'));
  [lender] = await db().select().from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, modum.id)).limit(1);
  [act] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).orderBy(s.activity.id).limit(1);
  // Known costs, so every amount below can be worked out by hand: fees 300 + 2 × 1 000 = 2 300 kr a year,
  // boots to buy 600 kr, an optional cup 800 kr, shin guards to borrow.
  await db().update(s.activity).set({ status: 'published', openForNew: true, freePlaces: 2, expiresAt: new Date(Date.now() + 100 * day) }).where(eq(s.activity.id, act.id));
  await db().delete(s.activityCost).where(eq(s.activityCost.activityId, act.id));
  await db().delete(s.activityEquipment).where(eq(s.activityEquipment.activityId, act.id));
  await db().insert(s.activityCost).values([
    { activityId: act.id, kind: 'membership', amountOre: kr(300), period: 'year', optional: false },
    { activityId: act.id, kind: 'training_fee', amountOre: kr(1000), period: 'semester', optional: false },
    { activityId: act.id, kind: 'trips', amountOre: kr(800), period: 'once', optional: true },
  ]);
  await db().insert(s.activityEquipment).values([
    { activityId: act.id, item: 'Leggskinn', required: true, source: 'lend', lenderId: lender.id },
    { activityId: act.id, item: 'Fotballsko', required: true, source: 'buy', typicalPriceOre: kr(600) },
  ]);
  [capped] = await db()
    .insert(s.supportScheme)
    .values({ kommuneId: modum.id, slug: 'test-stipend', kind: 'fritidsstipend', name: 'Teststipend', description: '-', whoCanGet: '-', howToApply: '-', covers: ['membership', 'training_fee', 'equipment', 'trips'], maxAmountOre: kr(1500) })
    .returning();
  [sigdalScheme] = await db().select().from(s.supportScheme).where(eq(s.supportScheme.kommuneId, sigdal.id)).limit(1);
  referrer = await userWithRole('referrer', { kommune: 'modum' });
  coordinator = (await userWithRole('coordinator', { kommune: 'modum' })).id;
  guide = await readyGuide();
});

const input = (extra: Record<string, unknown> = {}) =>
  referralInput.parse({ childFirstName: 'Yasmin', birthYear: '2014', guardianName: 'Rania Testesen', guardianPhone: '+47 400 00 077', guardianLanguage: 'ar', consentMethod: 'digital', ...extra });

/** A referral consented (guide and the activity's club), assigned to the test guide at `now`. */
async function assigned(now = new Date(), guideId = guide.id, extra: Record<string, unknown> = {}) {
  const { id } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input(extra), now);
  await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide', `club:${act.organisationId}`], language: 'ar' }, now);
  await assignGuide(id, guideId, { score: 1, reasons: [] }, coordinator, now);
  return id;
}

async function placed(now = new Date(), guideId = guide.id) {
  const id = await assigned(now, guideId);
  expect(await placeChild(id, guideId, act.slug, now)).toMatchObject({ ok: true });
  return id;
}

const guideAction = (id: number, values: Record<string, string | string[]>) =>
  guideCase.action({ request: request(`/guide/${id}`, { cookie: guide.cookie, ...form(values) }), params: { id: String(id) }, context: {} });

async function body(result: unknown) {
  return (result as Response).json() as Promise<{ errors?: Record<string, string> }>;
}

describe('follow-ups', () => {
  test('assignment plans first contact in 3 days; placement plans the first session and 1, 3 and 6 months', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const id = await assigned(now);
    expect((await followUpPlan(id, now)).map((f) => [f.kind, f.dueAt])).toEqual([['first_contact', '2026-03-05T10:00:00.000Z']]);
    const later = new Date('2026-03-04T10:00:00Z');
    expect(await placeChild(id, guide.id, act.slug, later)).toMatchObject({ ok: true });
    const plan = await followUpPlan(id, later);
    expect(plan.map((f) => [f.kind, f.dueAt?.slice(0, 10)])).toEqual([
      ['first_contact', '2026-03-05'],
      ['first_session', '2026-03-11'],
      ['month_1', '2026-04-03'],
      ['month_3', '2026-06-03'],
      ['month_6', '2026-09-02'],
    ]);
    // Recording one closes the open row of its kind rather than adding a second.
    await recordFollowUp(id, guide.id, { kind: 'first_contact', outcome: 'Ringte mor', note: 'Ønsker fotball' }, later);
    const after = await followUpPlan(id, later);
    expect(after).toHaveLength(5);
    expect(after[0]).toMatchObject({ kind: 'first_contact', outcome: 'Ringte mor', note: 'Ønsker fotball', overdue: false });
    expect(after[0].doneAt).not.toBeNull();
    // The note is encrypted at rest.
    const [row] = await t.handle.query<{ note: string; outcome: string }>(`select note, outcome from follow_up where referral_id = $1 and kind = 'first_contact'`, [id]);
    expect(row.note).toMatch(/^v1\./);
    expect(row.outcome).toMatch(/^v1\./);
    // A second placement does not plan the milestones again.
    expect(await placeChild(id, guide.id, act.slug, later)).toMatchObject({ ok: true });
    expect(await followUpPlan(id, later)).toHaveLength(5);
  });

  test('a due follow-up sends the guide one reminder that names no child; done or closed ones send none', async () => {
    const now = new Date();
    const own = await readyGuide();
    const id = await placed(now, own.id);
    const closedId = await placed(now, own.id);
    await closeReferral(closedId, 'active', own.id, now);
    await recordFollowUp(id, own.id, { kind: 'first_contact', outcome: 'Møtt familien' }, now);
    await db().delete(s.outbox);
    await t.handle.query(`delete from dev_mailbox`);

    // Eight days on: the first session (7 days) is due; first contact is done; the closed case is silent.
    const due = new Date(now.getTime() + 8 * day);
    expect(await remindFollowUps(due)).toBeGreaterThanOrEqual(1);
    expect(await remindFollowUps(due)).toBe(0);
    const reminded = await t.handle.query<{ kind: string }>(`select kind from follow_up where reminded_at is not null and referral_id in ($1, $2)`, [id, closedId]);
    expect(reminded).toEqual([{ kind: 'first_session' }]);
    await processOutbox({ now: due });
    const mail = await t.handle.query<{ channel: string; subject: string; body: string }>(`select channel, subject, body from dev_mailbox where recipient = $1`, [own.email]);
    expect(mail).toHaveLength(1);
    expect(mail[0].channel).toBe('email');
    expect(mail[0].body).toMatch(/\/guide\?lng=/);
    expect(`${mail[0].subject} ${mail[0].body}`).not.toMatch(/Yasmin|Rania|\/guide\/\d/);
  });

  test('the guide records a follow-up from the page; bad input changes nothing', async () => {
    const id = await placed();
    expect(await statusOf(() => guideAction(id, { intent: 'follow-up', kind: 'first_session', outcome: '' }))).toBe(400);
    expect((await followUpPlan(id)).find((f) => f.kind === 'first_session')?.doneAt).toBeNull();
    const ok = (await guideAction(id, { intent: 'follow-up', kind: 'first_session', outcome: 'Var med på trening' })) as Response;
    expect(ok.status).toBe(302);
    expect((await followUpPlan(id)).find((f) => f.kind === 'first_session')?.outcome).toBe('Var med på trening');
  });
});

describe('support', () => {
  test('the options show what each kind of grant would pay, capped by the scheme', async () => {
    const id = await placed();
    const [option] = await supportOptions(id);
    expect(option.activityId).toBe(act.id);
    const byKind = Object.fromEntries(option.kinds.map((k) => [k.kind, k]));
    expect(byKind.free_place.costOre).toBe(kr(2300 + 600));
    expect(byKind.fee.costOre).toBe(kr(2300));
    expect(byKind.equipment.costOre).toBe(kr(600));
    expect(byKind.trip.costOre).toBe(kr(800));
    expect(byKind.fee.schemes.find((x) => x.id === capped.id)?.suggestedOre).toBe(kr(1500));
    expect(byKind.free_place.schemes.every((x) => x.id !== capped.id)).toBe(true);
  });

  test('every kind can be granted; wrong scheme, too much or paying twice is refused and changes nothing', async () => {
    const id = await placed();
    const grant = (kind: 'fee' | 'equipment' | 'trip' | 'free_place', schemeId: number, amountKr: number) => grantSupport(id, { activityId: act.id, kind, schemeId, amountKr }, guide.id);
    expect(await grant('fee', sigdalScheme.id, 100)).toEqual({ ok: false, field: 'schemeId', error: 'referral:errors.schemeInvalid' });
    expect(await grant('fee', capped.id, 1501)).toEqual({ ok: false, field: 'amountKr', error: 'referral:errors.overMax' });
    expect(await grantsFor(id)).toEqual([]);
    expect(await grant('fee', capped.id, 1500)).toEqual({ ok: true });
    expect(await grant('fee', capped.id, 100)).toMatchObject({ ok: false, error: 'referral:errors.alreadyGranted' });
    expect(await grant('equipment', capped.id, 600)).toEqual({ ok: true });
    expect(await grant('trip', capped.id, 800)).toEqual({ ok: true });
    // A free place would pay the fees again.
    expect(await grantFreePlace(id, act.id, guide.id)).toMatchObject({ ok: false, error: 'referral:errors.alreadyGranted' });
    expect((await grantsFor(id)).map((g) => [g.kind, g.amountOre]).sort()).toEqual([['equipment', kr(600)], ['fee', kr(1500)], ['trip', kr(800)]]);
    const audit = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_event where action = 'support.granted' and entity_id = $1`, [String(id)]);
    expect(audit[0].n).toBe(3);
  });

  test('support is only for an activity the child was placed in, in the referral’s kommune', async () => {
    const id = await placed();
    const [other] = await db().select().from(s.activity).where(and(eq(s.activity.kommuneId, modum.id), sql`${s.activity.id} <> ${act.id}`)).limit(1);
    const [sigdalAct] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, sigdal.id)).limit(1);
    expect(await grantSupport(id, { activityId: other.id, kind: 'trip', schemeId: capped.id, amountKr: 100 }, guide.id)).toEqual({ ok: false, field: 'activityId', error: 'invalid' });
    expect(await grantSupport(id, { activityId: sigdalAct.id, kind: 'fee', schemeId: sigdalScheme.id, amountKr: 100 }, guide.id)).toEqual({ ok: false, field: 'activityId', error: 'invalid' });
    expect(await grantFreePlace(id, sigdalAct.id, guide.id)).toEqual({ ok: false, field: 'activityId', error: 'invalid' });
    // Through the page, with a foreign activity in the form: refused, nothing stored.
    const res = await guideAction(id, { intent: 'grant', activityId: String(sigdalAct.id), kind: 'fee', schemeId: String(sigdalScheme.id), amountKr: '100' });
    expect((res as Response).status).toBe(400);
    expect(await db().select().from(s.supportGrant).where(eq(s.supportGrant.activityId, sigdalAct.id))).toEqual([]);
  });

  test('two grants of the same cost sent at once: one is made, the other refused', async () => {
    const id = await placed();
    const results = await Promise.all([1, 2, 3].map(() => grantSupport(id, { activityId: act.id, kind: 'fee', schemeId: capped.id, amountKr: 500 }, guide.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await grantsFor(id)).filter((g) => g.kind === 'fee')).toHaveLength(1);
  });

  test('no more free places than the club offers; a free place leaves trips to a grant of their own', async () => {
    await db().update(s.activity).set({ freePlaces: 1 }).where(eq(s.activity.id, act.id));
    await db().delete(s.supportGrant).where(eq(s.supportGrant.activityId, act.id));
    await db().update(s.activityCost).set({ optional: false }).where(and(eq(s.activityCost.activityId, act.id), eq(s.activityCost.kind, 'trips')));
    const first = await placed();
    expect(await grantFreePlace(first, act.id, guide.id)).toEqual({ ok: true });
    // Fees 2 300 + boots 600; the (now required) cup is not in the free place…
    expect((await grantsFor(first))[0]).toMatchObject({ kind: 'free_place', amountOre: kr(2900) });
    // …so it can be granted on its own, once.
    expect(await grantSupport(first, { activityId: act.id, kind: 'trip', schemeId: capped.id, amountKr: 800 }, guide.id)).toEqual({ ok: true });
    const second = await placed();
    expect(await grantFreePlace(second, act.id, guide.id)).toEqual({ ok: false, field: 'kind', error: 'referral:errors.noFreePlace' });
    await db().update(s.activityCost).set({ optional: true }).where(and(eq(s.activityCost.activityId, act.id), eq(s.activityCost.kind, 'trips')));
  });

  test('through the page: a grant redirects; a bad amount is a 400 with the field named; the club is paid one total', async () => {
    const id = await placed();
    const bad = await guideAction(id, { intent: 'grant', activityId: String(act.id), kind: 'trip', schemeId: String(capped.id), amountKr: 'mye' });
    expect((bad as Response).status).toBe(400);
    expect((await body(bad)).errors).toEqual({ amountKr: 'referral:errors.amount' });
    const granted = (await guideAction(id, { intent: 'grant', activityId: String(act.id), kind: 'trip', schemeId: String(capped.id), amountKr: '800' })) as Response;
    expect(granted.headers.get('Location')).toBe(`/guide/${id}`);
    expect(await flashOf(granted)).toEqual(['referral:support.saved']);
    await db().update(s.activity).set({ freePlaces: 10 }).where(eq(s.activity.id, act.id));
    const id2 = await placed();
    expect(await grantFreePlace(id2, act.id, guide.id)).toEqual({ ok: true });
    // Only a period that has ended is settled: half a year on.
    await settlePeriod(modum.id, periodOf(new Date()), new Date(Date.now() + 200 * day));
    const [settlement] = await db().select().from(s.settlement).where(and(eq(s.settlement.organisationId, act.organisationId), eq(s.settlement.period, periodOf(new Date()))));
    const grants = await db().select().from(s.supportGrant).where(and(eq(s.supportGrant.organisationId, act.organisationId), eq(s.supportGrant.period, periodOf(new Date()))));
    expect(settlement.totalOre).toBe(grants.reduce((sum, g) => sum + g.amountOre, 0));
  });

  test('a free place given out is no longer offered to the next child, while the club’s own number stays', async () => {
    // An activity that ranks first for this child: the right age, the child's interest, a leader who speaks Arabic.
    await db().update(s.activity).set({ freePlaces: 1, ageMin: 5, ageMax: 18, leaderLanguages: ['nb', 'ar'] }).where(eq(s.activity.id, act.id));
    await db().delete(s.supportGrant).where(eq(s.supportGrant.activityId, act.id));
    const first = await assigned(new Date(), guide.id, { interests: [act.category] });
    const before = (await recommendationsFor(first)).find((r) => r.id === act.id);
    expect(before?.activity.freePlaces).toBe(1);
    expect(await placeChild(first, guide.id, act.slug)).toMatchObject({ ok: true });
    expect(await grantFreePlace(first, act.id, guide.id)).toEqual({ ok: true });
    const next = await assigned(new Date(), guide.id, { interests: [act.category] });
    const after = (await recommendationsFor(next)).find((r) => r.id === act.id);
    expect(after?.activity.freePlaces).toBe(0);
    expect(after?.reasons.map((r) => r.key)).not.toContain('freePlace');
    const [row] = await db().select({ freePlaces: s.activity.freePlaces }).from(s.activity).where(eq(s.activity.id, act.id));
    expect(row.freePlaces).toBe(1);
  });
});

test('days that suit the family, from the referral form, show as a reason on activities held those days', async () => {
  await db().delete(s.activitySession).where(eq(s.activitySession.activityId, act.id));
  await db().insert(s.activitySession).values({ activityId: act.id, weekday: 2, startTime: '17:00', endTime: '18:00' });
  await db().update(s.activity).set({ ageMin: 5, ageMax: 18 }).where(eq(s.activity.id, act.id));
  const res = (await newReferral.action({
    request: request('/henvisning/ny', { cookie: referrer.cookie, ...form({ childFirstName: 'Dagny', birthYear: '2014', interests: [act.category], weekdays: ['2', '4'], guardianName: 'Dag Foresatt', guardianPhone: '+47 400 00 079', consentMethod: 'oral', consentDate: osloDate(new Date()) }) }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status).toBe(302);
  const [r] = await db().select().from(s.referral).orderBy(s.referral.id).then((rows) => rows.slice(-1));
  expect(r.weekdays).toEqual([2, 4]);
  const rec = (await recommendationsFor(r.id)).find((x) => x.id === act.id);
  expect(rec?.reasons).toContainEqual({ key: 'weekdays', params: { days: '2' } });
});

describe('equipment from a lender', () => {
  test('the guide arranges a loan and the family is told where and when, in Arabic, with no name', async () => {
    const id = await placed();
    await db().delete(s.outbox);
    await t.handle.query(`delete from dev_mailbox`);
    const today = osloDate(new Date());
    const result = await guideAction(id, { intent: 'loan', lenderId: String(lender.id), items: ['Leggskinn'], otherItems: 'hjelm، sekk', pickupOn: today, tellFamily: 'on' });
    expect((result as Response).headers.get('Location')).toBe(`/guide/${id}`);
    expect(await flashOf(result as Response)).toEqual(['referral:equipment.savedTold']);
    const [loan] = await loansFor(id);
    expect(loan).toMatchObject({ lender: lender.name, items: ['Leggskinn', 'hjelm', 'sekk'], pickupOn: today, status: 'arranged' });
    await processOutbox();
    const [sms] = await t.handle.query<{ channel: string; recipient: string; body: string }>(`select channel, recipient, body from dev_mailbox`);
    expect(sms.channel).toBe('sms');
    expect(sms.recipient).toBe('+47 400 00 077');
    expect(sms.body).toContain(lender.name);
    expect(sms.body).toMatch(/[\u0600-\u06FF]/);
    expect(sms.body).not.toMatch(/Yasmin|Rania/);
    // The lender's name is isolated in the right-to-left message; its hours have Arabic weekday names (issue 11).
    expect(sms.body).toContain(`\u2068${lender.name}\u2069`);
    expect(sms.body).toMatch(/الاثنين|الثلاثاء|الأربعاء|الخميس|السبت/);
    expect(sms.body).not.toMatch(/mandag|tirsdag|onsdag|torsdag|lørdag/i);
    expect(await setLoanStatus(id, { loanId: loan.id, status: 'picked_up' }, guide.id)).toBe(true);
    expect((await loansFor(id))[0].status).toBe('picked_up');
    // Another referral's loan cannot be changed through this one.
    expect(await setLoanStatus(id + 100000, { loanId: loan.id, status: 'returned' }, guide.id)).toBe(false);
  });

  test('a lender of another kommune, a date in the past or nothing to borrow is refused; nothing is stored or sent', async () => {
    const id = await placed();
    await db().delete(s.outbox);
    const [other] = await db().select().from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, sigdal.id)).limit(1);
    const today = osloDate(new Date());
    const yesterday = osloDate(new Date(Date.now() - day));
    expect(await arrangeLoan(id, { lenderId: other.id, items: ['Ski'], pickupOn: today, tellFamily: true }, guide.id)).toEqual({ ok: false, field: 'lenderId', error: 'invalid' });
    expect(await arrangeLoan(id, { lenderId: lender.id, items: ['Ski'], pickupOn: yesterday, tellFamily: true }, guide.id)).toEqual({ ok: false, field: 'pickupOn', error: 'referral:errors.pickupDate' });
    const none = await guideAction(id, { intent: 'loan', lenderId: String(lender.id), otherItems: ' , ', pickupOn: today });
    expect((none as Response).status).toBe(400);
    expect((await body(none)).errors).toEqual({ items: 'referral:errors.itemsRequired' });
    expect(await loansFor(id)).toEqual([]);
    expect(await db().select().from(s.outbox)).toEqual([]);
  });

  test('a day that does not exist is a clear error, not a crash', async () => {
    const id = await placed();
    const res = await guideAction(id, { intent: 'loan', lenderId: String(lender.id), otherItems: 'ski', pickupOn: '2026-11-31' });
    expect((res as Response).status).toBe(400);
    expect((await body(res)).errors).toEqual({ pickupOn: 'date' });
    const ref = (await newReferral.action({
      request: request('/henvisning/ny', { cookie: referrer.cookie, ...form({ childFirstName: 'Dato', birthYear: '2014', guardianName: 'Foresatt', guardianPhone: '+47 400 00 080', consentMethod: 'paper', consentDate: '2026-09-31' }) }),
      params: {},
      context: {},
    })) as Response;
    expect(ref.status).toBe(400);
    expect((await body(ref)).errors?.consentDate).toBeTruthy();
  });

  test('loans, follow-ups and later links go with the referral in the purge', async () => {
    const id = await placed();
    await db().insert(s.guardianLink).values({ referralId: id, tokenHash: `test-${id}` });
    await arrangeLoan(id, { lenderId: lender.id, items: ['Ski'], pickupOn: osloDate(new Date()), tellFamily: false }, guide.id);
    const now = new Date();
    await closeReferral(id, 'active', guide.id, now);
    await purgeReferrals(new Date(now.getTime() + (modum.retentionDays + 1) * day));
    expect(await db().select().from(s.equipmentLoan).where(eq(s.equipmentLoan.referralId, id))).toEqual([]);
    expect(await db().select().from(s.followUp).where(eq(s.followUp.referralId, id))).toEqual([]);
    expect(await db().select().from(s.guardianLink).where(eq(s.guardianLink.referralId, id))).toEqual([]);
    expect(await db().select().from(s.referral).where(eq(s.referral.id, id))).toEqual([]);
  });
});

describe('consent recorded on paper by the referrer', () => {
  const submit = (values: Record<string, string | string[]>) =>
    newReferral.action({ request: request('/henvisning/ny', { cookie: referrer.cookie, ...form({ childFirstName: 'Papir', birthYear: '2013', guardianName: 'Per Papir', guardianPhone: '+47 400 00 078', guardianLanguage: 'nb', ...values }) }), params: {}, context: {} });
  const count = async () => (await t.handle.query<{ n: number }>(`select count(*)::int as n from referral`))[0].n;

  test('method, date and scope (a guide and a named club) are stored with the answer', async () => {
    const fiveDaysAgo = osloDate(new Date(Date.now() - 5 * day));
    const res = (await submit({ consentMethod: 'paper', consentDate: fiveDaysAgo, consentClubs: [String(act.organisationId)] })) as Response;
    expect(res.status).toBe(302);
    const [c] = await db().select().from(s.consent).orderBy(s.consent.id).then((rows) => rows.slice(-1));
    expect(c).toMatchObject({ method: 'paper', answer: 'given', givenBy: 'guardian', recordedByUserId: referrer.id, scope: ['guide', `club:${act.organisationId}`] });
    expect(c.answeredAt.toISOString()).toBe(`${fiveDaysAgo}T12:00:00.000Z`);
    expect(c.expiresAt!.getTime() - c.answeredAt.getTime()).toBe(365 * day);
    const [r] = await db().select().from(s.referral).where(eq(s.referral.id, c.referralId));
    expect(r.status).toBe('awaiting_guide');
  });

  test('a date in the future or too old, or a club of another kommune, is refused and nothing is created', async () => {
    const before = await count();
    const tomorrow = osloDate(new Date(Date.now() + day));
    const old = osloDate(new Date(Date.now() - 100 * day));
    for (const consentDate of [tomorrow, old, '']) {
      const res = (await submit({ consentMethod: 'oral', consentDate })) as Response;
      expect(res.status).toBe(400);
      expect((await body(res)).errors).toEqual({ consentDate: 'referral:errors.consentDate' });
    }
    const [sigdalOrg] = await db().select().from(s.organisation).where(and(eq(s.organisation.kommuneId, sigdal.id), eq(s.organisation.status, 'approved'))).limit(1);
    const res = (await submit({ consentMethod: 'paper', consentDate: osloDate(new Date()), consentClubs: [String(sigdalOrg.id)] })) as Response;
    expect(res.status).toBe(400);
    expect((await body(res)).errors).toEqual({ consentClubs: 'invalid' });
    expect(await count()).toBe(before);
  });

  test('a digital consent ignores the paper fields and sends the link', async () => {
    const res = (await submit({ consentMethod: 'digital', consentDate: '', consentClubs: [String(act.organisationId)] })) as Response;
    expect(res.status).toBe(302);
    const [r] = await db().select().from(s.referral).orderBy(s.referral.id).then((rows) => rows.slice(-1));
    expect(r.status).toBe('awaiting_consent');
    expect(await db().select().from(s.consent).where(eq(s.consent.referralId, r.id))).toEqual([]);
  });
});

test('the guardian’s download holds everything kept about the child: answers, clubs told, follow-ups, equipment and support', async () => {
  const { id, guardianToken } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input({ weekdays: ['3'] }));
  await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'ar' });
  await assignGuide(id, guide.id, { score: 1, reasons: [] }, coordinator);
  await addClubToConsent(id, act.organisationId, guide.id, 'paper');
  expect(await placeChild(id, guide.id, act.slug)).toMatchObject({ ok: true });
  await recordFollowUp(id, guide.id, { kind: 'first_session', outcome: 'Trivdes', note: 'Trenger sko' });
  await arrangeLoan(id, { lenderId: lender.id, items: ['Leggskinn'], pickupOn: osloDate(new Date()), tellFamily: false }, guide.id);
  expect(await grantSupport(id, { activityId: act.id, kind: 'trip', schemeId: capped.id, amountKr: 400 }, guide.id)).toEqual({ ok: true });

  const res = await guardianData.loader({ request: request(`/samtykke/${guardianToken}/data.json`), params: { token: guardianToken }, context: {} });
  const data = JSON.parse(await res.text());
  const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, act.organisationId));
  expect(data.held).toMatchObject({ childFirstName: 'Yasmin', weekdays: [3], helpLevel: 'some' });
  // The first yes was withdrawn when the club was added; the second names the club.
  expect(data.held.consents.map((c: { method: string; guide: boolean; clubs: string[]; withdrawnAt: string | null }) => [c.method, c.guide, c.clubs, Boolean(c.withdrawnAt)])).toEqual([
    ['digital', true, [], true],
    ['paper', true, [org.name], false],
  ]);
  expect(data.held.placements).toEqual([expect.objectContaining({ activity: act.title, organisation: org.name })]);
  expect(data.held.followUps).toContainEqual(expect.objectContaining({ kind: 'first_session', outcome: 'Trivdes', note: 'Trenger sko' }));
  expect(data.held.equipment).toEqual([expect.objectContaining({ lender: lender.name, items: ['Leggskinn'] })]);
  expect(data.held.support).toEqual([expect.objectContaining({ kind: 'trip', amountOre: kr(400) })]);
});


describe('asking the guardian about a club through the link', () => {
  async function guideOnly() {
    const res = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input());
    await answerConsent(res.id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'ar' });
    await assignGuide(res.id, guide.id, { score: 1, reasons: [] }, coordinator);
    return res;
  }
  const latestLink = async () => {
    const [m] = await db().select().from(s.outbox).where(eq(s.outbox.template, 'club-consent-request')).orderBy(sql`${s.outbox.id} desc`).limit(1);
    const { decrypt } = await import('../../app/utils/crypto.server');
    return { message: m, token: (JSON.parse(decrypt(m.params.enc)) as { path: string }).path.split('/').pop()! };
  };
  const guardianPost = (token: string, intent: string, club = act.organisationId) =>
    guardianPage.action({ request: request(`/samtykke/${token}`, { ...form({ intent, club: String(club) }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'ar' } }), params: { token }, context: {} });
  const guardianLoad = async (token: string) => (await guardianPage.loader({ request: request(`/samtykke/${token}`), params: { token }, context: {} })).json();
  const clubsInForce = async (id: number) => (await db().select().from(s.consent).where(eq(s.consent.referralId, id))).filter((c) => c.answer === 'given' && !c.withdrawnAt).flatMap((c) => c.scope);
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  test('yes: the guardian sees the question, says yes, the club is added and the guide is told; the first link still works', async () => {
    const { id, guardianToken } = await guideOnly();
    expect(await placeChild(id, guide.id, act.slug)).toMatchObject({ ok: false, reason: 'noClubConsent' });
    await processOutbox();
    await db().delete(s.outbox);
    await t.handle.query(`delete from dev_mailbox`);
    const asked = await guideAction(id, { intent: 'ask-club-consent', activity: act.slug });
    expect((asked as Response).headers.get('Location')).toBe(`/guide/${id}`);
    expect(await flashOf(asked as Response)).toEqual(['referral:guide.clubConsentAsked']);
    const { message, token } = await latestLink();
    expect(message.channel).toBe('sms');
    expect(message.language).toBe('ar');
    const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, act.organisationId));
    expect((await guardianLoad(token)).pendingClub).toMatchObject({ club: org.name, activity: act.title, organisationId: org.id });
    // The link from the first message still opens the page, with the same question.
    expect((await guardianLoad(guardianToken)).pendingClub).toMatchObject({ club: org.name });
    const answered = await guardianPost(token, 'club-yes');
    expect(await (answered as Response).json()).toEqual({ clubAnswer: 'given' });
    const consents = await db().select().from(s.consent).where(eq(s.consent.referralId, id)).orderBy(s.consent.id);
    expect(consents.at(-1)).toMatchObject({ method: 'digital', recordedByUserId: null, scope: ['guide', `club:${act.organisationId}`], language: 'ar', withdrawnAt: null });
    expect(await placeChild(id, guide.id, act.slug)).toMatchObject({ ok: true });
    const after = await guardianLoad(token);
    expect(after.pendingClub).toBeNull();
    expect(after.records.consents.map((c: { replaced: boolean; withdrawn: string | null }) => [c.replaced, c.withdrawn])).toEqual([[true, null], [false, null]]);
    // The SMS to the guardian and the e-mail to the guide went out, and neither names the child, the guardian or the club.
    await processOutbox();
    const sent = await t.handle.query<{ channel: string; subject: string; body: string }>(`select channel, subject, body from dev_mailbox`);
    expect(sent.filter((m) => m.channel === 'sms' && m.body.includes('/samtykke/'))).toHaveLength(1);
    expect(sent.filter((m) => m.channel === 'email' && m.body.includes('/guide'))).toHaveLength(1);
    for (const m of sent) expect(`${m.subject} ${m.body}`).not.toMatch(new RegExp(`Yasmin|Rania|${escape(org.name)}`));
    // The guide's page says what the guardian answered.
    const page = await (await guideCase.loader({ request: request(`/guide/${id}`, { cookie: guide.cookie }), params: { id: String(id) }, context: {} })).json();
    expect(page.clubAnswer).toMatchObject({ answer: 'given', club: org.name });
  });

  test('no: nothing is shared; a no after the guide recorded a yes takes the club out again', async () => {
    const { id } = await guideOnly();
    expect(await askClubConsent(id, act.slug, guide.id)).toEqual({ ok: true });
    const { token } = await latestLink();
    expect(await (await guardianPost(token, 'club-no')).json()).toEqual({ clubAnswer: 'declined' });
    expect(await clubsInForce(id)).toEqual(['guide']);
    expect((await db().select().from(s.referral).where(eq(s.referral.id, id)))[0].pendingClubId).toBeNull();
    // Asked again; meanwhile the guide records an oral yes through the page (the club comes from the activity, not the form)…
    expect(await askClubConsent(id, act.slug, guide.id)).toEqual({ ok: true });
    const again = (await latestLink()).token;
    const placed = await guideAction(id, { intent: 'place', activity: act.slug, clubConsent: 'on', clubConsentMethod: 'paper', organisationId: '999999' });
    expect((placed as Response).status).toBe(302);
    expect(await clubsInForce(id)).toEqual(['guide', `club:${act.organisationId}`]);
    expect((await db().select().from(s.consent).where(eq(s.consent.referralId, id)).orderBy(s.consent.id)).at(-1)?.method).toBe('paper');
    // …and then the guardian says no on the page that was still open: the club is taken out of the
    // consent, and the sign-up the guide had sent is withdrawn, as a family would withdraw it.
    expect(await (await guardianPost(again, 'club-no')).json()).toEqual({ clubAnswer: 'declinedAfterSignup' });
    expect(await clubsInForce(id)).toEqual(['guide']);
    const [placement] = await db().select().from(s.placement).where(eq(s.placement.referralId, id));
    expect((await db().select().from(s.signupRequest).where(eq(s.signupRequest.id, placement.signupRequestId!)))[0].status).toBe('withdrawn');
    // Saying yes to a club already covered changes nothing and tells the guide nothing again.
    await addClubToConsent(id, act.organisationId, guide.id, 'oral');
    const before = (await db().select().from(s.outbox).where(eq(s.outbox.template, 'club-consent-answered'))).length;
    expect(await answerClubConsent(id, act.organisationId, 'given', 'ar')).toEqual({ withdrewSignup: false });
    expect((await db().select().from(s.outbox).where(eq(s.outbox.template, 'club-consent-answered'))).length).toBe(before);
    // A yes the guide records carries the recorded text version, not the page's.
    expect((await db().select().from(s.consent).where(eq(s.consent.referralId, id)).orderBy(s.consent.id)).at(-1)?.textVersion).toBe('2026-11-recorded-v1');
  });

  test('no question after the case is closed or the consent withdrawn; at most three a day; a way to reach the guardian is needed', async () => {
    const closed = await guideOnly();
    expect(await askClubConsent(closed.id, act.slug, guide.id)).toEqual({ ok: true });
    const { token } = await latestLink();
    await closeReferral(closed.id, 'tried', guide.id);
    expect((await guardianLoad(token)).pendingClub).toBeNull();
    expect((await guardianPost(token, 'club-yes')).status).toBe(400);
    expect(await clubsInForce(closed.id)).toEqual(['guide']);
    expect(await askClubConsent(closed.id, act.slug, guide.id)).toEqual({ ok: false, reason: 'notFound' });

    const many = await guideOnly();
    for (let i = 0; i < 3; i++) expect(await askClubConsent(many.id, act.slug, guide.id)).toEqual({ ok: true });
    expect(await askClubConsent(many.id, act.slug, guide.id)).toEqual({ ok: false, reason: 'tooMany' });

    const noContact = await guideOnly();
    await db().update(s.referral).set({ guardianPhone: null, guardianEmail: null }).where(eq(s.referral.id, noContact.id));
    expect(await askClubConsent(noContact.id, act.slug, guide.id)).toEqual({ ok: false, reason: 'noContact' });
    await addClubToConsent(many.id, act.organisationId, guide.id, 'oral');
    expect(await askClubConsent(many.id, act.slug, guide.id)).toMatchObject({ ok: false });
  });
});

test('the coordinator’s queue comes a page at a time, oldest first, with each case’s next follow-up and whether it is late', async () => {
  const past = new Date(Date.now() - 10 * day);
  const late = await assigned(past);
  const first = await coordinatorQueue(modum.id, 1);
  for (let i = first.total; i <= QUEUE_PAGE_SIZE; i++) await createReferral({ userId: referrer.id, kommuneId: modum.id }, input());
  const page1 = await coordinatorQueue(modum.id, 1);
  const page2 = await coordinatorQueue(modum.id, 2);
  expect(page1.rows).toHaveLength(QUEUE_PAGE_SIZE);
  expect(page1.pages).toBe(Math.ceil(page1.total / QUEUE_PAGE_SIZE));
  expect(page2.rows.length).toBe(page1.total - QUEUE_PAGE_SIZE);
  const all = [...page1.rows, ...page2.rows];
  expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  expect(all.map((r) => r.createdAt)).toEqual([...all.map((r) => r.createdAt)].sort());
  const row = all.find((r) => r.id === late)!;
  expect(row.waitingDays).toBe(10);
  expect(row.nextFollowUp).toMatchObject({ kind: 'first_contact', overdue: true });
});

test('a reminder brings a new link and the first one keeps working; both expire together with the wait for an answer', async () => {
  const sent = new Date(Date.now() - 4 * day);
  const { id, guardianToken } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input(), sent);
  await db().delete(s.outbox);
  expect(await remindConsent()).toBeGreaterThanOrEqual(1);
  const [reminder] = await db().select().from(s.outbox).where(eq(s.outbox.template, 'consent-request'));
  const { decrypt } = await import('../../app/utils/crypto.server');
  const second = (JSON.parse(decrypt(reminder.params.enc)) as { path: string }).path.split('/').pop()!;
  expect(second).not.toBe(guardianToken);
  expect((await referralByGuardianToken(guardianToken))?.id).toBe(id);
  expect((await referralByGuardianToken(second))?.id).toBe(id);
  // Unanswered a month later: the first link (14 days) is gone, and so is the reminder's (14 days from the reminder).
  const later = new Date(Date.now() + 30 * day);
  expect(await referralByGuardianToken(guardianToken, later)).toBeNull();
  expect(await referralByGuardianToken(second, later)).toBeNull();
});

describe('asking for a guide oneself, and the guardian’s own link', () => {
  const year = new Date().getUTCFullYear();
  let ip = 0;
  const ask = (values: Record<string, string>) =>
    selfRequest.action({
      request: request('/fritidsguide', { ...form({ kommune: 'modum', childFirstName: 'Selma', contactName: 'Selma Selv', phone: '+47 400 00 081', email: '', language: 'so', consent: 'on', website: '', ...values }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': `198.51.100.${++ip}` } }),
      params: {},
      context: {},
    });
  const lastMessage = async (template: string) => (await db().select().from(s.outbox).where(eq(s.outbox.template, template)).orderBy(sql`${s.outbox.id} desc`).limit(1))[0];

  test('a guardian asks: their own yes, waiting for a guide at once, and their link sent to their phone in their language', async () => {
    await db().delete(s.outbox);
    const res = (await ask({ who: 'guardian', birthYear: String(year - 9) })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toMatch(/^\/samtykke\/[\w-]+\?lng=so$/);
    const [r] = await db().select().from(s.referral).orderBy(sql`${s.referral.id} desc`).limit(1);
    expect(r.status).toBe('awaiting_guide');
    const [c] = await db().select().from(s.consent).where(eq(s.consent.referralId, r.id));
    expect(c).toMatchObject({ method: 'own_request', givenBy: 'guardian', scope: ['guide'], textVersion: '2026-11-self-v1', language: 'so', answer: 'given' });
    const sms = await lastMessage('self-request-received');
    expect(sms).toMatchObject({ channel: 'sms', language: 'so' });
  });

  test('a young person asks for themselves only at 15 or older, and says so', async () => {
    const tooYoung = (await ask({ who: 'young_person', birthYear: String(year - 14), age15: 'on' })) as Response;
    expect(tooYoung.status).toBe(400);
    expect((await body(tooYoung)).errors?.who).toBe('tooYoung');
    const unsure = (await ask({ who: 'young_person', birthYear: String(year - 15) })) as Response;
    expect(unsure.status).toBe(400);
    expect((await body(unsure)).errors?.age15).toBe('referral:errors.age15');
    const ok = (await ask({ who: 'young_person', birthYear: String(year - 15), age15: 'on' })) as Response;
    expect(ok.status).toBe(302);
    const [r] = await db().select().from(s.referral).orderBy(sql`${s.referral.id} desc`).limit(1);
    expect((await db().select().from(s.consent).where(eq(s.consent.referralId, r.id)))[0].givenBy).toBe('young_person');
  });

  test('a yes on paper also sends the guardian their link; a guide is told of a new child; an area of another kommune is refused', async () => {
    await db().delete(s.outbox);
    const paper = (await newReferral.action({
      request: request('/henvisning/ny', { cookie: referrer.cookie, ...form({ childFirstName: 'Papir', birthYear: '2014', guardianName: 'Foresatt', guardianPhone: '+47 400 00 082', guardianLanguage: 'ti', consentMethod: 'paper', consentDate: osloDate(new Date()) }) }),
      params: {},
      context: {},
    })) as Response;
    expect(paper.status).toBe(302);
    expect(await lastMessage('consent-recorded')).toMatchObject({ channel: 'sms', language: 'ti' });
    const [r] = await db().select().from(s.referral).orderBy(sql`${s.referral.id} desc`).limit(1);
    expect((await db().select().from(s.consent).where(eq(s.consent.referralId, r.id)))[0].textVersion).toBe('2026-11-recorded-v1');
    await assignGuide(r.id, guide.id, { score: 1, reasons: [] }, coordinator);
    expect(await lastMessage('case-assigned')).toMatchObject({ channel: 'email', language: 'nb' });
    const [sigdalArea] = await db().select().from(s.area).where(eq(s.area.kommuneId, sigdal.id)).limit(1);
    const before = (await db().select().from(s.referral)).length;
    const wrongArea = (await newReferral.action({
      request: request('/henvisning/ny', { cookie: referrer.cookie, ...form({ childFirstName: 'Feil', birthYear: '2014', guardianName: 'Foresatt', guardianPhone: '+47 400 00 083', consentMethod: 'digital', areaId: String(sigdalArea.id) }) }),
      params: {},
      context: {},
    })) as Response;
    expect(wrongArea.status).toBe(400);
    expect((await db().select().from(s.referral)).length).toBe(before);
  });
});

test('each kommune sets its own retention; a closed case is purged after it, and the jobs that do this run by themselves', async () => {
  const admin = await userWithRole('kommune_admin', { kommune: 'sigdal' });
  const save = (days: string) => privacySettings.action({ request: request('/kommune/sigdal/personvern', { cookie: admin.cookie, ...form({ retentionDays: days }) }), params: { kommune: 'sigdal' }, context: {} });
  expect(((await save('10')) as Response).status).toBe(400);
  expect((await db().select().from(s.kommune).where(eq(s.kommune.id, sigdal.id)))[0].retentionDays).toBe(sigdal.retentionDays);
  expect(((await save('45')) as Response).status).toBe(302);
  const sigdalReferrer = await userWithRole('referrer', { kommune: 'sigdal' });
  const { id } = await createReferral({ userId: sigdalReferrer.id, kommuneId: sigdal.id }, input());
  const closedAt = new Date();
  await closeReferral(id, 'tried', sigdalReferrer.id, closedAt);
  await purgeReferrals(new Date(closedAt.getTime() + 44 * day));
  expect(await db().select().from(s.referral).where(eq(s.referral.id, id))).toHaveLength(1);
  await purgeReferrals(new Date(closedAt.getTime() + 46 * day));
  expect(await db().select().from(s.referral).where(eq(s.referral.id, id))).toHaveLength(0);
  // The purge and the reminders are background jobs started with every server (and `npm run worker`).
  const byName = Object.fromEntries(jobs.map((j) => [j.name, j.everyMs]));
  for (const name of ['purge-referrals', 'remind-consent', 'remind-follow-ups']) expect(byName[name]).toBeLessThanOrEqual(60 * 60 * 1000);
});

test('the kommune’s coordinators hear by e-mail, without names, when a child starts waiting for a guide', async () => {
  await db().delete(s.outbox);
  const { id } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input());
  expect(await db().select().from(s.outbox).where(eq(s.outbox.template, 'referral-waiting'))).toEqual([]);
  await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'ar' });
  const waiting = await db().select().from(s.outbox).where(eq(s.outbox.template, 'referral-waiting'));
  const coordinators = await db().select({ id: s.kommuneMember.userId }).from(s.kommuneMember).where(and(eq(s.kommuneMember.kommuneId, modum.id), eq(s.kommuneMember.role, 'coordinator')));
  expect(waiting).toHaveLength(coordinators.length);
  const { decrypt } = await import('../../app/utils/crypto.server');
  expect(waiting.map((m) => JSON.parse(decrypt(m.params.enc)))).toEqual(coordinators.map(() => ({ path: '/koordinator' })));
  // A second yes (a club added later) does not notify again.
  await addClubToConsent(id, act.organisationId, guide.id, 'oral');
  expect(await db().select().from(s.outbox).where(eq(s.outbox.template, 'referral-waiting'))).toHaveLength(coordinators.length);
});

test('nothing is kept without an end: an unanswered referral goes after 30 days, a case whose consent ran out is closed', async () => {
  const old = new Date(Date.now() - 31 * day);
  const { id: unanswered } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input(), old);
  const { id: fresh } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, input());
  const lapsed = await placed(new Date(Date.now() - 400 * day));
  const current = await placed();
  const result = await closeLapsedReferrals();
  expect(result.unanswered).toBeGreaterThanOrEqual(1);
  expect(result.expired).toBeGreaterThanOrEqual(1);
  expect(await db().select().from(s.referral).where(eq(s.referral.id, unanswered))).toEqual([]);
  const rows = Object.fromEntries((await db().select().from(s.referral).where(inArray(s.referral.id, [fresh, lapsed, current]))).map((r) => [r.id, r]));
  expect(rows[fresh].status).toBe('awaiting_consent');
  expect(rows[lapsed]).toMatchObject({ status: 'closed', outcome: 'active' });
  expect(rows[lapsed].purgeAfter!.getTime()).toBeGreaterThan(Date.now() + 80 * day);
  expect(rows[current].status).toBe('started');
  expect(await readReferral({ userId: guide.id, role: 'guide', kommuneId: modum.id }, lapsed, 'case-page')).toBeNull();
});

test('closing without the box ticked is refused with the field named, and the case stays open', async () => {
  const id = await placed();
  const res = await guideAction(id, { intent: 'close', outcome: 'active' });
  expect((res as Response).status).toBe(400);
  expect((await body(res)).errors).toEqual({ closeConfirm: 'required' });
  expect((await db().select().from(s.referral).where(eq(s.referral.id, id)))[0].status).toBe('started');
  const closed = (await guideAction(id, { intent: 'close', outcome: 'active', confirm: 'on' })) as Response;
  expect(closed.headers.get('Location')).toBe('/guide');
  expect(await flashOf(closed)).toEqual(['referral:guide.closedFlash']);
});

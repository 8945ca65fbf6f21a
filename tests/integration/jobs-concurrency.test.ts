import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { remindExpiringActivities } from '../../app/domain/club/activities.server';
import { remindFollowUps } from '../../app/domain/referral/follow-ups.server';
import { answerConsent, assignGuide, closeLapsedReferrals, closeReferral, createReferral, referralInput, remindConsent } from '../../app/domain/referral/referral.server';
import { purgeReferrals } from '../../app/domain/referral/retention.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { readyGuide, userWithRole } from '../setup/users';

// "Every job is safe to run on all servers at once": each job below runs twice at the same moment (two
// connections on PostgreSQL, like two app servers) and must do each piece of work exactly once.
const t = useTestDatabase();
const day = 864e5;
let modum = 0;
let referrer = '';
let coordinator = '';

beforeAll(async () => {
  [{ id: modum }] = await db().select({ id: s.kommune.id }).from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  referrer = (await userWithRole('referrer', { kommune: 'modum' })).id;
  coordinator = (await userWithRole('coordinator', { kommune: 'modum' })).id;
});

const refer = async (at: Date, name = 'Barn') =>
  (await createReferral({ userId: referrer, kommuneId: modum }, referralInput.parse({ childFirstName: name, birthYear: '2015', guardianName: 'Verge', guardianEmail: 'verge@example.no', consentMethod: 'digital' }), at)).id;
const outboxCount = async (template: string) => (await t.handle.query<{ n: number }>(`select count(*)::int as n from outbox where template = $1`, [template]))[0].n;
const twice = <T>(job: () => Promise<T>) => Promise.all([job(), job()]);

test('two servers reminding about consent send one reminder per referral', async () => {
  const now = new Date();
  const ids = [await refer(new Date(now.getTime() - 4 * day)), await refer(new Date(now.getTime() - 4 * day)), await refer(new Date(now.getTime() - 4 * day))];
  const before = await outboxCount('consent-request');
  const [a, b] = await twice(() => remindConsent(now));
  expect(a + b).toBe(3);
  expect((await outboxCount('consent-request')) - before).toBe(3);
  expect((await db().select().from(s.guardianLink).where(inArray(s.guardianLink.referralId, ids))).length).toBe(3);
});

test('two servers closing lapsed referrals end each case once', async () => {
  const now = new Date();
  const ids = [await refer(new Date(now.getTime() - 31 * day)), await refer(new Date(now.getTime() - 31 * day))];
  await twice(() => closeLapsedReferrals(now));
  const ended = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_event where action = 'referral.ended' and entity_id = any($1)`, [ids.map(String)]);
  expect(ended[0].n).toBe(2);
});

test('two servers purging count each referral once in the anonymous statistics', async () => {
  const now = new Date();
  const guide = await readyGuide();
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) {
    const id = await refer(now);
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'nb' }, now);
    await assignGuide(id, guide.id, { score: 1, reasons: [] }, coordinator, now);
    await closeReferral(id, 'moved', guide.id, now);
    ids.push(id);
  }
  const sum = async () => (await t.handle.query<{ n: number }>(`select coalesce(sum(count), 0)::int as n from referral_statistic where outcome = 'moved'`))[0].n;
  const before = await sum();
  const [a, b] = await twice(() => purgeReferrals(new Date(now.getTime() + 400 * day)));
  expect(a + b).toBeGreaterThanOrEqual(4);
  expect((await sum()) - before).toBe(a + b);
  expect(await db().select().from(s.referral).where(inArray(s.referral.id, ids))).toEqual([]);
});

test('two servers reminding about follow-ups send each guide one e-mail', async () => {
  const now = new Date();
  const guide = await readyGuide();
  const id = await refer(now);
  await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'nb' }, now);
  await assignGuide(id, guide.id, { score: 1, reasons: [] }, coordinator, now);
  const before = await outboxCount('follow-up-due');
  await twice(() => remindFollowUps(new Date(now.getTime() + 10 * day)));
  expect((await outboxCount('follow-up-due')) - before).toBe(1);
  expect((await db().select().from(s.followUp).where(and(eq(s.followUp.referralId, id), isNull(s.followUp.remindedAt)))).length).toBe(0);
});

test('two servers reminding clubs of expiring listings send one reminder per activity', async () => {
  const now = new Date();
  const acts = await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.kommuneId, modum)).limit(3);
  await db().update(s.activity).set({ status: 'published', expiryRemindedAt: null, expiresAt: new Date(now.getTime() + 3 * day) }).where(inArray(s.activity.id, acts.map((a) => a.id)));
  const before = await outboxCount('activity-expiring');
  const [a, b] = await twice(() => remindExpiringActivities(now));
  const sent = (await outboxCount('activity-expiring')) - before;
  expect(a + b).toBe(sent);
  expect(sent).toBeGreaterThanOrEqual(3);
  const reminded = await db().select({ n: sql<number>`count(*)::int` }).from(s.activity).where(eq(s.activity.expiryRemindedAt, now));
  expect(reminded[0].n).toBe(sent);
});

describe('assigning a guide', () => {
  test('refuses a guide matching leaves out, whatever the form sent', async () => {
    const id = await refer(new Date());
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'nb' });
    const noProfile = await userWithRole('guide', { kommune: 'modum' });
    expect(await assignGuide(id, noProfile.id, { score: 1, reasons: [] }, coordinator)).toEqual({ ok: false, reason: 'notAGuide' });
    const full = await readyGuide();
    await db().update(s.guide).set({ capacity: 0 }).where(eq(s.guide.userId, full.id));
    expect(await assignGuide(id, full.id, { score: 1, reasons: [] }, coordinator)).toEqual({ ok: false, reason: 'full' });
    const sigdal = await readyGuide('sigdal');
    expect(await assignGuide(id, sigdal.id, { score: 1, reasons: [] }, coordinator)).toEqual({ ok: false, reason: 'otherKommune' });
    expect(await db().select().from(s.assignment).where(eq(s.assignment.referralId, id))).toEqual([]);
  });

  test('two coordinators assigning at once leave one active assignment', async () => {
    const id = await refer(new Date());
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'nb' });
    const [g1, g2] = [await readyGuide(), await readyGuide()];
    const results = await Promise.all([assignGuide(id, g1.id, { score: 1, reasons: [] }, coordinator), assignGuide(id, g2.id, { score: 1, reasons: [] }, coordinator)]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(await db().select().from(s.assignment).where(and(eq(s.assignment.referralId, id), isNull(s.assignment.endedAt)))).toHaveLength(1);
  });
});

import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { answerConsent, assignGuide, birthYearFromGrade, closeReferral, createReferral, mayRead, purgeReferrals, quarterOf, readReferral, referralInput, withdrawConsent } from '../../app/domain/referral/referral.server';
import { processOutbox } from '../../app/domain/notifications/outbox.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { userWithRole, readyGuide } from '../setup/users';

// The invariants of DESIGN.md for referrals, at the domain level (the pages come with issue 5's UI).
const t = useTestDatabase();
const day = 24 * 3600 * 1000;
let modum = 0;
let referrer = '';
let coordinator = '';
let guideUser = '';
let otherGuide = '';

beforeAll(async () => {
  [{ id: modum }] = await db().select({ id: s.kommune.id }).from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  referrer = (await userWithRole('referrer', { kommune: 'modum' })).id;
  coordinator = (await userWithRole('coordinator', { kommune: 'modum' })).id;
  guideUser = (await readyGuide()).id;
  otherGuide = (await readyGuide()).id;
});

const input = () =>
  referralInput.parse({
    childFirstName: 'Mariam', birthYear: '2015', homeLanguages: ['ar'], interests: ['fotball'], needs: ['economy', 'equipment'],
    guardianName: 'Salma Testesen', guardianPhone: '+47 400 00 001', guardianLanguage: 'ar', consentMethod: 'digital',
  });

const as = (userId: string, role: 'referrer' | 'coordinator' | 'guide') => ({ userId, role, kommuneId: modum });

describe('referrals', () => {
  test('a school grade stands in for an unknown birth year (first grade starts the August a child turns six)', () => {
    expect(birthYearFromGrade(1, new Date('2026-09-01T12:00:00Z'))).toBe(2020);
    expect(birthYearFromGrade(1, new Date('2027-05-01T12:00:00Z'))).toBe(2020);
    expect(birthYearFromGrade(10, new Date('2026-11-23T12:00:00Z'))).toBe(2011);
    const base = { childFirstName: 'Ali', guardianName: 'Foresatt', guardianPhone: '+47 400 00 002', consentMethod: 'digital' };
    expect(referralInput.parse({ ...base, birthYear: '', schoolGrade: '4' }).birthYear).toBe(birthYearFromGrade(4));
    // A birth year given wins over the grade; neither is an error on the birth year.
    expect(referralInput.parse({ ...base, birthYear: '2015', schoolGrade: '1' }).birthYear).toBe(2015);
    const neither = referralInput.safeParse({ ...base, birthYear: '', schoolGrade: '' });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues.map((i) => i.path[0])).toContain('birthYear');
  });

  test('personal data is encrypted at rest, and the consent link goes out with no name in it', async () => {
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    const [row] = await t.handle.query<Record<string, string>>(`select child_first_name, guardian_name, guardian_phone, needs from referral where id = $1`, [id]);
    for (const v of Object.values(row)) expect(v).toMatch(/^v1\./);
    await processOutbox();
    const [sms] = await t.handle.query<{ channel: string; body: string; subject: string }>(`select channel, body, subject from dev_mailbox order by id desc limit 1`);
    expect(sms.channel).toBe('sms');
    expect(sms.body).toMatch(/\/samtykke\//);
    expect(`${sms.subject} ${sms.body}`).not.toMatch(/Mariam|Salma/);
    expect(sms.subject).toMatch(/[\u0600-\u06FF]/);
  });

  test('nothing is shared before consent: the guide cannot read it even when assigned; referrer and coordinator can', async () => {
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    await assignGuide(id, guideUser, { score: 10, reasons: [] }, coordinator);
    expect(await readReferral(as(guideUser, 'guide'), id, 'case-page')).toBeNull();
    expect((await readReferral(as(referrer, 'referrer'), id, 'case-page'))?.childFirstName).toBe('Mariam');
    expect((await readReferral(as(coordinator, 'coordinator'), id, 'case-page'))?.guardianName).toBe('Salma Testesen');
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'ar' });
    expect((await readReferral(as(guideUser, 'guide'), id, 'case-page'))?.childFirstName).toBe('Mariam');
    // Another guide, not assigned, still sees nothing.
    expect(await readReferral(as(otherGuide, 'guide'), id, 'case-page')).toBeNull();
  });

  test('every read and refusal is in the append-only audit log, with who and when', async () => {
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    await readReferral(as(coordinator, 'coordinator'), id, 'case-page');
    await readReferral(as(guideUser, 'guide'), id, 'case-page');
    const events = await t.handle.query<{ action: string; actor_user_id: string }>(`select action, actor_user_id from audit_event where entity = 'referral' and entity_id = $1 order by id`, [String(id)]);
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'referral.created', actor_user_id: referrer },
        { action: 'referral.read', actor_user_id: coordinator },
        { action: 'referral.read_denied', actor_user_id: guideUser },
      ]),
    );
  });

  test('withdrawal takes effect at once: the guide loses access, and the data is gone within a day', async () => {
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'paper', scope: ['guide'], language: 'ar', recordedByUserId: referrer });
    await assignGuide(id, guideUser, { score: 10, reasons: [] }, coordinator);
    expect(await mayRead(as(guideUser, 'guide'), id)).toBe(true);
    const now = new Date();
    expect(await withdrawConsent(id, null, now)).toMatchObject({ guideTold: true, signupsWithdrawn: 0 });
    expect(await mayRead(as(guideUser, 'guide'), id)).toBe(false);
    await purgeReferrals(new Date(now.getTime() + 23 * 3600 * 1000));
    expect((await db().select().from(s.referral).where(eq(s.referral.id, id))).length).toBe(1);
    await purgeReferrals(new Date(now.getTime() + day + 1000));
    expect((await db().select().from(s.referral).where(eq(s.referral.id, id))).length).toBe(0);
  });

  test('a declined consent deletes the personal data at once', async () => {
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    await answerConsent(id, { answer: 'declined', givenBy: 'guardian', method: 'digital', scope: [], language: 'ar' });
    expect(await db().select().from(s.referral).where(eq(s.referral.id, id))).toEqual([]);
    expect(await db().select().from(s.consent).where(eq(s.consent.referralId, id))).toEqual([]);
  });

  test('a closed referral is deleted after the kommune’s retention period; only anonymous counts remain', async () => {
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'oral', scope: ['guide'], language: 'ar', recordedByUserId: referrer });
    await assignGuide(id, guideUser, { score: 10, reasons: [] }, coordinator);
    const closedAt = new Date();
    await closeReferral(id, 'active', guideUser, closedAt);
    const before = await t.handle.query<{ n: number }>(`select coalesce(sum(count), 0)::int as n from referral_statistic where outcome = 'active' and quarter = $1`, [quarterOf(closedAt)]);
    await purgeReferrals(new Date(closedAt.getTime() + 89 * day));
    expect((await db().select().from(s.referral).where(eq(s.referral.id, id))).length).toBe(1);
    await purgeReferrals(new Date(closedAt.getTime() + 90 * day + 1000));
    for (const table of ['referral', 'consent', 'assignment', 'follow_up', 'placement']) {
      const column = table === 'referral' ? 'id' : 'referral_id';
      const [{ n }] = await t.handle.query<{ n: number }>(`select count(*)::int as n from ${table} where ${column} = $1`, [id]);
      expect(n, table).toBe(0);
    }
    const after = await t.handle.query<{ n: number }>(`select coalesce(sum(count), 0)::int as n from referral_statistic where outcome = 'active' and quarter = $1`, [quarterOf(closedAt)]);
    expect(after[0].n).toBe(before[0].n + 1);
    // The audit trail stays (it holds ids and actions, no personal data) and cannot be changed.
    const [{ n: events }] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_event where entity = 'referral' and entity_id = $1`, [String(id)]);
    expect(events).toBeGreaterThan(0);
  });
});

describe('consent reminders', () => {
  test('one reminder with a new link after three days without an answer, and no more', async () => {
    const { remindConsent } = await import('../../app/domain/referral/referral.server');
    const { id } = await createReferral({ userId: referrer, kommuneId: modum }, input());
    const later = new Date(Date.now() + 3 * day + 1000);
    await db().delete(s.outbox);
    expect(await remindConsent(later)).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(s.referral).where(eq(s.referral.id, id));
    expect(row.consentRemindedAt).not.toBeNull();
    const sent = await db().select().from(s.outbox).where(eq(s.outbox.template, 'consent-request'));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(await remindConsent(later)).toBe(0);
  });
});

import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { processOutbox } from '../../app/domain/notifications/outbox.server';
import { addClubToConsent, answerClubConsent, askClubConsent, placeChild } from '../../app/domain/referral/casework.server';
import { arrangeLoan } from '../../app/domain/referral/equipment.server';
import { recordFollowUp, remindFollowUps } from '../../app/domain/referral/follow-ups.server';
import { decideSignup } from '../../app/domain/signup/signup.server';
import { answerConsent, assignGuide, createReferral, createSelfRequest, referralInput, remindConsent, selfRequestInput } from '../../app/domain/referral/referral.server';
import { db } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';
import { startSmtp } from '../setup/smtp';
import { userWithRole } from '../setup/users';

// "No personal data in logs, URLs, e-mails or SMS bodies": run a referral through consent, placement
// and notifications (with one SMTP failure, which is logged) and read everything that was written.
const t = useTestDatabase();

test('logs, outbox messages, SMS and e-mails never carry the child’s name or the guardian’s contact', async () => {
  const smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.LOG_LEVEL = 'info';
  resetEnv();
  const lines: string[] = [];
  const spies = (['log', 'warn', 'error', 'info'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...a) => void lines.push(a.map(String).join(' '))));
  try {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const [act] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).limit(1);
    await db().update(s.activity).set({ status: 'published', openForNew: true, expiresAt: new Date(Date.now() + 864e5 * 30) }).where(eq(s.activity.id, act.id));
    const referrer = await userWithRole('referrer', { kommune: 'modum' });
    const guide = await userWithRole('guide', { kommune: 'modum' });
    const secret = { child: 'Zahra', guardian: 'Rukia Hemmeligsen', phone: '+47 41234567', email: 'rukia.hemmelig@example.no' };
    const { id } = await createReferral(
      { userId: referrer.id, kommuneId: modum.id },
      referralInput.parse({ childFirstName: secret.child, birthYear: '2014', guardianName: secret.guardian, guardianPhone: secret.phone, guardianEmail: secret.email, guardianLanguage: 'so', consentMethod: 'digital' }),
    );
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide', `club:${act.organisationId}`], language: 'so' });
    await assignGuide(id, guide.id, { score: 1, reasons: [] }, referrer.id);
    await addClubToConsent(id, act.organisationId, guide.id, 'oral');
    expect(await placeChild(id, guide.id, act.slug)).toMatchObject({ ok: true });
    // Every other path that writes a message about the case: a reminder, a question about a second
    // club and its answer, equipment, follow-ups and their reminder, the club's decision, a self-request.
    const [other] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).orderBy(s.activity.id).offset(5).limit(1);
    await db().update(s.activity).set({ status: 'published', openForNew: true, expiresAt: new Date(Date.now() + 864e5 * 30) }).where(eq(s.activity.id, other.id));
    await db().update(s.organisation).set({ status: 'approved' }).where(eq(s.organisation.id, other.organisationId));
    expect(await askClubConsent(id, other.slug, guide.id)).toEqual({ ok: true });
    await answerClubConsent(id, other.organisationId, 'declined', 'so');
    const [lender] = await db().select().from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, modum.id)).limit(1);
    await arrangeLoan(id, { lenderId: lender.id, items: ['Ski'], pickupOn: new Date().toISOString().slice(0, 10), tellFamily: true }, guide.id);
    await recordFollowUp(id, guide.id, { kind: 'first_contact', outcome: `Snakket med ${secret.guardian}`, note: `Ring ${secret.phone}` });
    await remindFollowUps(new Date(Date.now() + 8 * 864e5));
    const [signup] = await db().select().from(s.signupRequest).where(eq(s.signupRequest.activityId, act.id)).orderBy(s.signupRequest.id).limit(1);
    expect(await decideSignup(act.organisationId, { signupId: signup.id, status: 'accepted' })).toBeTruthy();
    await createReferral({ userId: referrer.id, kommuneId: modum.id }, referralInput.parse({ childFirstName: secret.child, birthYear: '2014', guardianName: secret.guardian, guardianPhone: secret.phone, guardianLanguage: 'ti', consentMethod: 'digital' }), new Date(Date.now() - 4 * 864e5));
    await remindConsent();
    await createSelfRequest(selfRequestInput.parse({ kommune: 'modum', who: 'guardian', childFirstName: secret.child, birthYear: '2014', contactName: secret.guardian, phone: secret.phone, email: secret.email, language: 'ar', consent: 'on', website: '' }));
    smtp.state.failNext = 1; // one refused message is retried and logged
    await processOutbox();
    await processOutbox({ now: new Date(Date.now() + 10 * 60_000) });

    const written = [
      ...lines,
      ...smtp.received.map((m) => `${m.subject}\n${m.text}`),
      ...(await t.handle.query<{ subject: string; body: string }>(`select subject, body from dev_mailbox`)).map((m) => `${m.subject}\n${m.body}`),
      ...(await t.handle.query<{ row: string }>(`select row_to_json(o)::text as row from outbox o`)).map((r) => r.row),
      ...(await t.handle.query<{ row: string }>(`select row_to_json(a)::text as row from audit_event a`)).map((r) => r.row),
    ].join('\n');
    expect(smtp.received.length + lines.length).toBeGreaterThan(0);
    for (const value of Object.values(secret)) expect(written).not.toContain(value);
    expect(written).not.toContain('41234567');
  } finally {
    spies.forEach((s) => s.mockRestore());
    process.env.LOG_LEVEL = 'silent';
    delete process.env.SMTP_URL;
    resetEnv();
    await smtp.close();
  }
});

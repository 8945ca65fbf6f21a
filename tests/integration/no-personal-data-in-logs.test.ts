import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { processOutbox } from '../../app/domain/notifications/outbox.server';
import { addClubToConsent, placeChild } from '../../app/domain/referral/casework.server';
import { answerConsent, assignGuide, createReferral, referralInput } from '../../app/domain/referral/referral.server';
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
  const spies = [vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' '))), vi.spyOn(console, 'warn').mockImplementation((...a) => void lines.push(a.join(' ')))];
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

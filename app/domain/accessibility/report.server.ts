import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { kommuneMember } from '../../../db/schema/membership';
import { user } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { env } from '../../utils/env.server';
import { inTransaction } from '../../utils/transaction.server';
import { attempt, bucketFor } from '../auth/rate-limit.server';
import { enqueue } from '../notifications/outbox.server';

// The accessibility statement's "report a problem" form (/tilgjengelighet). The law (forskrift om
// universell utforming av IKT) asks for a way to tell the body responsible; here that is the kommune's
// admins, or the operator's address when a kommune has none yet.

/** When the statement (locales: common:a11y.*) was last checked against the tests; change it with the text. */
export const STATEMENT_DATE = '2026-12-03';

/** Reports per address: enough for a person with several problems, too few for a flood. */
export const REPORT_LIMITS = { perAddress: 5, windowMs: 60 * 60 * 1000 };

export const reportInput = z.object({
  kommune: z.string().trim().min(1, 'required').max(100, 'invalid'),
  page: z.string().trim().max(300, 'tooLong').optional().default(''),
  message: z.string().trim().min(1, 'required').max(2000, 'tooLong'),
  email: z.union([z.literal(''), z.string().trim().max(254, 'tooLong').pipe(z.email('email'))]).optional().default(''),
  website: z.string().max(0, 'spam').optional(),
});
export type ReportInput = z.infer<typeof reportInput>;

export type ReportResult = { ok: true } | { ok: false; field: 'kommune' | 'form'; reason: 'required' | 'locked' | 'noRecipient'; retryAfterSeconds?: number };

/**
 * Queues the report to every admin of the chosen kommune (in each admin's own language), in one
 * transaction. The text goes only into the encrypted outbox, never into a log.
 */
export async function sendAccessibilityReport(input: ReportInput, language: string, clientAddress: string, now = new Date()): Promise<ReportResult> {
  const [k] = await db().select({ id: kommune.id, name: kommune.name }).from(kommune).where(eq(kommune.slug, input.kommune));
  if (!k) return { ok: false, field: 'kommune', reason: 'required' };
  const admins = await db()
    .select({ email: user.email, language: user.preferredLanguage })
    .from(kommuneMember)
    .innerJoin(user, eq(user.id, kommuneMember.userId))
    .where(and(eq(kommuneMember.kommuneId, k.id), eq(kommuneMember.role, 'kommune_admin')));
  const operator = env().OPERATOR_EMAIL;
  const recipients = admins.length ? admins : operator ? [{ email: operator, language: 'nb' }] : [];
  if (!recipients.length) return { ok: false, field: 'form', reason: 'noRecipient' };
  // Only a well-formed report that can be delivered counts against the limit.
  const gate = await attempt(bucketFor('a11y-report:ip', clientAddress), REPORT_LIMITS.perAddress, REPORT_LIMITS.windowMs, now);
  if (!gate.allowed) return { ok: false, field: 'form', reason: 'locked', retryAfterSeconds: gate.retryAfterSeconds };
  const params = { kommune: k.name, page: input.page || '—', message: input.message, replyTo: input.email || '—', language };
  await inTransaction(undefined, async (tx) => {
    for (const r of recipients) await enqueue({ to: r.email, template: 'accessibility-report', language: r.language, params }, tx);
  });
  return { ok: true };
}

import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { accessibilityReport, kommuneMember } from '../../../db/schema/membership';
import { user } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { decrypt, encrypt } from '../../utils/crypto.server';
import { env } from '../../utils/env.server';
import { inTransaction } from '../../utils/transaction.server';
import { audit } from '../audit.server';
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

/** A report is kept for a year after it was handled, and two at most: long enough to follow a problem up. */
export const REPORT_RETENTION = { afterHandledDays: 365, atMostDays: 730 };

/**
 * Stores the report (encrypted) for the chosen kommune and tells every admin of it (each in their own
 * language) that one has come, with a link to the kommune's page where it is read; in one transaction.
 * What the reporter wrote is never in the e-mail, the outbox or a log.
 */
export async function sendAccessibilityReport(input: ReportInput, language: string, clientAddress: string, now = new Date()): Promise<ReportResult> {
  const [k] = await db().select({ id: kommune.id, name: kommune.name, slug: kommune.slug }).from(kommune).where(eq(kommune.slug, input.kommune));
  if (!k) return { ok: false, field: 'kommune', reason: 'required' };
  const admins = await db()
    .select({ email: user.email, language: user.preferredLanguage })
    .from(kommuneMember)
    .innerJoin(user, eq(user.id, kommuneMember.userId))
    .where(and(eq(kommuneMember.kommuneId, k.id), eq(kommuneMember.role, 'kommune_admin')));
  // A kommune without admins yet: the operator reads nothing, but is told that the kommune has a report waiting.
  const operator = env().OPERATOR_EMAIL;
  const recipients = admins.length ? admins : operator ? [{ email: operator, language: 'nb' }] : [];
  if (!recipients.length) return { ok: false, field: 'form', reason: 'noRecipient' };
  // Only a well-formed report that can be delivered counts against the limit.
  const gate = await attempt(bucketFor('a11y-report:ip', clientAddress), REPORT_LIMITS.perAddress, REPORT_LIMITS.windowMs, now);
  if (!gate.allowed) return { ok: false, field: 'form', reason: 'locked', retryAfterSeconds: gate.retryAfterSeconds };
  // renderMessage turns `path` into the link, in the recipient's language.
  const params = { kommune: k.name, path: `/kommune/${k.slug}/tilgjengelighet` };
  await inTransaction(undefined, async (tx) => {
    await tx.insert(accessibilityReport).values({
      kommuneId: k.id,
      page: encrypt(input.page),
      message: encrypt(input.message),
      replyTo: input.email ? encrypt(input.email) : null,
      language,
      createdAt: now,
    });
    for (const r of recipients) await enqueue({ to: r.email, template: 'accessibility-report', language: r.language, params }, tx);
  });
  return { ok: true };
}

/** The kommune's reports, newest first, decrypted for its admin's page. */
export async function kommuneReports(kommuneId: number) {
  const rows = await db()
    .select({ id: accessibilityReport.id, page: accessibilityReport.page, message: accessibilityReport.message, replyTo: accessibilityReport.replyTo, language: accessibilityReport.language, createdAt: accessibilityReport.createdAt, handledAt: accessibilityReport.handledAt })
    .from(accessibilityReport)
    .where(eq(accessibilityReport.kommuneId, kommuneId))
    .orderBy(desc(accessibilityReport.createdAt), desc(accessibilityReport.id));
  return rows.map((r) => ({ ...r, page: decrypt(r.page), message: decrypt(r.message), replyTo: r.replyTo ? decrypt(r.replyTo) : null }));
}

/** Marks one of the kommune's reports as handled (audited); false when it is not the kommune's or already handled. */
export async function markReportHandled(kommuneId: number, reportId: number, byUserId: string, now = new Date()) {
  return inTransaction(undefined, async (tx) => {
    const done = await tx
      .update(accessibilityReport)
      .set({ handledAt: now, handledByUserId: byUserId })
      .where(and(eq(accessibilityReport.id, reportId), eq(accessibilityReport.kommuneId, kommuneId), isNull(accessibilityReport.handledAt)))
      .returning({ id: accessibilityReport.id });
    if (done.length) await audit({ actorUserId: byUserId, action: 'accessibility_report.handled', entity: 'accessibility_report', entityId: String(reportId) }, tx);
    return done.length > 0;
  });
}

/** Deletes reports a year after they were handled, and every report after two years. */
export async function purgeAccessibilityReports(now = new Date()) {
  const day = 24 * 60 * 60 * 1000;
  const handledBefore = new Date(now.getTime() - REPORT_RETENTION.afterHandledDays * day);
  const createdBefore = new Date(now.getTime() - REPORT_RETENTION.atMostDays * day);
  const gone = await db()
    .delete(accessibilityReport)
    .where(or(lt(accessibilityReport.handledAt, handledBefore), lt(accessibilityReport.createdAt, createdBefore)))
    .returning({ id: accessibilityReport.id });
  return gone.length;
}

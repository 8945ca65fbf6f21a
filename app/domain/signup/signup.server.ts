import { and, count, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { activity } from '../../../db/schema/activity';
import { organisation } from '../../../db/schema/organisation';
import { signupLink, signupRequest, signupStatuses, type SignupStatus } from '../../../db/schema/signup';
import { languages } from '../../i18n';
import { decrypt, decryptOptional, encrypt, encryptOptional, hashToken, newToken } from '../../utils/crypto.server';
import { db } from '../../utils/db.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import { isPublic } from '../catalogue/public.server';
import { loadTranslations, localText } from '../content.server';
import { bucketFor, isLimited, recordEvent } from '../auth/rate-limit.server';
import { enqueue } from '../notifications/outbox.server';

const currentYear = () => new Date().getUTCFullYear();

/** The activity's title in the family's language where the club translated it, else bokmål (marked so). */
async function activityTitleIn(activityId: number, title: string, language: string) {
  const translated = (await loadTranslations('activity', [activityId], language)).get(activityId)?.title;
  return localText(title, translated, language);
}

/** The "Meld interesse" form. Error messages are translation keys (signup:error.*). */
export const signupInput = z
  .object({
    participantFirstName: z.string().trim().min(1, 'required').max(60, 'tooLong'),
    birthYear: z.coerce.number({ message: 'birthYear' }).int('birthYear').min(currentYear() - 25, 'birthYear').max(currentYear() - 2, 'birthYear'),
    guardianName: z.string().trim().min(1, 'required').max(100, 'tooLong'),
    guardianEmail: z.union([z.literal(''), z.email('email')]).optional(),
    guardianPhone: z.union([z.literal(''), z.string().trim().regex(/^\+?[\d\s]{8,15}$/, 'phone')]).optional(),
    language: z.enum(languages, { message: 'required' }),
    message: z.string().trim().max(1000, 'tooLong').optional(),
    /** Honeypot: a field people never see; bots fill it. */
    website: z.string().max(0, 'spam').optional(),
  })
  .refine((v) => Boolean(v.guardianEmail || v.guardianPhone), { message: 'contact', path: ['guardianEmail'] });

export type SignupInput = z.infer<typeof signupInput>;

export const SIGNUP_LIMIT = { perAddress: 5, windowMs: 10 * 60 * 1000 };

/** Sign-up requests are deleted after the season; a request without a season end lasts a year. */
export function deleteAfterFor(seasonEnd: string | null, now = new Date()) {
  if (seasonEnd) return seasonEnd;
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

type CreateResult = { ok: true; token: string; signupId: number } | { ok: false; reason: 'notFound' | 'closed' | 'limited' };

/**
 * Stores a request and tells the club ("you have a new sign-up — sign in") and the family (a receipt in
 * their language with a link to follow it). The same function serves guides placing a child, so the
 * club cannot tell the two apart. Only an activity the public can see takes sign-ups (an expired
 * listing's page is gone, and so is its form). In the caller's transaction when given one.
 */
export async function createSignup(activitySlug: string, input: SignupInput, clientAddress: string, now = new Date(), executor?: Executor): Promise<CreateResult> {
  return inTransaction(executor, async (tx): Promise<CreateResult> => {
    const [a] = await tx
      .select({
        id: activity.id, title: activity.title, seasonEnd: activity.seasonEnd, open: sql<boolean>`${isPublic(now)}`, contactEmail: activity.contactEmail, orgEmail: organisation.contactEmail,
        // A full activity takes requests only onto its waiting list.
        takesRequests: sql<boolean>`(${activity.openForNew} or ${activity.waitingList})`,
      })
      .from(activity)
      .innerJoin(organisation, eq(organisation.id, activity.organisationId))
      .where(eq(activity.slug, activitySlug));
    if (!a) return { ok: false, reason: 'notFound' };
    if (!a.open || !a.takesRequests) return { ok: false, reason: 'closed' };
    const bucket = bucketFor('signup:ip', clientAddress);
    if (await isLimited(bucket, SIGNUP_LIMIT.perAddress, SIGNUP_LIMIT.windowMs, now, tx)) return { ok: false, reason: 'limited' };
    await recordEvent(bucket, now, tx);
    const token = newToken();
    const [row] = await tx
      .insert(signupRequest)
      .values({
        activityId: a.id,
        participantFirstName: encrypt(input.participantFirstName),
        birthYear: input.birthYear,
        guardianName: encrypt(input.guardianName),
        guardianEmail: encryptOptional(input.guardianEmail),
        guardianPhone: encryptOptional(input.guardianPhone),
        language: input.language,
        message: encryptOptional(input.message),
        deleteAfter: deleteAfterFor(a.seasonEnd, now),
        accessTokenHash: hashToken(token),
        createdAt: now,
      })
      .returning({ id: signupRequest.id });
    const clubAddress = a.contactEmail ?? a.orgEmail;
    if (clubAddress) await enqueue({ to: clubAddress, template: 'signup-received', language: 'nb', params: { activity: a.title, path: '/konto' } }, tx);
    const family = input.guardianEmail ? { channel: 'email' as const, to: input.guardianEmail } : { channel: 'sms' as const, to: input.guardianPhone! };
    const title = (await activityTitleIn(a.id, a.title, input.language)).text;
    await enqueue({ ...family, template: 'signup-confirmation', language: input.language, params: { activity: title, path: `/pamelding/${token}` } }, tx);
    return { ok: true, token, signupId: row.id };
  });
}

export interface ClubSignup {
  id: number;
  activityTitle: string;
  participantFirstName: string;
  birthYear: number;
  guardianName: string;
  guardianEmail: string | null;
  guardianPhone: string | null;
  language: string;
  message: string | null;
  status: SignupStatus;
  replyMessage: string | null;
  createdAt: string;
}

/** The club's inbox: every request for the organisation's activities, newest first, decrypted. */
export async function listSignups(organisationId: number, options: { status?: SignupStatus; page?: number; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? 25;
  const where = and(eq(activity.organisationId, organisationId), options.status ? eq(signupRequest.status, options.status) : undefined);
  const [rows, [{ n }]] = await Promise.all([
    db()
      .select({ s: signupRequest, activityTitle: activity.title })
      .from(signupRequest)
      .innerJoin(activity, eq(activity.id, signupRequest.activityId))
      .where(where)
      .orderBy(desc(signupRequest.createdAt), desc(signupRequest.id))
      .limit(pageSize)
      .offset(((options.page ?? 1) - 1) * pageSize),
    db().select({ n: count() }).from(signupRequest).innerJoin(activity, eq(activity.id, signupRequest.activityId)).where(where),
  ]);
  return { signups: rows.map(({ s, activityTitle }) => toClubSignup(s, activityTitle)), total: n, pages: Math.max(1, Math.ceil(n / pageSize)) };
}

function toClubSignup(s: typeof signupRequest.$inferSelect, activityTitle: string): ClubSignup {
  return {
    id: s.id,
    activityTitle,
    participantFirstName: decrypt(s.participantFirstName),
    birthYear: s.birthYear,
    guardianName: decrypt(s.guardianName),
    guardianEmail: decryptOptional(s.guardianEmail),
    guardianPhone: decryptOptional(s.guardianPhone),
    language: s.language,
    message: decryptOptional(s.message),
    status: s.status,
    replyMessage: s.replyMessage ? decrypt(s.replyMessage) : null,
    createdAt: s.createdAt.toISOString(),
  };
}

export const decisionInput = z.object({
  signupId: z.coerce.number().int().positive(),
  status: z.enum(['accepted', 'waitlisted', 'declined'], { message: 'status' }),
  replyMessage: z.string().trim().max(1000, 'tooLong').optional(),
});

type DecideResult = { ok: true } | { ok: false; reason: 'notFound' | 'withdrawn' };

/**
 * Accept, waitlist or decline; the family is told in their language, with a link to read the club's
 * message. A withdrawn sign-up is final: answering it would undo the family's (or the guardian's)
 * withdrawal and message them, so it is refused, also when the withdrawal comes at the same moment.
 */
export async function decideSignup(organisationId: number, input: z.infer<typeof decisionInput>, now = new Date()): Promise<DecideResult> {
  return inTransaction(undefined, async (tx): Promise<DecideResult> => {
    const [row] = await tx
      .select({ s: signupRequest, title: activity.title })
      .from(signupRequest)
      .innerJoin(activity, eq(activity.id, signupRequest.activityId))
      .where(and(eq(signupRequest.id, input.signupId), eq(activity.organisationId, organisationId)))
      .for('update', { of: signupRequest });
    if (!row) return { ok: false, reason: 'notFound' };
    if (row.s.status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
    await tx
      .update(signupRequest)
      .set({ status: input.status, replyMessage: encryptOptional(input.replyMessage), decidedAt: now })
      .where(eq(signupRequest.id, row.s.id));
    // A new link for this message (only hashes are kept, so the receipt's token cannot be sent again);
    // the receipt's link and every earlier answer's link keep working.
    const token = newToken();
    await tx.insert(signupLink).values({ signupId: row.s.id, tokenHash: hashToken(token), createdAt: now });
    const family = row.s.guardianEmail ? { channel: 'email' as const, to: decrypt(row.s.guardianEmail) } : { channel: 'sms' as const, to: decrypt(row.s.guardianPhone!) };
    const title = (await activityTitleIn(row.s.activityId, row.title, row.s.language)).text;
    await enqueue({ ...family, template: 'signup-decision', language: row.s.language, params: { activity: title, status: input.status, path: `/pamelding/${token}` } }, tx);
    return { ok: true };
  });
}

/** The sign-up a family's link belongs to: the receipt's link or any later one. Null once it is deleted. */
async function signupIdByToken(token: string, executor: Executor = db()) {
  const hash = hashToken(token);
  const [first] = await executor.select({ id: signupRequest.id }).from(signupRequest).where(eq(signupRequest.accessTokenHash, hash));
  if (first) return first.id;
  const [later] = await executor.select({ id: signupLink.signupId }).from(signupLink).where(eq(signupLink.tokenHash, hash));
  return later?.id ?? null;
}

/**
 * What the family sees through its link: the activity (its title in the sign-up's language where
 * translated), the status and the club's answer. No names.
 */
export async function signupByToken(token: string) {
  const id = await signupIdByToken(token);
  if (id === null) return null;
  const [row] = await db()
    .select({ s: signupRequest, title: activity.title, slug: activity.slug })
    .from(signupRequest)
    .innerJoin(activity, eq(activity.id, signupRequest.activityId))
    .where(eq(signupRequest.id, id));
  if (!row) return null;
  return {
    id: row.s.id,
    language: row.s.language,
    activityTitle: await activityTitleIn(row.s.activityId, row.title, row.s.language),
    activitySlug: row.slug,
    status: row.s.status,
    replyMessage: row.s.replyMessage ? decrypt(row.s.replyMessage) : null,
    createdAt: row.s.createdAt.toISOString(),
  };
}

/**
 * Withdraws sign-ups by id: the one change a withdrawal makes, whoever asks (a family with its link, or
 * the end of a guide's case), so the club sees the same thing. Returns how many changed.
 */
export async function withdrawSignups(ids: number[], now = new Date(), executor: Executor = db()) {
  if (!ids.length) return 0;
  const done = await executor
    .update(signupRequest)
    .set({ status: 'withdrawn', decidedAt: now })
    .where(and(inArray(signupRequest.id, ids), ne(signupRequest.status, 'withdrawn')))
    .returning({ id: signupRequest.id });
  return done.length;
}

export async function withdrawByToken(token: string, now = new Date()) {
  const id = await signupIdByToken(token);
  if (id === null) return false;
  await withdrawSignups([id], now);
  return true;
}

const csvColumns = ['received', 'activity', 'participant_first_name', 'birth_year', 'guardian_name', 'guardian_email', 'guardian_phone', 'language', 'status', 'message'] as const;

function csvCell(value: string | number | null) {
  const s = value === null ? '' : String(value);
  // Quote everything; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The inbox as CSV: the same columns for every request, whoever pays. */
export async function signupsCsv(organisationId: number) {
  const { signups } = await listSignups(organisationId, { pageSize: 100_000 });
  const lines = [csvColumns.join(',')];
  for (const s of signups) {
    lines.push(
      [s.createdAt.slice(0, 10), s.activityTitle, s.participantFirstName, s.birthYear, s.guardianName, s.guardianEmail, s.guardianPhone, s.language, s.status, s.message]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** A withdrawn sign-up stays in the club's inbox this long (so the club sees it was withdrawn), then goes. */
export const WITHDRAWN_KEPT_DAYS = 1;

/** Deletes requests whose season has ended, and withdrawn ones after a day. Runs by itself (jobs.server.ts). */
export async function purgeExpiredSignups(now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const withdrawnBefore = new Date(now.getTime() - WITHDRAWN_KEPT_DAYS * 24 * 3600 * 1000);
  const deleted = await db()
    .delete(signupRequest)
    .where(or(lt(signupRequest.deleteAfter, today), and(eq(signupRequest.status, 'withdrawn'), lt(signupRequest.decidedAt, withdrawnBefore))))
    .returning({ id: signupRequest.id });
  return deleted.length;
}
export { signupStatuses };

const inboxQuery = z.object({ status: z.enum(signupStatuses).optional().catch(undefined), side: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

/** The inbox's filter and page from its address. */
export function inboxFromUrl(url: string) {
  return inboxQuery.parse(Object.fromEntries(new URL(url).searchParams));
}

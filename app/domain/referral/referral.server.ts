import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { languages } from '../../i18n';
import { decryptOptional, encrypt, encryptOptional, hashToken, newToken } from '../../utils/crypto.server';
import { osloDate, osloDayPlus } from '../../utils/dates';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { categories } from '../catalogue/taxonomy';
import { enqueue } from '../notifications/outbox.server';
import { planFollowUps } from './follow-ups.server';
import { guardianChannel } from '../notifications/transport.server';
import { claimDue } from '../../utils/claim.server';
import { inTransaction, type Executor, type Tx } from '../../utils/transaction.server';
import { clubIdsOf, clubRecipient, consentDurations, consentExpiry, consentInForce, guideRecipient, inForce, plusDays, RECORDED_TEXT_VERSION, SELF_REQUEST_TEXT_VERSION, CONSENT_TEXT_VERSION, scopeOf } from './consent.server';
import { endCase, type EndSummary } from './consent-end.server';
import { purgeReferrals } from './retention.server';
import { tellCoordinators, tellGuide } from './notify.server';
import { guideCandidates } from './guides.server';
import { guideExcluded, type ReferralForMatching } from './matching';

// Referrals (issue 5, domain layer). The invariants of DESIGN.md live here:
// - nothing is shared before consent: a guide reads a referral only while assigned AND while a
//   consent that covers "guide" is in force; the referrer and the kommune's coordinators read it;
// - every read is audited (who, what, when) in the append-only audit log;
// - personal data is encrypted at rest and deleted on schedule (purgeReferrals).

// The text versions live with the consent rules; pages that show a text import them from here too.
export { CONSENT_TEXT_VERSION, RECORDED_TEXT_VERSION, SELF_REQUEST_TEXT_VERSION } from './consent.server';

/**
 * The birth year of a child in a school grade now (1–13, VG3 = 13). Norwegian children start first
 * grade in August of the year they turn six, so in the school year that starts in August of year Y,
 * grade g was born in Y − 5 − g.
 */
export function birthYearFromGrade(grade: number, now = new Date()) {
  const schoolYearStart = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return schoolYearStart - 5 - grade;
}

// A referrer who knows the school grade but not the birth year gives the grade instead.
const gradeToBirthYear = (v: unknown) => {
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const grade = Number(o.schoolGrade);
  if ((o.birthYear === undefined || o.birthYear === '') && Number.isInteger(grade) && grade >= 1 && grade <= 13) return { ...o, birthYear: birthYearFromGrade(grade) };
  return v;
};

const referralFields = z
  .object({
    childFirstName: z.string().trim().min(1, 'required').max(60, 'tooLong'),
    birthYear: z.coerce.number({ message: 'birthYear' }).int('birthYear').min(new Date().getUTCFullYear() - 19, 'birthYear').max(new Date().getUTCFullYear() - 4, 'birthYear'),
    areaId: z.coerce.number().int().positive().optional(),
    homeLanguages: z.array(z.string().regex(/^[a-z]{2,3}$/)).default([]),
    interests: z.array(z.enum(categories)).default([]),
    weekdays: z.array(z.coerce.number().int().min(1).max(7)).max(7).default([]),
    needs: z.array(z.enum(s.referralNeeds)).default([]),
    helpLevel: z.enum(s.helpLevels).default('some'),
    guardianName: z.string().trim().min(1, 'required').max(100, 'tooLong'),
    guardianPhone: z.union([z.literal(''), z.string().trim().regex(/^\+?[\d\s]{8,15}$/, 'phone')]).default(''),
    guardianEmail: z.union([z.literal(''), z.email('email')]).default(''),
    guardianLanguage: z.enum(languages).default('nb'),
    wishes: z.object({ gender: z.enum(['female', 'male']).optional() }).default({}),
    consentMethod: z.enum(['digital', 'paper', 'oral']),
    /** On paper or orally: the day the guardian said yes, and the named clubs it also covers. */
    consentDate: z.union([z.literal(''), z.iso.date('date')]).default(''),
    consentClubs: z.array(z.coerce.number().int().positive()).max(20).default([]),
  })
  .refine((v) => Boolean(v.guardianPhone || v.guardianEmail), { message: 'contact', path: ['guardianEmail'] })
  .refine((v) => v.consentMethod === 'digital' || recordedConsentDateOk(v.consentDate), { message: 'referral:errors.consentDate', path: ['consentDate'] });

export const referralInput = z.preprocess(gradeToBirthYear, referralFields);

/** A consent recorded after the fact: not in the future, and at most 90 days old (older paper is asked again). Oslo days. */
function recordedConsentDateOk(date: string, now = new Date()) {
  if (!date) return false;
  return date <= osloDate(now) && date >= osloDayPlus(now, -90);
}

export type ReferralInput = z.output<typeof referralFields>;
type Actor = { userId: string; kommuneId: number };

/** A professional refers a child. With digital consent, the guardian gets a link (SMS or e-mail) in their language. */
export async function createReferral(actor: Actor, input: ReferralInput, now = new Date(), executor?: Executor) {
  const token = newToken();
  const id = await inTransaction(executor, async (tx) => {
    const [row] = await tx
      .insert(s.referral)
      .values({
        kommuneId: actor.kommuneId,
        referrerUserId: actor.userId,
        childFirstName: encrypt(input.childFirstName),
        birthYear: input.birthYear,
        areaId: input.areaId ?? null,
        homeLanguages: input.homeLanguages,
        interests: input.interests,
        weekdays: input.weekdays,
        needs: encrypt(JSON.stringify(input.needs)),
        helpLevel: input.helpLevel,
        guardianName: encrypt(input.guardianName),
        guardianPhone: encryptOptional(input.guardianPhone),
        guardianEmail: encryptOptional(input.guardianEmail),
        guardianLanguage: input.guardianLanguage,
        wishes: input.wishes,
        status: 'awaiting_consent',
        guardianTokenHash: hashToken(token),
        guardianTokenExpiresAt: plusDays(now, consentDurations.linkDays),
        createdAt: now,
      })
      .returning({ id: s.referral.id });
    if (input.consentMethod === 'digital') {
      const to = guardianChannel(input.guardianPhone, input.guardianEmail)!;
      await enqueue({ ...to, template: 'consent-request', language: input.guardianLanguage, params: { path: `/samtykke/${token}` } }, tx);
    }
    await audit({ actorUserId: actor.userId, action: 'referral.created', entity: 'referral', entityId: String(row.id) }, tx);
    return row.id;
  });
  return { id, guardianToken: token };
}

/** The clubs a referrer may name in a consent on paper: the kommune's approved organisations. */
export async function consentClubOptions(kommuneId: number) {
  return db()
    .select({ id: s.organisation.id, name: s.organisation.name })
    .from(s.organisation)
    .where(and(eq(s.organisation.kommuneId, kommuneId), eq(s.organisation.status, 'approved')))
    .orderBy(s.organisation.name);
}

type ReferResult = { ok: true; id: number } | { ok: false; field: string; error: string };

/**
 * The referral form's whole step: creates the referral and, when the guardian consented on paper or
 * orally, records that consent with its date and scope (a guide, and any clubs named) at once.
 */
export async function referChild(actor: Actor, input: ReferralInput, now = new Date()): Promise<ReferResult> {
  if (input.areaId) {
    const [a] = await db().select({ kommuneId: s.area.kommuneId }).from(s.area).where(eq(s.area.id, input.areaId));
    if (a?.kommuneId !== actor.kommuneId) return { ok: false, field: 'areaId', error: 'invalid' };
  }
  const clubs = [...new Set(input.consentMethod === 'digital' ? [] : input.consentClubs)];
  if (clubs.length) {
    const allowed = new Set((await consentClubOptions(actor.kommuneId)).map((c) => c.id));
    if (!clubs.every((c) => allowed.has(c))) return { ok: false, field: 'consentClubs', error: 'invalid' };
  }
  // The referral and a consent recorded with it are one step: both or neither.
  const id = await inTransaction(undefined, async (tx) => {
    const { id, guardianToken } = await createReferral(actor, input, now, tx);
    if (input.consentMethod !== 'digital') {
      // Noon on the day given, or now if that is later today: never an answer time in the future.
      const answeredAt = new Date(Math.min(now.getTime(), new Date(`${input.consentDate}T12:00:00Z`).getTime()));
      const scope = scopeOf([guideRecipient, ...clubs.map(clubRecipient)]);
      await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: input.consentMethod, scope, language: input.guardianLanguage, recordedByUserId: actor.userId, answeredAt, textVersion: RECORDED_TEXT_VERSION }, now, tx);
      // Consent given on paper or orally: the guardian still gets their own link (what is held, who has seen it, withdrawing).
      await sendOwnLink(id, input.guardianPhone, input.guardianEmail, input.guardianLanguage, guardianToken, 'consent-recorded', tx);
    }
    return id;
  });
  return { ok: true, id };
}

type Reader = { userId: string; role: 'referrer' | 'coordinator' | 'guide' | 'kommune_admin'; kommuneId: number };

export { consentInForce };

/** Whether this reader may see the referral's personal data now. Checks only; logs nothing. */
export async function mayRead(reader: Reader, referralId: number, now = new Date()) {
  const [r] = await db().select({ kommuneId: s.referral.kommuneId, referrerUserId: s.referral.referrerUserId, purgedAt: s.referral.purgedAt }).from(s.referral).where(eq(s.referral.id, referralId));
  if (!r || r.kommuneId !== reader.kommuneId || r.purgedAt) return false;
  if (reader.role === 'coordinator') return true;
  if (reader.role === 'referrer') return r.referrerUserId === reader.userId;
  if (reader.role !== 'guide') return false;
  // A guide: assigned now, and a consent in force that names a guide (the one rule, inForce).
  const [assigned] = await db()
    .select({ id: s.assignment.id })
    .from(s.assignment)
    .where(and(eq(s.assignment.referralId, referralId), eq(s.assignment.guideUserId, reader.userId), isNull(s.assignment.endedAt), inForce(s.assignment.referralId, now, guideRecipient)))
    .limit(1);
  return Boolean(assigned);
}

/** What a read was of, for the audit log and the guardian's list of who has seen what. */
export type ReadWhat = 'case-page' | 'queue-item' | 'download';

/**
 * Reads a referral for someone allowed to, and logs one read saying what was read: call it once per
 * page view (a loader), never from an action, which checks with mayRead. Null (and a logged refusal)
 * otherwise.
 */
export async function readReferral(reader: Reader, referralId: number, what: ReadWhat, now = new Date()) {
  if (!(await mayRead(reader, referralId, now))) {
    await audit({ actorUserId: reader.userId, action: 'referral.read_denied', entity: 'referral', entityId: String(referralId), detail: { what } });
    return null;
  }
  const [r] = await db().select().from(s.referral).where(eq(s.referral.id, referralId));
  await audit({ actorUserId: reader.userId, action: 'referral.read', entity: 'referral', entityId: String(referralId), detail: { role: reader.role, what } });
  return {
    id: r.id,
    status: r.status,
    childFirstName: decryptOptional(r.childFirstName),
    birthYear: r.birthYear,
    areaId: r.areaId,
    homeLanguages: r.homeLanguages,
    interests: r.interests,
    weekdays: r.weekdays,
    needs: JSON.parse(decryptOptional(r.needs) ?? '[]') as string[],
    helpLevel: r.helpLevel,
    guardianName: decryptOptional(r.guardianName),
    guardianPhone: decryptOptional(r.guardianPhone),
    guardianEmail: decryptOptional(r.guardianEmail),
    guardianLanguage: r.guardianLanguage,
    // The referrer sees status only, never the guide's notes.
    notes: reader.role === 'referrer' ? null : decryptOptional(r.notes),
  };
}

type ConsentAnswer = {
  givenBy: 'guardian' | 'young_person';
  method: (typeof s.consentMethods)[number];
  scope: string[];
  language: string;
  recordedByUserId?: string;
  /** When the guardian answered, if earlier than now (a consent on paper recorded later). */
  answeredAt?: Date;
  /** Which text the answer was given to; the guardian's page by default. */
  textVersion?: string;
};

/** Locks the referral's row: every change to its consent and every end of the case takes this lock first, so they never interleave. */
async function lockReferral(tx: Tx, referralId: number) {
  const [row] = await tx.select({ id: s.referral.id, status: s.referral.status }).from(s.referral).where(eq(s.referral.id, referralId)).for('update');
  return row ?? null;
}
export { lockReferral };

/** Records a guardian's answer. A yes moves the referral on; a no ends the case and deletes its personal data at once. */
export async function answerConsent(referralId: number, answer: ConsentAnswer & { answer: 'given' | 'declined' }, now = new Date(), executor?: Executor) {
  await inTransaction(executor, async (tx) => {
    if (!(await lockReferral(tx, referralId))) return;
    const answeredAt = answer.answeredAt ?? now;
    await tx.insert(s.consent).values({
      referralId,
      givenBy: answer.givenBy,
      method: answer.method,
      scope: answer.scope,
      textVersion: answer.textVersion ?? CONSENT_TEXT_VERSION,
      language: answer.language,
      answer: answer.answer,
      answeredAt,
      expiresAt: consentExpiry(answeredAt),
      recordedByUserId: answer.recordedByUserId ?? null,
    });
    await audit({ actorUserId: answer.recordedByUserId ?? null, action: `consent.${answer.answer}`, entity: 'referral', entityId: String(referralId), detail: { method: answer.method, clubs: clubIdsOf(answer.scope).length } }, tx);
    if (answer.answer === 'given') {
      const moved = await tx
        .update(s.referral)
        .set({ status: 'awaiting_guide' })
        .where(and(eq(s.referral.id, referralId), eq(s.referral.status, 'awaiting_consent')))
        .returning({ kommuneId: s.referral.kommuneId });
      if (moved.length) await tellCoordinators(moved[0].kommuneId, 'referral-waiting', tx);
    } else {
      await endCase(tx, referralId, 'declined', 'declined', answer.recordedByUserId ?? null, now);
    }
  });
  // A no deletes at once; inside a caller's transaction the hourly purge does it instead (PGlite has one connection).
  if (answer.answer === 'declined' && !executor) await purgeReferrals(now);
}

/**
 * Withdrawal takes effect at once: the whole cascade of endCase (sign-ups withdrawn, unpaid support
 * cancelled, the guide's access ended, guide and coordinators told); the personal data goes within a
 * day. Returns what was done, for the guardian's page, or null when there was nothing to withdraw.
 */
export async function withdrawConsent(referralId: number, byUserId: string | null, now = new Date()): Promise<EndSummary | null> {
  return inTransaction(undefined, async (tx) => {
    const r = await lockReferral(tx, referralId);
    if (!r || r.status === 'closed') return null;
    const given = await tx
      .select({ id: s.consent.id })
      .from(s.consent)
      .where(and(eq(s.consent.referralId, referralId), eq(s.consent.answer, 'given'), isNull(s.consent.withdrawnAt)));
    if (!given.length) return null;
    await audit({ actorUserId: byUserId, action: 'consent.withdrawn', entity: 'referral', entityId: String(referralId) }, tx);
    return endCase(tx, referralId, 'withdrawn', 'declined', byUserId, now);
  });
}

/** What matching needs of a referral (no personal data). */
export const matchingView = (r: s.Referral): ReferralForMatching => ({ kommuneId: r.kommuneId, areaId: r.areaId, guardianLanguage: r.guardianLanguage, homeLanguages: r.homeLanguages, interests: r.interests, wishes: r.wishes });

type AssignResult = { ok: true } | { ok: false; reason: 'notFound' | 'closed' | string };

/**
 * The coordinator assigns a guide; any earlier guide's access ends in the same step. A guide matching
 * would leave out (inactive, full, another kommune, no confidentiality or politiattest, an unfinished
 * profile) is refused with the reason, whatever the form sent; the check and the assignment hold the
 * referral's lock, and the partial unique index keeps one active assignment per child.
 */
export async function assignGuide(referralId: number, guideUserId: string, ranking: { score: number; reasons: unknown[] }, byUserId: string, now = new Date()): Promise<AssignResult> {
  return inTransaction(undefined, async (tx): Promise<AssignResult> => {
    if (!(await lockReferral(tx, referralId))) return { ok: false, reason: 'notFound' };
    const [r] = await tx.select().from(s.referral).where(eq(s.referral.id, referralId));
    if (r.status === 'closed') return { ok: false, reason: 'closed' };
    const [g] = await guideCandidates({ userId: guideUserId }, tx);
    // Reassigning the same guide does not count the child against them twice.
    const excluded = g ? guideExcluded({ ...g.candidate, load: g.candidate.load - (await isAssigned(tx, referralId, guideUserId) ? 1 : 0) }, matchingView(r)) : 'notAGuide';
    if (excluded) return { ok: false, reason: excluded };
    await tx.update(s.assignment).set({ endedAt: now }).where(and(eq(s.assignment.referralId, referralId), isNull(s.assignment.endedAt)));
    await tx.insert(s.assignment).values({ referralId, guideUserId, score: ranking.score, reasons: ranking.reasons.map((x) => JSON.stringify(x)), assignedAt: now });
    await tx.update(s.referral).set({ status: 'guide_assigned' }).where(and(eq(s.referral.id, referralId), eq(s.referral.status, 'awaiting_guide')));
    await planFollowUps(referralId, 'assignment', now, tx);
    await tellGuide(guideUserId, 'case-assigned', tx);
    await audit({ actorUserId: byUserId, action: 'referral.assigned', entity: 'referral', entityId: String(referralId), detail: { guide: guideUserId } }, tx);
    return { ok: true };
  });
}

async function isAssigned(tx: Tx, referralId: number, guideUserId: string) {
  const [a] = await tx.select({ id: s.assignment.id }).from(s.assignment).where(and(eq(s.assignment.referralId, referralId), eq(s.assignment.guideUserId, guideUserId), isNull(s.assignment.endedAt)));
  return Boolean(a);
}

/** Closes a referral with an outcome (endCase); its personal data is deleted after the kommune's retention period. */
export async function closeReferral(referralId: number, outcome: (typeof s.referralOutcomes)[number], byUserId: string, now = new Date()) {
  return inTransaction(undefined, async (tx) => {
    const r = await lockReferral(tx, referralId);
    if (!r || r.status === 'closed') return false;
    await endCase(tx, referralId, 'closed', outcome, byUserId, now);
    return true;
  });
}

export { noQuestion } from './consent-end.server';
export { purgeReferrals, quarterOf } from './retention.server';

/**
 * The guardian's link: the referral it belongs to, while the link is valid. The first link is on the
 * referral; later ones (a reminder, a question about a club) are in guardian_link, and all stay valid.
 * While the referral waits for consent, a link expires after 14 days.
 */
export async function referralByGuardianToken(token: string, now = new Date()) {
  const hash = hashToken(token);
  const [first] = await db().select().from(s.referral).where(eq(s.referral.guardianTokenHash, hash));
  if (first) return first.guardianTokenExpiresAt && first.guardianTokenExpiresAt < now && first.status === 'awaiting_consent' ? null : first;
  const [later] = await db().select({ r: s.referral, expiresAt: s.guardianLink.expiresAt }).from(s.guardianLink).innerJoin(s.referral, eq(s.referral.id, s.guardianLink.referralId)).where(eq(s.guardianLink.tokenHash, hash));
  if (!later || (later.expiresAt && later.expiresAt < now && later.r.status === 'awaiting_consent')) return null;
  return later.r;
}

/** A further link to the guardian's page; the earlier ones keep working. Inside the caller's transaction. */
export async function addGuardianLink(referralId: number, now: Date, executor: Executor = db()) {
  const token = newToken();
  await executor.insert(s.guardianLink).values({ referralId, tokenHash: hashToken(token), expiresAt: plusDays(now, consentDurations.linkDays), createdAt: now });
  return token;
}

/** What the guardian sees through the link: who asks, what is held, the answer so far. The read is logged. */
export async function guardianView(token: string, what: 'guardian-page' | 'download' | 'receipt' = 'guardian-page', now = new Date()) {
  const r = await referralByGuardianToken(token, now);
  if (!r) return null;
  const [k] = await db().select({ name: s.kommune.name, retentionDays: s.kommune.retentionDays }).from(s.kommune).where(eq(s.kommune.id, r.kommuneId));
  const [referrer] = r.referrerUserId ? await db().select({ name: s.user.name }).from(s.user).where(eq(s.user.id, r.referrerUserId)) : [];
  const consent = await consentInForce(r.id, now);
  const [area] = r.areaId ? await db().select({ name: s.area.name }).from(s.area).where(eq(s.area.id, r.areaId)) : [];
  const [guide] = await db()
    .select({ name: s.user.name })
    .from(s.assignment)
    .innerJoin(s.user, eq(s.user.id, s.assignment.guideUserId))
    .where(and(eq(s.assignment.referralId, r.id), isNull(s.assignment.endedAt)));
  await audit({ actorUserId: null, action: 'referral.read_by_guardian', entity: 'referral', entityId: String(r.id), detail: { what } });
  return {
    referralId: r.id,
    kommune: k.name,
    retentionDays: k.retentionDays,
    referrerName: referrer?.name ?? null,
    status: r.status,
    consent: consent ? { scope: consent.scope, answeredAt: consent.answeredAt.toISOString(), method: consent.method } : null,
    held: {
      childFirstName: decryptOptional(r.childFirstName),
      birthYear: r.birthYear,
      homeLanguages: r.homeLanguages,
      interests: r.interests,
      weekdays: r.weekdays,
      area: area?.name ?? null,
      needs: JSON.parse(decryptOptional(r.needs) ?? '[]') as string[],
      helpLevel: r.helpLevel,
      wishes: r.wishes,
      guide: guide?.name ?? null,
      outcome: r.outcome,
      guardianName: decryptOptional(r.guardianName),
      guardianPhone: decryptOptional(r.guardianPhone),
      guardianEmail: decryptOptional(r.guardianEmail),
      guardianLanguage: r.guardianLanguage,
    },
  };
}

/**
 * Closes what has lapsed, so nothing is kept without an end: a referral nobody answered within 30 days
 * (deleted at once: there never was a yes), and an open case whose consent has run out after its year
 * (endCase, as a withdrawal: what the consent allowed to be shared is taken back). Runs as a job on
 * every server: cases are claimed with claimDue (SKIP LOCKED) and ended in the claiming transaction.
 */
export async function closeLapsedReferrals(now = new Date()) {
  const unansweredBefore = plusDays(now, -consentDurations.unansweredDays);
  const open = inArray(s.referral.status, ['awaiting_guide', 'guide_assigned', 'started']);
  const due = or(and(eq(s.referral.status, 'awaiting_consent'), lte(s.referral.createdAt, unansweredBefore)), and(open, sql`not ${inForce(s.referral.id, now)}`));
  let unanswered = 0;
  let expired = 0;
  await claimDue({
    batch: 20,
    select: (tx, batch) => tx.select({ id: s.referral.id, status: s.referral.status }).from(s.referral).where(due).orderBy(s.referral.id).limit(batch),
    work: async (tx, rows) => {
      for (const r of rows) {
        if (r.status === 'awaiting_consent') {
          await endCase(tx, r.id, 'unanswered', 'not_started', null, now);
          unanswered++;
        } else {
          await endCase(tx, r.id, 'lapsed', r.status === 'started' ? 'active' : 'not_started', null, now);
          expired++;
        }
      }
    },
  });
  if (unanswered) await purgeReferrals(now);
  return { unanswered, expired };
}

/** Consent reminders: one reminder three days after the link was sent, if there is no answer. */
export async function remindConsent(now = new Date()) {
  return claimDue({
    select: (tx, batch) =>
      tx
        .select()
        .from(s.referral)
        .where(and(eq(s.referral.status, 'awaiting_consent'), isNull(s.referral.consentRemindedAt), lte(s.referral.createdAt, plusDays(now, -consentDurations.reminderAfterDays))))
        .orderBy(s.referral.id)
        .limit(batch),
    work: async (tx, due) => {
      for (const r of due) {
        const to = guardianChannel(decryptOptional(r.guardianPhone), decryptOptional(r.guardianEmail));
        await tx.update(s.referral).set({ consentRemindedAt: now }).where(eq(s.referral.id, r.id));
        // A new link in the reminder; the first one still works if the guardian opens that message instead.
        if (to) await enqueue({ ...to, template: 'consent-request', language: r.guardianLanguage, params: { path: `/samtykke/${await addGuardianLink(r.id, now, tx)}` } }, tx);
      }
    },
  });
}

/** A guardian, or a young person of 15 or older, asks for a guide; consent is given in the same step. */
export const selfRequestInput = z
  .object({
    kommune: z.string().regex(/^[a-z0-9-]+$/, 'required'),
    who: z.enum(['guardian', 'young_person'], { message: 'required' }),
    childFirstName: z.string().trim().min(1, 'required').max(60, 'tooLong'),
    birthYear: z.coerce.number({ message: 'birthYear' }).int('birthYear').min(new Date().getUTCFullYear() - 19, 'birthYear').max(new Date().getUTCFullYear() - 4, 'birthYear'),
    contactName: z.string().trim().min(1, 'required').max(100, 'tooLong'),
    phone: z.union([z.literal(''), z.string().trim().regex(/^\+?[\d\s]{8,15}$/, 'phone')]).default(''),
    email: z.union([z.literal(''), z.email('email')]).default(''),
    language: z.enum(languages),
    consent: z.literal('on', { message: 'consentRequired' }),
    /** A young person asking for themselves confirms they have turned 15 (the year alone cannot tell). */
    age15: z.literal('on').optional(),
    website: z.string().max(0, 'spam').optional(),
  })
  .refine((v) => Boolean(v.phone || v.email), { message: 'contact', path: ['phone'] })
  .refine((v) => v.who === 'guardian' || new Date().getUTCFullYear() - v.birthYear >= 15, { message: 'tooYoung', path: ['who'] })
  .refine((v) => v.who === 'guardian' || v.age15 === 'on', { message: 'referral:errors.age15', path: ['age15'] });

export async function createSelfRequest(input: z.infer<typeof selfRequestInput>, now = new Date()) {
  const [k] = await db().select().from(s.kommune).where(eq(s.kommune.slug, input.kommune));
  if (!k) return null;
  const token = newToken();
  const givenBy = input.who;
  const id = await inTransaction(undefined, async (tx) => {
    const [row] = await tx
      .insert(s.referral)
      .values({
        kommuneId: k.id,
        referrerUserId: null,
        childFirstName: encrypt(input.childFirstName),
        birthYear: input.birthYear,
        needs: encrypt('[]'),
        guardianName: encrypt(input.contactName),
        guardianPhone: encryptOptional(input.phone),
        guardianEmail: encryptOptional(input.email),
        guardianLanguage: input.language,
        // Their own request, so their own yes: nothing waits for consent.
        status: 'awaiting_guide',
        guardianTokenHash: hashToken(token),
        guardianTokenExpiresAt: consentExpiry(now),
        createdAt: now,
      })
      .returning({ id: s.referral.id });
    await tx.insert(s.consent).values({
      referralId: row.id, givenBy, method: 'own_request', scope: ['guide'], textVersion: SELF_REQUEST_TEXT_VERSION, language: input.language,
      answer: 'given', answeredAt: now, expiresAt: consentExpiry(now),
    });
    // The link to their page (what is held, who has seen it, withdrawing) also goes to them, not only to this browser tab.
    await sendOwnLink(row.id, input.phone, input.email, input.language, token, 'self-request-received', tx);
    await tellCoordinators(k.id, 'referral-waiting', tx);
    await audit({ actorUserId: null, action: 'referral.self_request', entity: 'referral', entityId: String(row.id), detail: { method: 'own_request', givenBy } }, tx);
    return row.id;
  });
  return { id, token };
}

/** The guardian's (or young person's) own link to their page, by SMS if there is a phone, else e-mail. */
async function sendOwnLink(referralId: number, phone: string, email: string, language: string, token: string, template: 'self-request-received' | 'consent-recorded', executor: Executor) {
  const to = guardianChannel(phone, email);
  if (to) await enqueue({ ...to, template, language, params: { path: `/samtykke/${token}` } }, executor);
  return Boolean(to);
}

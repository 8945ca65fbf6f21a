import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { decrypt, decryptOptional, hashToken } from '../../utils/crypto.server';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { attempt } from '../auth/rate-limit.server';
import { isPublic } from '../catalogue/public.server';
import { enqueue } from '../notifications/outbox.server';
import { createSignup, signupInput, withdrawSignups } from '../signup/signup.server';
import { freePlacesUsed, grantsFor } from '../support/grants.server';
import { loansFor } from './equipment.server';
import { followUpPlan, nextFollowUps, planFollowUps } from './follow-ups.server';
import { rankGuides, recommendActivities } from './matching';
import { guideCandidates } from './guides.server';
import { matchingView } from './referral.server';
import { addGuardianLink, lockReferral } from './referral.server';
import { clubIdsOf, clubRecipient, CONSENT_TEXT_VERSION, consentInForce, covers, guideRecipient, inForce, RECORDED_TEXT_VERSION, recipientKey } from './consent.server';
import { noQuestion } from './consent-end.server';
import { assignedGuide, tellGuide } from './notify.server';
import { guardianChannel } from '../notifications/transport.server';
import { inTransaction, type Executor, type Tx } from '../../utils/transaction.server';

// The pages' side of referrals: queues, the guide's caseload, placing a child through the ordinary
// sign-up channel, free places and follow-ups. Everything a club could see goes through createSignup.

const day = 24 * 3600 * 1000;

/** What the referrer sees: status only. */
export async function referralsByReferrer(userId: string) {
  return db()
    .select({ id: s.referral.id, status: s.referral.status, createdAt: s.referral.createdAt })
    .from(s.referral)
    .where(eq(s.referral.referrerUserId, userId))
    .orderBy(desc(s.referral.createdAt));
}

export const QUEUE_PAGE_SIZE = 50;

/**
 * The coordinator's queue: open referrals, oldest first, with how long each has waited and its next
 * follow-up (overdue ones stand out), a page at a time.
 */
export async function coordinatorQueue(kommuneId: number, page = 1, now = new Date()) {
  const open = and(eq(s.referral.kommuneId, kommuneId), inArray(s.referral.status, ['awaiting_consent', 'awaiting_guide', 'guide_assigned', 'started']));
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({ id: s.referral.id, status: s.referral.status, createdAt: s.referral.createdAt, areaName: s.area.name, guardianLanguage: s.referral.guardianLanguage })
      .from(s.referral)
      .leftJoin(s.area, eq(s.area.id, s.referral.areaId))
      .where(open)
      .orderBy(asc(s.referral.createdAt), asc(s.referral.id))
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE),
    db().select({ total: sql<number>`count(*)::int` }).from(s.referral).where(open),
  ]);
  const next = await nextFollowUps(rows.map((r) => r.id), now);
  return {
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), waitingDays: Math.floor((now.getTime() - r.createdAt.getTime()) / day), nextFollowUp: next.get(r.id) ?? null })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
  };
}

/** Guides of the kommune with their current load, ranked for the referral with reasons. */
export async function rankedGuidesFor(referralId: number) {
  const [r] = await db().select().from(s.referral).where(eq(s.referral.id, referralId));
  if (!r) return [];
  const guides = await guideCandidates({ kommuneId: r.kommuneId });
  const ranked = rankGuides(matchingView(r), guides.map((g) => g.candidate));
  return ranked.map((x) => ({ ...x, name: guides.find((g) => g.candidate.userId === x.userId)!.name }));
}

/** The guide's caseload: assigned children whose consent covers a guide (the one rule, inForce). */
export async function guideCaseload(guideUserId: string, now = new Date()) {
  return db()
    .select({ id: s.referral.id, status: s.referral.status })
    .from(s.assignment)
    .innerJoin(s.referral, eq(s.referral.id, s.assignment.referralId))
    .where(and(eq(s.assignment.guideUserId, guideUserId), isNull(s.assignment.endedAt), inForce(s.referral.id, now, guideRecipient)))
    .orderBy(asc(s.referral.id));
}

/** Activities for the child, ranked with reasons (distance from the child's area, free places, languages …). */
export async function recommendationsFor(referralId: number, now = new Date()) {
  const [r] = await db().select().from(s.referral).where(eq(s.referral.id, referralId));
  if (!r) return [];
  const [a] = r.areaId ? await db().select().from(s.area).where(eq(s.area.id, r.areaId)) : [];
  const age = now.getUTCFullYear() - (r.birthYear ?? now.getUTCFullYear());
  const rows = await db()
    .select({
      id: s.activity.id, slug: s.activity.slug, title: s.activity.title, organisationName: s.organisation.name, kommuneId: s.activity.kommuneId, category: s.activity.category, ageMin: s.activity.ageMin, ageMax: s.activity.ageMax,
      openForNew: s.activity.openForNew, lat: s.venue.lat, lon: s.venue.lon, totalCostPerYearOre: s.activity.totalCostPerYearOre, freePlaces: s.activity.freePlaces,
      leaderLanguages: s.activity.leaderLanguages, adaptations: s.activity.adaptations, trialSession: s.activity.trialSession,
      weekdays: sql<number[]>`coalesce((select array_agg(weekday) from activity_session x where x.activity_id = ${s.activity.id} and x.weekday is not null), '{}')`,
    })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .leftJoin(s.venue, eq(s.venue.id, s.activity.venueId))
    .where(and(isPublic(now), eq(s.activity.kommuneId, r.kommuneId)));
  // Free places already given out by guides this period are not free any more. The club's own number is
  // left as it set it: lowering it where the club can see would tell it that a newcomer is subsidised.
  const used = await freePlacesUsed(rows.filter((x) => x.freePlaces > 0).map((x) => x.id), now);
  for (const row of rows) row.freePlaces = Math.max(0, row.freePlaces - (used.get(row.id) ?? 0));
  const ranked = recommendActivities({ age, kommuneId: r.kommuneId, lat: a?.lat ?? null, lon: a?.lon ?? null, interests: r.interests, weekdays: r.weekdays, languages: [r.guardianLanguage, ...r.homeLanguages] }, rows);
  return ranked.slice(0, 10).map((x) => ({ ...x, activity: rows.find((row) => row.id === x.id)! }));
}

/**
 * The guide sends a sign-up for the child through the very channel any family uses (createSignup),
 * with the guardian's details from the referral. The link to the referral is kept on the kommune's
 * side (placement); nothing in the sign-up says a guide sent it. Needs a consent that names the club.
 */
export async function placeChild(referralId: number, guideUserId: string, activitySlug: string, now = new Date()) {
  return inTransaction(undefined, async (tx) => {
    // The referral's lock: a withdrawal at the same moment is wholly before this (no consent: nothing
    // sent) or after it (and then withdraws this sign-up too).
    await lockReferral(tx, referralId);
    const [r] = await tx.select().from(s.referral).where(eq(s.referral.id, referralId));
    const [act] = await tx.select().from(s.activity).where(eq(s.activity.slug, activitySlug));
    if (!r || !act) return { ok: false as const, reason: 'notFound' };
    const consent = await consentInForce(referralId, now, tx);
    if (!consent || !covers(consent.scope, guideRecipient)) return { ok: false as const, reason: 'noConsent' };
    if (!covers(consent.scope, clubRecipient(act.organisationId))) {
      // Sharing with a club needs its own yes; the guide records it with the guardian (same text version).
      return { ok: false as const, reason: 'noClubConsent', organisationId: act.organisationId };
    }
    const input = signupInput.parse({
      participantFirstName: decrypt(r.childFirstName!),
      birthYear: String(r.birthYear),
      guardianName: decrypt(r.guardianName!),
      guardianEmail: decryptOptional(r.guardianEmail) ?? '',
      guardianPhone: decryptOptional(r.guardianPhone) ?? '',
      language: r.guardianLanguage,
      message: '',
      website: '',
    });
    // The guide's own address would tell the club nothing, but it is rate-limited per placement instead of per IP.
    const result = await createSignup(activitySlug, input, `guide:${guideUserId}:${referralId}`, now, tx);
    if (!result.ok) return { ok: false as const, reason: result.reason };
    await tx.insert(s.placement).values({ referralId, signupRequestId: result.signupId, activityId: act.id, createdAt: now });
    await tx.update(s.referral).set({ status: 'started' }).where(eq(s.referral.id, referralId));
    await planFollowUps(referralId, 'placement', now, tx);
    await audit({ actorUserId: guideUserId, action: 'referral.placed', entity: 'referral', entityId: String(referralId) }, tx);
    return { ok: true as const, activityId: act.id };
  });
}

/**
 * Replaces the consent in force with one whose clubs are changed (a club added, or taken out when the
 * guardian says no), with the same text version and expiry. Inside one transaction the old consent is
 * closed only if it is still in force, so a withdrawal at the same moment always wins. Any open
 * question about a club the change settles is closed with it.
 */
async function changeConsentClubs(referralId: number, change: { add?: number; remove?: number }, byUserId: string | null, method: 'paper' | 'oral' | 'digital', now: Date, language?: string, executor?: Executor) {
  const club = change.add ?? change.remove!;
  return inTransaction(executor, async (tx) => {
    // The referral row is the lock every consent change takes (withdrawConsent too), so a withdrawal
    // at the same moment is either wholly before this (nothing in force: nothing to extend) or after it.
    await lockReferral(tx, referralId);
    const current = await consentInForce(referralId, now, tx);
    if (!current) return false;
    await tx.update(s.consent).set({ withdrawnAt: now }).where(eq(s.consent.id, current.id));
    const key = recipientKey(clubRecipient(club));
    const scope = change.add ? [...new Set([...current.scope, key])] : current.scope.filter((x) => x !== key);
    await tx.insert(s.consent).values({
      referralId, givenBy: current.givenBy, method, scope,
      // A yes recorded by staff was given to their paper form or their words, not to the page's text.
      textVersion: method === 'digital' ? CONSENT_TEXT_VERSION : RECORDED_TEXT_VERSION,
      language: language ?? current.language, answer: 'given', answeredAt: now, expiresAt: current.expiresAt, recordedByUserId: byUserId,
    });
    await tx
      .update(s.referral)
      .set(noQuestion)
      .where(and(eq(s.referral.id, referralId), eq(s.referral.pendingClubId, club)));
    await audit({ actorUserId: byUserId, action: change.add ? 'consent.extended' : 'consent.narrowed', entity: 'referral', entityId: String(referralId), detail: { method } }, tx);
    return true;
  });
}

/**
 * Extends the consent to a named club: recorded by the guide (the guardian said yes on paper or
 * orally), or given by the guardian through the link (`byUserId` null, method digital).
 */
export async function addClubToConsent(referralId: number, organisationId: number, byUserId: string | null, method: 'paper' | 'oral' | 'digital', now = new Date(), language?: string, executor?: Executor) {
  return changeConsentClubs(referralId, { add: organisationId }, byUserId, method, now, language, executor);
}

/** The guide records that the guardian said yes to the club of this activity (the club is taken from the activity, never from the form). */
export async function recordClubConsentFor(referralId: number, activitySlug: string, guideUserId: string, method: 'paper' | 'oral', now = new Date()) {
  const [row] = await db()
    .select({ organisationId: s.activity.organisationId })
    .from(s.activity)
    .innerJoin(s.referral, eq(s.referral.kommuneId, s.activity.kommuneId))
    .where(and(eq(s.activity.slug, activitySlug), eq(s.referral.id, referralId)));
  return row ? addClubToConsent(referralId, row.organisationId, guideUserId, method, now) : false;
}

type AskResult = { ok: true } | { ok: false; reason: 'notFound' | 'noConsent' | 'alreadyCovered' | 'noContact' | 'tooMany' };

/**
 * The guide asks the guardian, by SMS or e-mail in their language, whether a club may learn the
 * child's name. The message names neither child nor club; its link (a new one, the earlier ones keep
 * working) opens the guardian's page, which shows the question. Three questions a day at most.
 */
export async function askClubConsent(referralId: number, activitySlug: string, guideUserId: string, now = new Date()): Promise<AskResult> {
  const [r] = await db().select().from(s.referral).where(eq(s.referral.id, referralId));
  const [act] = await db()
    .select({ id: s.activity.id, organisationId: s.activity.organisationId, kommuneId: s.activity.kommuneId })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    // Only a published activity of an approved club: the guardian is shown its title and the club's name.
    .where(and(eq(s.activity.slug, activitySlug), isPublic(now), eq(s.organisation.status, 'approved')));
  if (!r || !act || act.kommuneId !== r.kommuneId || !['guide_assigned', 'started'].includes(r.status)) return { ok: false, reason: 'notFound' };
  const current = await consentInForce(referralId, now);
  if (!current || !covers(current.scope, guideRecipient)) return { ok: false, reason: 'noConsent' };
  if (covers(current.scope, clubRecipient(act.organisationId))) return { ok: false, reason: 'alreadyCovered' };
  const phone = decryptOptional(r.guardianPhone);
  const email = decryptOptional(r.guardianEmail);
  const to = guardianChannel(phone, email);
  if (!to) return { ok: false, reason: 'noContact' };
  return inTransaction(undefined, async (tx): Promise<AskResult> => {
    // Counted and checked in one statement: three questions a day, however many clicks arrive at once.
    if (!(await attempt(`club-ask:${referralId}`, 3, day, now, tx)).allowed) return { ok: false, reason: 'tooMany' };
    await tx.update(s.referral).set({ pendingClubId: act.organisationId, pendingClubActivityId: act.id, pendingClubAskedAt: now }).where(eq(s.referral.id, referralId));
    const token = await addGuardianLink(referralId, now, tx);
    await enqueue({ ...to, template: 'club-consent-request', language: r.guardianLanguage, params: { path: `/samtykke/${token}` } }, tx);
    await audit({ actorUserId: guideUserId, action: 'consent.club_asked', entity: 'referral', entityId: String(referralId) }, tx);
    return { ok: true };
  });
}

/**
 * The guardian's answer about a club (the one their page asked about, named in the form). Yes adds
 * it to the consent; no takes it out if it is there already (say the guide recorded a yes meanwhile),
 * so a no always means the club learns nothing more. Only while the guide works on the case. The
 * assigned guide is told by e-mail, without names.
 */
export async function answerClubConsent(referralId: number, organisationId: number, answer: 'given' | 'declined', language: string, now = new Date()): Promise<false | { withdrewSignup: boolean }> {
  return inTransaction(undefined, async (tx): Promise<false | { withdrewSignup: boolean }> => {
    await lockReferral(tx, referralId);
    const [r] = await tx.select().from(s.referral).where(eq(s.referral.id, referralId));
    if (!r || !['guide_assigned', 'started'].includes(r.status)) return false;
    const current = await consentInForce(referralId, now, tx);
    if (!current) return false;
    const covered = covers(current.scope, clubRecipient(organisationId));
    if (r.pendingClubId !== organisationId && !covered) return false;
    let withdrewSignup = false;
    if (answer === 'given') {
      // Already covered (the guide recorded a yes meanwhile): nothing changes, nobody is told again.
      if (covered) return { withdrewSignup };
      if (!(await addClubToConsent(referralId, organisationId, null, 'digital', now, language, tx))) return false;
    } else if (covered) {
      if (!(await changeConsentClubs(referralId, { remove: organisationId }, null, 'digital', now, language, tx))) return false;
      // The club already has the name if the guide sent a sign-up: it is withdrawn, exactly as a family
      // withdraws one, so the child is no longer expected and nothing more goes to the club.
      withdrewSignup = (await withdrawPlacedSignups(referralId, organisationId, now, tx)) > 0;
    } else {
      await tx
        .update(s.referral)
        .set(noQuestion)
        .where(and(eq(s.referral.id, referralId), eq(s.referral.pendingClubId, organisationId)));
      await audit({ actorUserId: null, action: 'consent.club_declined', entity: 'referral', entityId: String(referralId) }, tx);
    }
    await tx.update(s.referral).set({ clubAnswer: answer, clubAnswerClubId: organisationId, clubAnswerAt: now }).where(eq(s.referral.id, referralId));
    const guide = await assignedGuide(referralId, tx);
    if (guide) await tellGuide(guide, 'club-consent-answered', tx);
    return { withdrewSignup };
  });
}

/** Withdraws the sign-ups the guide sent for this child to the club's activities; returns how many. */
async function withdrawPlacedSignups(referralId: number, organisationId: number, now: Date, tx: Tx) {
  const placed = await tx
    .select({ signupId: s.placement.signupRequestId })
    .from(s.placement)
    .innerJoin(s.activity, eq(s.activity.id, s.placement.activityId))
    .where(and(eq(s.placement.referralId, referralId), eq(s.activity.organisationId, organisationId)));
  return withdrawSignups(placed.map((p) => p.signupId).filter((x): x is number => x !== null), now, tx);
}

/** The guardian's latest answer about a club through the link, for the guide's page. */
export async function lastClubAnswer(referralId: number) {
  const [row] = await db()
    .select({ answer: s.referral.clubAnswer, at: s.referral.clubAnswerAt, club: s.organisation.name })
    .from(s.referral)
    .innerJoin(s.organisation, eq(s.organisation.id, s.referral.clubAnswerClubId))
    .where(eq(s.referral.id, referralId));
  return row?.answer && row.at ? { answer: row.answer, at: row.at.toISOString(), club: row.club } : null;
}

/** What the guardian's page asks about, while a question about a club is open. */
export async function pendingClubQuestion(referralId: number) {
  const [row] = await db()
    .select({ organisationId: s.organisation.id, club: s.organisation.name, activity: s.activity.title, askedAt: s.referral.pendingClubAskedAt })
    .from(s.referral)
    .innerJoin(s.organisation, eq(s.organisation.id, s.referral.pendingClubId))
    .leftJoin(s.activity, eq(s.activity.id, s.referral.pendingClubActivityId))
    .where(eq(s.referral.id, referralId));
  return row ? { organisationId: row.organisationId, club: row.club, activity: row.activity, askedAt: row.askedAt?.toISOString() ?? null } : null;
}

/**
 * Everything else held about the child beyond the referral itself, for the guardian's page and
 * download (the right of access): consents given, clubs told, follow-ups with the guide's notes,
 * equipment arranged and support granted.
 */
export async function heldRecords(referralId: number) {
  // The guide's and the kommune's own lists, reused: the guardian sees the same rows they do.
  const [consents, placements, followUps, loans, grants] = await Promise.all([
    db().select().from(s.consent).where(eq(s.consent.referralId, referralId)).orderBy(asc(s.consent.answeredAt), asc(s.consent.id)),
    db()
      .select({ activity: s.activity.title, organisation: s.organisation.name, at: s.placement.createdAt })
      .from(s.placement)
      .innerJoin(s.activity, eq(s.activity.id, s.placement.activityId))
      .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
      .where(eq(s.placement.referralId, referralId))
      .orderBy(asc(s.placement.createdAt)),
    followUpPlan(referralId),
    loansFor(referralId),
    grantsFor(referralId),
  ]);
  // The clubs a consent named, by name, so the guardian sees exactly who may learn the child's name.
  const clubIds = [...new Set(consents.flatMap((c) => clubIdsOf(c.scope)))];
  const clubs = clubIds.length ? await db().select({ id: s.organisation.id, name: s.organisation.name }).from(s.organisation).where(inArray(s.organisation.id, clubIds)) : [];
  const clubName = new Map(clubs.map((c) => [c.id, c.name]));
  return {
    consents: consents.map((c) => ({
      answer: c.answer, method: c.method, givenBy: c.givenBy, language: c.language, textVersion: c.textVersion,
      answeredAt: c.answeredAt.toISOString(), expiresAt: c.expiresAt?.toISOString() ?? null, withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      // Closed because a wider yes (a club added) took its place at that moment, not withdrawn.
      replaced: Boolean(c.withdrawnAt && consents.some((n) => n.id !== c.id && n.answer === 'given' && n.answeredAt.getTime() === c.withdrawnAt!.getTime())),
      guide: covers(c.scope, guideRecipient),
      clubs: clubIdsOf(c.scope).map((id) => clubName.get(id) ?? '—'),
    })),
    placements: placements.map((p) => ({ ...p, at: p.at.toISOString() })),
    followUps: followUps.map(({ kind, dueAt, doneAt, outcome, note }) => ({ kind, dueAt, doneAt, outcome, note })),
    equipment: loans.map(({ lender, items, pickupOn, status }) => ({ lender, items, pickupOn, status })),
    support: grants.map(({ kind, amountOre, period, scheme, activity }) => ({ kind, amountOre, period, scheme, activity })),
  };
}

/** Who has read the referral (role and date, from the audit log), for the guardian's page. */
export async function readLog(referralId: number) {
  const rows = await db()
    .select({ at: s.auditEvent.at, action: s.auditEvent.action, role: sql<string | null>`${s.auditEvent.detail}->>'role'` })
    .from(s.auditEvent)
    .where(and(eq(s.auditEvent.entity, 'referral'), eq(s.auditEvent.entityId, String(referralId)), eq(s.auditEvent.action, 'referral.read')))
    .orderBy(desc(s.auditEvent.at));
  return rows.map((r) => ({ at: r.at.toISOString(), role: r.role ?? 'unknown' }));
}


/** What is left after purges: counts per quarter and outcome (cells under five are not shown outside). */
export async function anonymousCounts() {
  return db()
    .select({ quarter: s.referralStatistic.quarter, outcome: s.referralStatistic.outcome, count: sql<number>`sum(${s.referralStatistic.count})::int` })
    .from(s.referralStatistic)
    .groupBy(s.referralStatistic.quarter, s.referralStatistic.outcome)
    .orderBy(s.referralStatistic.quarter);
}

/** Who is assigned to the referral now (for the coordinator's page), or null. */
export async function assignedGuideName(referralId: number) {
  const [row] = await db()
    .select({ name: s.user.name, since: s.assignment.assignedAt })
    .from(s.assignment)
    .innerJoin(s.user, eq(s.user.id, s.assignment.guideUserId))
    .where(and(eq(s.assignment.referralId, referralId), isNull(s.assignment.endedAt)));
  return row ? { name: row.name, since: row.since.toISOString() } : null;
}

/** Every action the audit log records about a referral; each has its label at `referral:audit.action.<code with _>`. */
export const referralAuditActions = [
  'referral.created', 'referral.self_request', 'referral.assigned', 'referral.read', 'referral.read_denied', 'referral.read_by_guardian',
  'referral.placed', 'referral.follow_up', 'referral.ended', 'consent.given', 'consent.declined', 'consent.withdrawn', 'consent.extended',
  'consent.narrowed', 'consent.club_asked', 'consent.club_declined', 'equipment.arranged', 'equipment.status', 'support.granted',
] as const;
const readWhats = ['case-page', 'queue-item', 'download', 'guardian-page', 'receipt'] as const;

/** The locale keys that say an audit entry in words; an action without a label shows as "unknown event", never as a code. */
export function auditLabel(action: string, what: string | null) {
  const known = (referralAuditActions as readonly string[]).includes(action);
  return {
    actionKey: `audit.action.${known ? action.replace('.', '_') : 'unknown'}`,
    whatKey: what && (readWhats as readonly string[]).includes(what) ? `audit.what.${what}` : null,
  };
}

/** The referral's audit trail for the coordinator: every read and change, by whom (name), when, and what was read. */
export async function auditTrail(referralId: number) {
  const rows = await db()
    .select({ at: s.auditEvent.at, action: s.auditEvent.action, actor: s.user.name, what: sql<string | null>`${s.auditEvent.detail}->>'what'` })
    .from(s.auditEvent)
    .leftJoin(s.user, eq(s.user.id, s.auditEvent.actorUserId))
    .where(and(eq(s.auditEvent.entity, 'referral'), eq(s.auditEvent.entityId, String(referralId))))
    .orderBy(desc(s.auditEvent.at), desc(s.auditEvent.id));
  return rows.map((r) => ({ at: r.at.toISOString(), action: r.action, ...auditLabel(r.action, r.what), actor: r.actor }));
}

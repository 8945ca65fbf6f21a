import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { osloDate } from '../../utils/dates';
import { db } from '../../utils/db.server';
import type { FieldErrors } from '../../utils/forms.server';
import { issueToken, normaliseEmail } from '../auth/accounts.server';
import { audit } from '../audit.server';
import { categories, leaderLanguages } from '../catalogue/taxonomy';
import { enqueue } from '../notifications/outbox.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import type { GuideCandidate } from './matching';

// The coordinator keeps the kommune's fritidsguides matchable: who they are, what they speak, where
// and how much they can take, and whether the checks a volunteer needs are done. Matching itself
// (matching.ts) reads the same row, so a problem listed here is why a guide is missing from a ranking.

export const guideProblems = ['inactive', 'politiattestMissing', 'confidentialityMissing', 'noLanguages', 'noAreas', 'full'] as const;
export type GuideProblem = (typeof guideProblems)[number];

export const MAX_CAPACITY = 30;

/** The profile as the form shows it: dates as `YYYY-MM-DD` in Oslo time, '' when not set. */
export interface GuideProfile {
  volunteer: boolean;
  gender: 'female' | 'male' | 'other' | null;
  languages: string[];
  areaIds: number[];
  interests: string[];
  capacity: number;
  politiattestVerifiedAt: string;
  confidentialitySignedAt: string;
  active: boolean;
}

/** A guide who has just joined has no row yet: an empty profile, inactive until the coordinator completes it. */
const incompleteProfile: GuideProfile = {
  volunteer: false, gender: null, languages: [], areaIds: [], interests: [], capacity: 5, politiattestVerifiedAt: '', confidentialitySignedAt: '', active: false,
};

// Noon UTC is the same calendar day in Oslo in winter and summer, so the day reads back unchanged.
const fromDate = (day: string) => (day ? new Date(`${day}T12:00:00Z`) : null);

function toProfile(g: s.Guide | null): GuideProfile {
  if (!g) return incompleteProfile;
  return {
    volunteer: g.volunteer, gender: g.gender, languages: g.languages, areaIds: g.areaIds, interests: g.interests, capacity: g.capacity, active: g.active,
    politiattestVerifiedAt: g.politiattestVerifiedAt ? osloDate(g.politiattestVerifiedAt) : '',
    confidentialitySignedAt: g.confidentialitySignedAt ? osloDate(g.confidentialitySignedAt) : '',
  };
}

/** Every reason the guide cannot be matched now, in the order a coordinator would fix them. */
export function problemsOf(p: GuideProfile, load: number): GuideProblem[] {
  const out: GuideProblem[] = [];
  if (!p.active) out.push('inactive');
  if (p.volunteer && !p.politiattestVerifiedAt) out.push('politiattestMissing');
  if (!p.confidentialitySignedAt) out.push('confidentialityMissing');
  if (!p.languages.length) out.push('noLanguages');
  if (!p.areaIds.length) out.push('noAreas');
  if (load >= p.capacity) out.push('full');
  return out;
}

// Open assignments: the same count rankedGuidesFor (casework.server.ts) uses as the guide's load.
const loadOf = (userId: typeof s.kommuneMember.userId) =>
  sql<number>`(select count(*)::int from assignment a join referral rr on rr.id = a.referral_id where a.guide_user_id = ${userId} and a.ended_at is null and rr.status <> 'closed')`;

function guidesOf(kommuneId: number, guideUserId?: string) {
  return db()
    .select({ userId: s.user.id, name: s.user.name, g: s.guide, load: loadOf(s.kommuneMember.userId) })
    .from(s.kommuneMember)
    .innerJoin(s.user, eq(s.user.id, s.kommuneMember.userId))
    // A profile kept for another kommune is not this kommune's to show.
    .leftJoin(s.guide, and(eq(s.guide.userId, s.kommuneMember.userId), eq(s.guide.kommuneId, kommuneId)))
    .where(and(eq(s.kommuneMember.kommuneId, kommuneId), eq(s.kommuneMember.role, 'guide'), guideUserId ? eq(s.kommuneMember.userId, guideUserId) : undefined))
    .orderBy(asc(s.user.name));
}

type GuideRow = Awaited<ReturnType<typeof guidesOf>>[number];

function present({ userId, name, g, load }: GuideRow) {
  const profile = toProfile(g);
  return { userId, name, profile, load: Number(load), complete: Boolean(g), problems: problemsOf(profile, Number(load)) };
}

/** The kommune's guides (its kommune_member rows with role guide), with profile, load and what stops matching. */
export async function listGuides(kommuneId: number) {
  return (await guidesOf(kommuneId)).map(present);
}

/** One guide of the kommune, or null when the user is not a guide there. */
export async function getGuide(kommuneId: number, guideUserId: string) {
  const [row] = await guidesOf(kommuneId, guideUserId);
  return row ? present(row) : null;
}

export async function kommuneAreas(kommuneId: number) {
  return db().select({ id: s.area.id, name: s.area.name }).from(s.area).where(eq(s.area.kommuneId, kommuneId)).orderBy(asc(s.area.name));
}

const check = z.union([z.literal('on'), z.literal('1'), z.literal('true')]).optional().transform((v) => Boolean(v));
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const pastDate = z.preprocess(
  blankToUndefined,
  z.iso
    .date('date')
    // Checked at parse time: a politiattest or a signature cannot be recorded before it happened.
    .refine((day) => day <= osloDate(new Date()), 'guides:errors.dateInFuture')
    .optional(),
);
const unique = <T>(values: T[]) => [...new Set(values)];

export const guideProfileInput = z.object({
  languages: z.array(z.enum(leaderLanguages)).default([]).transform(unique),
  areaIds: z.array(z.coerce.number().int().positive()).default([]).transform(unique),
  interests: z.array(z.enum(categories)).default([]).transform(unique),
  capacity: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'number' }).int('number').min(0, 'guides:errors.capacity').max(MAX_CAPACITY, 'guides:errors.capacity'),
  ),
  gender: z.preprocess(blankToUndefined, z.enum(['female', 'male', 'other']).optional()),
  volunteer: check,
  active: check,
  politiattestVerifiedAt: pastDate,
  confidentialitySignedAt: pastDate,
});

export type GuideProfileInput = z.infer<typeof guideProfileInput>;

/** The form's fields as the schema wants them: the checkbox groups arrive as repeated names. */
export function formToGuideProfile(form: FormData) {
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return {
    values,
    input: { ...values, languages: form.getAll('languages').map(String), areaIds: form.getAll('areaIds').map(String), interests: form.getAll('interests').map(String) },
  };
}

type UpdateResult = { ok: true; changed: string[] } | { ok: false; notFound: true } | { ok: false; errors: FieldErrors };

/**
 * Saves the profile of a guide of this kommune (creating the row for a guide who has just joined).
 * Areas must be the kommune's own. The audit names the fields that changed, never their values.
 */
export async function updateGuideProfile(kommuneId: number, guideUserId: string, input: GuideProfileInput, actorUserId: string): Promise<UpdateResult> {
  const current = await getGuide(kommuneId, guideUserId);
  if (!current) return { ok: false, notFound: true };
  const own = new Set((await kommuneAreas(kommuneId)).map((a) => a.id));
  if (input.areaIds.some((id) => !own.has(id))) return { ok: false, errors: { areaIds: 'invalid' } };
  const next: GuideProfile = {
    volunteer: input.volunteer, gender: input.gender ?? null, languages: input.languages, areaIds: input.areaIds, interests: input.interests, capacity: input.capacity,
    politiattestVerifiedAt: input.politiattestVerifiedAt ?? '', confidentialitySignedAt: input.confidentialitySignedAt ?? '', active: input.active,
  };
  const before = current.profile;
  const sameSet = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x) => b.includes(x));
  const changed = (Object.keys(next) as (keyof GuideProfile)[]).filter((k) => {
    const a = before[k];
    const b = next[k];
    return Array.isArray(a) && Array.isArray(b) ? !sameSet(a, b) : a !== b;
  });
  if (current.complete && !changed.length) return { ok: true, changed };
  const values = {
    volunteer: next.volunteer, gender: next.gender, languages: next.languages, areaIds: next.areaIds, interests: next.interests, capacity: next.capacity, active: next.active,
    // A date that did not change keeps its stored moment.
    ...(changed.includes('politiattestVerifiedAt') || !current.complete ? { politiattestVerifiedAt: fromDate(next.politiattestVerifiedAt) } : {}),
    ...(changed.includes('confidentialitySignedAt') || !current.complete ? { confidentialitySignedAt: fromDate(next.confidentialitySignedAt) } : {}),
  };
  const saved = await inTransaction(undefined, async (tx) => {
    const rows = await tx
      .insert(s.guide)
      .values({ userId: guideUserId, kommuneId, ...values })
      // One row per user: a profile another kommune keeps is left alone rather than moved here.
      .onConflictDoUpdate({ target: s.guide.userId, set: values, setWhere: eq(s.guide.kommuneId, kommuneId) })
      .returning({ userId: s.guide.userId });
    if (!rows.length) return false;
    await audit({ actorUserId, action: 'guide.updated', entity: 'guide', entityId: guideUserId, detail: { fields: changed } }, tx);
    return true;
  });
  if (!saved) return { ok: false, errors: { form: 'guides:errors.otherKommune' } };
  return { ok: true, changed };
}

export const guideInvitationInput = z.object({ email: z.email('email').max(200, 'tooLong') });

/**
 * Invites a guide by e-mail with the same one-time link as a club invitation (7 days), in a message of
 * its own (the club's says "editor"). Accepting it (acceptInvitation in club/members.server.ts) makes
 * the user a guide of the kommune with an inactive profile.
 */
export async function inviteGuide(kommuneId: number, actorUserId: string, email: string, language: string) {
  const [k] = await db().select({ name: s.kommune.name }).from(s.kommune).where(eq(s.kommune.id, kommuneId));
  if (!k) return false;
  const to = normaliseEmail(email);
  const token = await issueToken('invitation', null, { kommuneId, role: 'guide', email: to });
  await enqueue({ to, template: 'guide-invitation', language, params: { kommune: k.name, path: `/invitasjon/${token}` } });
  await audit({ actorUserId, action: 'kommune.guide_invited', entity: 'kommune', entityId: String(kommuneId), detail: { role: 'guide' } });
  return true;
}

/**
 * The kommune's guides as matching sees them (profile and current load), or one guide by user id:
 * the coordinator's ranked list and assignGuide's check read the same thing.
 */
export async function guideCandidates(filter: { kommuneId: number } | { userId: string }, executor: Executor = db()) {
  const rows = await executor
    .select({ g: s.guide, name: s.user.name, load: sql<number>`(select count(*)::int from assignment a join referral rr on rr.id = a.referral_id where a.guide_user_id = ${s.guide.userId} and a.ended_at is null and rr.status <> 'closed')` })
    .from(s.guide)
    .innerJoin(s.user, eq(s.user.id, s.guide.userId))
    .where('kommuneId' in filter ? eq(s.guide.kommuneId, filter.kommuneId) : eq(s.guide.userId, filter.userId));
  return rows.map(({ g, name, load }) => ({
    name,
    candidate: {
      userId: g.userId, kommuneId: g.kommuneId, active: g.active, volunteer: g.volunteer, gender: g.gender, languages: g.languages, areaIds: g.areaIds,
      interests: g.interests, capacity: g.capacity, load: Number(load), politiattestVerified: Boolean(g.politiattestVerifiedAt), confidentialitySigned: Boolean(g.confidentialitySignedAt),
    } satisfies GuideCandidate,
  }));
}

import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { decryptOptional, encrypt, encryptOptional } from '../../utils/crypto.server';
import { claimDue } from '../../utils/claim.server';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';
import type { Executor } from '../../utils/transaction.server';

// Follow-ups (DESIGN.md: first contact, first session, 1, 3 and 6 months). Each has a due date set when
// the step that starts its clock happens: first contact when a guide is assigned, the rest when the
// child is placed. A follow-up that is due and not done sends the guide one reminder, which names no
// child: it links to the guide's own list.

const day = 24 * 3600 * 1000;
type FollowUpKind = (typeof s.followUpKinds)[number];
/** The database or an open transaction (PGlite has one connection: inside a transaction, use it). */

/** Days from the event that starts each follow-up's clock. */
export const followUpDays: Record<FollowUpKind, number> = { first_contact: 3, first_session: 7, month_1: 30, month_3: 91, month_6: 182 };
const afterPlacement: FollowUpKind[] = ['first_session', 'month_1', 'month_3', 'month_6'];

/**
 * Adds the follow-ups that start now and are not already open. `from` is the assignment (first contact)
 * or the placement (the rest). A second placement does not move dates that are already set.
 */
export async function planFollowUps(referralId: number, from: 'assignment' | 'placement', now = new Date(), executor: Executor = db()) {
  const kinds = from === 'assignment' ? (['first_contact'] as FollowUpKind[]) : afterPlacement;
  const open = await executor
    .select({ kind: s.followUp.kind })
    .from(s.followUp)
    .where(and(eq(s.followUp.referralId, referralId), isNull(s.followUp.doneAt), inArray(s.followUp.kind, kinds)));
  const missing = kinds.filter((k) => !open.some((o) => o.kind === k));
  if (from === 'placement') {
    // After the first placement the later milestones are done or open already; only plan them once.
    const done = await executor.select({ kind: s.followUp.kind }).from(s.followUp).where(and(eq(s.followUp.referralId, referralId), inArray(s.followUp.kind, kinds)));
    const fresh = missing.filter((k) => !done.some((d) => d.kind === k));
    if (fresh.length) await executor.insert(s.followUp).values(fresh.map((kind) => ({ referralId, kind, dueAt: new Date(now.getTime() + followUpDays[kind] * day) }))).onConflictDoNothing();
    return fresh.length;
  }
  if (missing.length) await executor.insert(s.followUp).values(missing.map((kind) => ({ referralId, kind, dueAt: new Date(now.getTime() + followUpDays[kind] * day) }))).onConflictDoNothing();
  return missing.length;
}

export const followUpInput = z.object({
  kind: z.enum(s.followUpKinds, { message: 'required' }),
  outcome: z.string().trim().min(1, 'required').max(200, 'tooLong'),
  note: z.string().trim().max(2000, 'tooLong').optional(),
});

/** Records a follow-up: marks the open one of that kind done, or adds one the plan did not have. */
export async function recordFollowUp(referralId: number, guideUserId: string, input: z.infer<typeof followUpInput>, now = new Date()) {
  // What happened and the guide's note are both about the child: encrypted like the referral's own fields.
  const values = { doneAt: now, outcome: encrypt(input.outcome), note: encryptOptional(input.note) };
  const [open] = await db()
    .select({ id: s.followUp.id })
    .from(s.followUp)
    .where(and(eq(s.followUp.referralId, referralId), eq(s.followUp.kind, input.kind), isNull(s.followUp.doneAt)))
    .orderBy(asc(s.followUp.dueAt))
    .limit(1);
  if (open) await db().update(s.followUp).set(values).where(eq(s.followUp.id, open.id));
  else await db().insert(s.followUp).values({ referralId, kind: input.kind, ...values });
  await audit({ actorUserId: guideUserId, action: 'referral.follow_up', entity: 'referral', entityId: String(referralId), detail: { kind: input.kind } });
}

/** The plan for one child, in order of due date, with what is overdue: the guide's page and the coordinator's (notes included; never the referrer). */
export async function followUpPlan(referralId: number, now = new Date()) {
  const rows = await db()
    .select()
    .from(s.followUp)
    .where(eq(s.followUp.referralId, referralId))
    .orderBy(sql`${s.followUp.dueAt} asc nulls last`, asc(s.followUp.id));
  return rows.map((f) => ({
    id: f.id,
    kind: f.kind,
    dueAt: f.dueAt?.toISOString() ?? null,
    doneAt: f.doneAt?.toISOString() ?? null,
    outcome: decryptOptional(f.outcome),
    note: decryptOptional(f.note),
    overdue: !f.doneAt && Boolean(f.dueAt && f.dueAt <= now),
  }));
}

/** The next open follow-up per referral (the guide's list), keyed by referral id. */
export async function nextFollowUps(referralIds: number[], now = new Date()) {
  if (!referralIds.length) return new Map<number, { kind: FollowUpKind; dueAt: string; overdue: boolean }>();
  const rows = await db()
    .selectDistinctOn([s.followUp.referralId], { referralId: s.followUp.referralId, kind: s.followUp.kind, dueAt: s.followUp.dueAt })
    .from(s.followUp)
    .where(and(inArray(s.followUp.referralId, referralIds), isNull(s.followUp.doneAt), sql`${s.followUp.dueAt} is not null`))
    .orderBy(s.followUp.referralId, asc(s.followUp.dueAt));
  return new Map(rows.map((r) => [r.referralId, { kind: r.kind, dueAt: r.dueAt!.toISOString(), overdue: r.dueAt! <= now }]));
}

/**
 * Reminds each guide once about every follow-up that is due and not done, for children they still
 * work with. Rows are claimed with SKIP LOCKED so two servers never send the same reminder. The e-mail
 * names no child and no referral: it links to the guide's list.
 */
export async function remindFollowUps(now = new Date()) {
  return claimDue({
    of: s.followUp,
    select: (tx, batch) =>
      tx
        .select({ id: s.followUp.id, email: s.user.email, language: s.user.preferredLanguage })
        .from(s.followUp)
        .innerJoin(s.referral, eq(s.referral.id, s.followUp.referralId))
        .innerJoin(s.assignment, and(eq(s.assignment.referralId, s.followUp.referralId), isNull(s.assignment.endedAt)))
        .innerJoin(s.user, eq(s.user.id, s.assignment.guideUserId))
        .where(and(isNull(s.followUp.doneAt), isNull(s.followUp.remindedAt), lte(s.followUp.dueAt, now), inArray(s.referral.status, ['guide_assigned', 'started'])))
        .orderBy(s.followUp.id)
        .limit(batch),
    work: async (tx, due) => {
      // One e-mail per guide, however many of their follow-ups fell due at once (in this batch).
      const guides = new Map(due.map((f) => [f.email, f.language]));
      for (const [email, language] of guides) await enqueue({ channel: 'email', to: email, template: 'follow-up-due', language, params: { path: '/guide' } }, tx);
      await tx.update(s.followUp).set({ remindedAt: now }).where(inArray(s.followUp.id, due.map((f) => f.id)));
    },
  });
}

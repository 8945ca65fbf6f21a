import { and, eq, isNull } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import type { Tx } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { withdrawSignups } from '../signup/signup.server';
import { cancelUnsettledGrants } from '../support/grants.server';
import { assignedGuide, tellCoordinators, tellGuide } from './notify.server';
import { purgeAfterFor } from './retention.server';

// How a case ends, in one cascade (issue 9). A consent withdrawn, a no, a consent that ran out and a
// case the guide closes all come through endCase, so none of them can forget a step:
// - sign-ups the guide sent are withdrawn with the very change a family makes (withdrawSignups), so
//   the club sees what it sees when any family withdraws — undone only when the sharing itself ends
//   (withdrawal, a no, lapse); a closed case keeps the place it was for;
// - support not yet paid out is cancelled, for the same reasons;
// - the guide's access ends (the assignment), at once;
// - the guide and the coordinators are told, without names (not whoever did it);
// - the referral is closed and given its deletion date.

export type EndReason = 'withdrawn' | 'declined' | 'unanswered' | 'lapsed' | 'closed';
export type Outcome = (typeof s.referralOutcomes)[number];

export interface EndSummary {
  signupsWithdrawn: number;
  grantsCancelled: number;
  guideTold: boolean;
  coordinatorsTold: number;
  purgeAfter: string;
}

/** No open question to the guardian about a club (a closed case, or one the answer settled). */
export const noQuestion = { pendingClubId: null, pendingClubActivityId: null, pendingClubAskedAt: null };

/** Whether the end takes back what the consent allowed to be shared. */
const undoesSharing = (reason: EndReason) => reason !== 'closed';

/**
 * Ends the case inside the caller's transaction (which holds the referral's row lock). `outcome` is
 * what the case came to; `actorUserId` is who ended it (null: the guardian or a job).
 */
export async function endCase(tx: Tx, referralId: number, reason: EndReason, outcome: Outcome, actorUserId: string | null, now: Date): Promise<EndSummary> {
  const [r] = await tx.select({ kommuneId: s.referral.kommuneId, retentionDays: s.kommune.retentionDays }).from(s.referral).innerJoin(s.kommune, eq(s.kommune.id, s.referral.kommuneId)).where(eq(s.referral.id, referralId));
  let signupsWithdrawn = 0;
  let grantsCancelled = 0;
  if (undoesSharing(reason)) {
    await tx.update(s.consent).set({ withdrawnAt: now }).where(and(eq(s.consent.referralId, referralId), eq(s.consent.answer, 'given'), isNull(s.consent.withdrawnAt)));
    const placed = await tx.select({ signupId: s.placement.signupRequestId }).from(s.placement).where(eq(s.placement.referralId, referralId));
    signupsWithdrawn = await withdrawSignups(placed.map((p) => p.signupId).filter((x): x is number => x !== null), now, tx);
    grantsCancelled = await cancelUnsettledGrants(referralId, tx);
  }
  const guide = await assignedGuide(referralId, tx);
  await tx.update(s.assignment).set({ endedAt: now }).where(and(eq(s.assignment.referralId, referralId), isNull(s.assignment.endedAt)));
  const purgeAfter = purgeAfterFor(reason, r.retentionDays, now);
  await tx.update(s.referral).set({ status: 'closed', outcome, closedAt: now, purgeAfter, ...noQuestion }).where(eq(s.referral.id, referralId));
  const guideTold = guide !== null && guide !== actorUserId ? await tellGuide(guide, 'case-ended', tx) : false;
  const coordinatorsTold = await tellCoordinators(r.kommuneId, 'case-ended', tx, actorUserId);
  await audit({ actorUserId, action: `referral.ended`, entity: 'referral', entityId: String(referralId), detail: { reason, outcome, signupsWithdrawn, grantsCancelled } }, tx);
  return { signupsWithdrawn, grantsCancelled, guideTold, coordinatorsTold, purgeAfter: purgeAfter.toISOString() };
}

import { and, eq, isNull, ne } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import type { Executor } from '../../utils/transaction.server';
import { enqueue } from '../notifications/outbox.server';
import type { Template } from '../notifications/templates.server';

// Staff hear of a case by e-mail with no name in it: the link goes to their own list, where they sign in.

/** The kommune's coordinators (all but `except`, who did the thing themselves). Returns how many were told. */
export async function tellCoordinators(kommuneId: number, template: Template, executor: Executor = db(), except?: string | null) {
  const coordinators = await executor
    .select({ email: s.user.email, language: s.user.preferredLanguage })
    .from(s.kommuneMember)
    .innerJoin(s.user, eq(s.user.id, s.kommuneMember.userId))
    .where(and(eq(s.kommuneMember.kommuneId, kommuneId), eq(s.kommuneMember.role, 'coordinator'), except ? ne(s.user.id, except) : undefined));
  for (const c of coordinators) await enqueue({ channel: 'email', to: c.email, template, language: c.language, params: { path: '/koordinator' } }, executor);
  return coordinators.length;
}

/** One guide by user id. */
export async function tellGuide(guideUserId: string, template: Template, executor: Executor = db()) {
  const [g] = await executor.select({ email: s.user.email, language: s.user.preferredLanguage }).from(s.user).where(eq(s.user.id, guideUserId));
  if (g) await enqueue({ channel: 'email', to: g.email, template, language: g.language, params: { path: '/guide' } }, executor);
  return Boolean(g);
}

/** The guide assigned to the referral now, if any. */
export async function assignedGuide(referralId: number, executor: Executor = db()) {
  const [a] = await executor
    .select({ guideUserId: s.assignment.guideUserId })
    .from(s.assignment)
    .where(and(eq(s.assignment.referralId, referralId), isNull(s.assignment.endedAt)));
  return a?.guideUserId ?? null;
}

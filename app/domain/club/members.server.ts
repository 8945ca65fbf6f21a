import { and, asc, eq, TransactionRollbackError } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { kommuneMember, organisationMember } from '../../../db/schema/membership';
import { organisation } from '../../../db/schema/organisation';
import { guide } from '../../../db/schema/referral';
import { user } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { consumeToken, issueToken, normaliseEmail, peekToken, uniqueViolation } from '../auth/accounts.server';
import { hashPassword, passwordProblem } from '../auth/password.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';

export async function listMembers(organisationId: number) {
  return db()
    .select({ id: user.id, name: user.name, email: user.email, role: organisationMember.role })
    .from(organisationMember)
    .innerJoin(user, eq(user.id, organisationMember.userId))
    .where(eq(organisationMember.organisationId, organisationId))
    .orderBy(asc(user.name));
}

export const invitationInput = z.object({ email: z.email('email').max(200, 'tooLong'), role: z.enum(['club_editor', 'club_admin'], { message: 'required' }) });

/** A club admin invites someone by e-mail; the link (a one-time token, 7 days) lets them join. */
export async function inviteMember(organisationId: number, actorUserId: string, input: z.infer<typeof invitationInput>, language: string) {
  const [org] = await db().select().from(organisation).where(eq(organisation.id, organisationId));
  if (!org) return false;
  const email = normaliseEmail(input.email);
  const token = await issueToken('invitation', null, { organisationId, role: input.role, email });
  await enqueue({ to: email, template: 'invitation', language, params: { organisation: org.name, path: `/invitasjon/${token}` } });
  await audit({ actorUserId, action: 'organisation.member_invited', entity: 'organisation', entityId: String(organisationId), detail: { role: input.role } });
  return true;
}

/** What an invitation link offers: a club role, becoming a guide of a kommune, or (kind 'kommune') its admin. */
export async function invitationInfo(token: string) {
  const row = await peekToken('invitation', token);
  if (!row) return null;
  const [existing] = await db().select({ id: user.id }).from(user).where(eq(user.email, String(row.payload.email)));
  const base = { email: String(row.payload.email), role: String(row.payload.role), hasAccount: Boolean(existing) };
  if (row.payload.kommuneId !== undefined) {
    const [k] = await db().select({ name: kommune.name }).from(kommune).where(eq(kommune.id, Number(row.payload.kommuneId)));
    return { ...base, organisationName: '', kommuneName: k?.name ?? '' };
  }
  const [org] = await db().select({ name: organisation.name }).from(organisation).where(eq(organisation.id, Number(row.payload.organisationId)));
  return { ...base, organisationName: org?.name ?? '', kommuneName: null };
}

export const acceptInput = z.object({ name: z.string().trim().max(100, 'tooLong').optional(), password: z.string().max(200, 'tooLong').optional() });

type AcceptResult = { ok: true; userId: string } | { ok: false; field: string; error: string };

/**
 * Joins the club, the kommune as a guide, or the kommune as its admin. A new user chooses a name and
 * password here (the account and the membership are written together); someone who already has an
 * account must be signed in as that account (`signedInUserId`).
 */
export async function acceptInvitation(token: string, input: z.infer<typeof acceptInput>, signedInUserId: string | null): Promise<AcceptResult> {
  const row = await peekToken('invitation', token);
  if (!row) return { ok: false, field: 'form', error: 'tokenInvalid' };
  const email = String(row.payload.email);
  const [existing] = await db().select().from(user).where(eq(user.email, email));
  if (existing) {
    if (signedInUserId !== existing.id) return { ok: false, field: 'form', error: 'signInFirst' };
    const redeemed = await redeemInvitation(token, existing.id);
    return redeemed.ok ? { ok: true, userId: existing.id } : { ok: false, field: 'form', error: 'tokenInvalid' };
  }
  if (!input.name || input.name.length < 2) return { ok: false, field: 'name', error: 'required' };
  const problem = passwordProblem(input.password ?? '', email);
  if (problem) return { ok: false, field: 'password', error: `password.${problem}` };
  const passwordHash = await hashPassword(input.password!);
  try {
    const userId = await inTransaction(undefined, async (tx) => {
      const [created] = await tx.insert(user).values({ email, name: input.name!, passwordHash, emailVerifiedAt: new Date() }).returning();
      const redeemed = await redeemInvitation(token, created.id, tx);
      // The account goes too: a link used up meanwhile leaves no account without a role behind.
      if (!redeemed.ok) tx.rollback();
      return created.id;
    });
    return { ok: true, userId };
  } catch (error) {
    if (error instanceof TransactionRollbackError) return { ok: false, field: 'form', error: 'tokenInvalid' };
    // The address got an account meanwhile (the same link sent twice at once): it signs in first.
    if (uniqueViolation(error) === 'user_email_unique') return { ok: false, field: 'form', error: 'signInFirst' };
    throw error;
  }
}

export type RedeemResult =
  | { ok: true; kind: 'organisation'; organisationId: number; role: string }
  | { ok: true; kind: 'kommune'; kommuneId: number; role: 'guide' | 'kommune_admin' }
  | { ok: false; reason: 'tokenInvalid' | 'wrongAccount' };

/**
 * Uses an invitation link for an existing user: takes the token once and gives the role it grants, in
 * one transaction (the caller's, when given). Whoever signed the user in (a password, or a sign-in
 * with an identity provider) calls it afterwards; the invitation must be to the user's own address, so
 * a link forwarded to someone else grants them nothing. A kommune admin needs a second factor: the
 * caller then sends a session that is not yet verified to /konto/tofaktor (needsSecondFactor).
 */
export async function redeemInvitation(token: string, userId: string, executor?: Executor, now = new Date()): Promise<RedeemResult> {
  try {
    return await inTransaction(executor, async (tx) => {
      const [u] = await tx.select({ email: user.email, emailVerifiedAt: user.emailVerifiedAt }).from(user).where(eq(user.id, userId));
      const row = await consumeToken('invitation', token, now, tx);
      if (!row || !u) return { ok: false, reason: 'tokenInvalid' } as const;
      if (normaliseEmail(String(row.payload.email)) !== u.email) throw new WrongAccount();
      // The link came to this address, so the address is confirmed.
      if (!u.emailVerifiedAt) await tx.update(user).set({ emailVerifiedAt: now }).where(eq(user.id, userId));
      if (row.payload.kommuneId !== undefined) {
        const kommuneId = Number(row.payload.kommuneId);
        if (row.payload.kind === 'kommune' && row.payload.role === 'kommune_admin') {
          await tx.insert(kommuneMember).values({ userId, kommuneId, role: 'kommune_admin' }).onConflictDoNothing();
          await audit({ actorUserId: userId, action: 'kommune.admin_joined', entity: 'kommune', entityId: String(kommuneId), detail: { role: 'kommune_admin' } }, tx);
          return { ok: true, kind: 'kommune', kommuneId, role: 'kommune_admin' } as const;
        }
        await joinAsGuide(userId, kommuneId, tx);
        return { ok: true, kind: 'kommune', kommuneId, role: 'guide' } as const;
      }
      const organisationId = Number(row.payload.organisationId);
      const role = row.payload.role as 'club_editor' | 'club_admin';
      const [already] = await tx.select().from(organisationMember).where(and(eq(organisationMember.userId, userId), eq(organisationMember.organisationId, organisationId)));
      if (!already) await tx.insert(organisationMember).values({ userId, organisationId, role });
      await audit({ actorUserId: userId, action: 'organisation.member_joined', entity: 'organisation', entityId: String(organisationId), detail: { role } }, tx);
      return { ok: true, kind: 'organisation', organisationId, role } as const;
    });
  } catch (error) {
    // Thrown (not returned) so the token taken above goes back: the rightful owner can still use it.
    if (error instanceof WrongAccount) return { ok: false, reason: 'wrongAccount' };
    throw error;
  }
}
class WrongAccount extends Error {}

/**
 * A guide of the kommune, with an empty profile that is inactive: matching skips the guide until the
 * coordinator has filled in languages, areas and the checks (koordinator/guider).
 */
async function joinAsGuide(userId: string, kommuneId: number, executor?: Executor) {
  await inTransaction(executor, async (tx) => {
    await tx.insert(kommuneMember).values({ userId, kommuneId, role: 'guide' }).onConflictDoNothing();
    // A profile the user already has (here or in another kommune) is kept as it is.
    await tx.insert(guide).values({ userId, kommuneId, languages: [], areaIds: [], interests: [], active: false }).onConflictDoNothing();
    await audit({ actorUserId: userId, action: 'kommune.guide_joined', entity: 'kommune', entityId: String(kommuneId), detail: { role: 'guide' } }, tx);
  });
}

import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { kommuneMember, organisationMember } from '../../../db/schema/membership';
import { organisation } from '../../../db/schema/organisation';
import { guide } from '../../../db/schema/referral';
import { user } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { consumeToken, issueToken, normaliseEmail, peekToken } from '../auth/accounts.server';
import { hashPassword, passwordProblem } from '../auth/password.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';
import { inTransaction } from '../../utils/transaction.server';

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

/** What an invitation link offers: a club role, or (payload with kommuneId) becoming a guide of a kommune. */
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
 * Joins the club, or the kommune as a guide. A new user chooses a name and password here; someone who
 * already has an account must be signed in as that account (`signedInUserId`).
 */
export async function acceptInvitation(token: string, input: z.infer<typeof acceptInput>, signedInUserId: string | null): Promise<AcceptResult> {
  const row = await peekToken('invitation', token);
  if (!row) return { ok: false, field: 'form', error: 'tokenInvalid' };
  const email = String(row.payload.email);
  const [existing] = await db().select().from(user).where(eq(user.email, email));
  let userId: string;
  if (existing) {
    if (signedInUserId !== existing.id) return { ok: false, field: 'form', error: 'signInFirst' };
    userId = existing.id;
  } else {
    if (!input.name || input.name.length < 2) return { ok: false, field: 'name', error: 'required' };
    const problem = passwordProblem(input.password ?? '', email);
    if (problem) return { ok: false, field: 'password', error: `password.${problem}` };
    const [created] = await db().insert(user).values({ email, name: input.name, passwordHash: await hashPassword(input.password!), emailVerifiedAt: new Date() }).returning();
    userId = created.id;
  }
  if (!(await consumeToken('invitation', token))) return { ok: false, field: 'form', error: 'tokenInvalid' };
  if (row.payload.kommuneId !== undefined) {
    await joinAsGuide(userId, Number(row.payload.kommuneId));
    return { ok: true, userId };
  }
  const organisationId = Number(row.payload.organisationId);
  const role = row.payload.role as 'club_editor' | 'club_admin';
  const [already] = await db().select().from(organisationMember).where(and(eq(organisationMember.userId, userId), eq(organisationMember.organisationId, organisationId)));
  if (!already) await db().insert(organisationMember).values({ userId, organisationId, role });
  await audit({ actorUserId: userId, action: 'organisation.member_joined', entity: 'organisation', entityId: String(organisationId), detail: { role } });
  return { ok: true, userId };
}

/**
 * A guide of the kommune, with an empty profile that is inactive: matching skips the guide until the
 * coordinator has filled in languages, areas and the checks (koordinator/guider).
 */
async function joinAsGuide(userId: string, kommuneId: number) {
  await inTransaction(undefined, async (tx) => {
    await tx.insert(kommuneMember).values({ userId, kommuneId, role: 'guide' }).onConflictDoNothing();
    // A profile the user already has (here or in another kommune) is kept as it is.
    await tx.insert(guide).values({ userId, kommuneId, languages: [], areaIds: [], interests: [], active: false }).onConflictDoNothing();
    await audit({ actorUserId: userId, action: 'kommune.guide_joined', entity: 'kommune', entityId: String(kommuneId), detail: { role: 'guide' } }, tx);
  });
}

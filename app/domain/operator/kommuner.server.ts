// The operator's commands (db/kommune-cli.ts): setting up a kommune and its admins. The operator is no
// web role and has no user: audit events carry actor null and `detail.via = 'operator-cli'`.
import { and, asc, eq, gt, isNull, sql, TransactionRollbackError } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { kommuneMember } from '../../../db/schema/membership';
import { oneTimeToken, session, user } from '../../../db/schema/user';
import { slugify } from '../../../db/random';
import { db } from '../../utils/db.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import { issueToken, normaliseEmail, uniqueViolation } from '../auth/accounts.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';
import { isLanguage } from '../../i18n';
import { findOfficialKommune } from './official-kommuner';

const VIA = { via: 'operator-cli' } as const;
export const KOMMUNE_ADMIN_INVITATION = { kind: 'kommune', role: 'kommune_admin' } as const;

const email = z.string().trim().pipe(z.email('email').max(200, 'tooLong'));
const language = z.string().default('nb').refine((v) => isLanguage(v), 'language');

export const addKommuneInput = z.object({
  number: z.string().trim().regex(/^\d{4}$/, 'badNumber'),
  name: z.string().trim().min(1, 'required').max(100, 'tooLong'),
  admin: email,
  language,
});
export const adminInput = z.object({ kommune: z.string().trim().min(1, 'required').max(100, 'tooLong'), email, language });
export const removeAdminInput = z.object({ kommune: z.string().trim().min(1, 'required').max(100, 'tooLong'), email, force: z.boolean().default(false) });

export type OperatorFailure = { ok: false; reason: 'badNumber' | 'unknownNumber' | 'wrongName' | 'duplicate' | 'unknownKommune' | 'alreadyAdmin' | 'notAdmin' | 'lastAdmin'; expected?: string };

/** Invitations (one-time tokens) to be kommune_admin of a kommune that nobody has used and that have not expired. */
function pendingAdminInvitations(kommuneId: number, now: Date, forEmail?: string) {
  return and(
    eq(oneTimeToken.purpose, 'invitation'),
    isNull(oneTimeToken.usedAt),
    gt(oneTimeToken.expiresAt, now),
    sql`${oneTimeToken.payload}->>'kind' = 'kommune'`,
    sql`${oneTimeToken.payload}->>'role' = 'kommune_admin'`,
    sql`${oneTimeToken.payload}->>'kommuneId' = ${String(kommuneId)}`,
    forEmail ? sql`${oneTimeToken.payload}->>'email' = ${forEmail}` : undefined,
  );
}

/**
 * Writes an invitation to be kommune_admin: the one-time link (7 days), its e-mail in the outbox and the
 * audit event, in the caller's transaction. An older unused invitation of the same address is voided, so
 * the newest link is the one that works. The user is created when the link is used (redeemInvitation in
 * club/members.server.ts), so an invitation nobody takes leaves no account behind.
 */
async function inviteAdmin(tx: Executor, k: { id: number; name: string }, to: string, lang: string, now: Date) {
  await tx.update(oneTimeToken).set({ usedAt: now }).where(pendingAdminInvitations(k.id, now, to));
  const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.email, to));
  const token = await issueToken('invitation', existing?.id ?? null, { ...KOMMUNE_ADMIN_INVITATION, kommuneId: k.id, email: to }, now, tx);
  await enqueue({ to, template: 'kommune-admin-invitation', language: lang, params: { kommune: k.name, path: `/invitasjon/${token}` } }, tx);
  await audit({ actorUserId: null, action: 'kommune.admin_invited', entity: 'kommune', entityId: String(k.id), detail: { ...VIA, role: 'kommune_admin' } }, tx);
}

/**
 * Creates a kommune from its official number and name (db/data/kommuner.json) and invites its first
 * admin, all in one transaction: a refused or failed command writes nothing.
 */
export async function addKommune(input: z.input<typeof addKommuneInput>, now = new Date()): Promise<{ ok: true; kommune: { id: number; number: string; name: string; slug: string } } | OperatorFailure> {
  const parsed = addKommuneInput.parse(input);
  const official = findOfficialKommune(parsed.number, parsed.name);
  if (!official.ok) return official;
  const [taken] = await db().select({ id: kommune.id }).from(kommune).where(eq(kommune.number, official.kommune.number));
  if (taken) return { ok: false, reason: 'duplicate' };
  const to = normaliseEmail(parsed.admin);
  try {
    const created = await inTransaction(undefined, async (tx) => {
      let slug = slugify(official.kommune.name);
      const [slugTaken] = await tx.select({ id: kommune.id }).from(kommune).where(eq(kommune.slug, slug));
      if (slugTaken) slug = `${slug}-${official.kommune.number}`;
      const [k] = await tx.insert(kommune).values({ number: official.kommune.number, name: official.kommune.name, slug }).returning();
      await audit({ actorUserId: null, action: 'kommune.created', entity: 'kommune', entityId: String(k.id), detail: { ...VIA, number: k.number } }, tx);
      await inviteAdmin(tx, k, to, parsed.language, now);
      return { id: k.id, number: k.number, name: k.name, slug: k.slug };
    });
    return { ok: true, kommune: created };
  } catch (error) {
    // Another operator added the same kommune at the same moment.
    if (uniqueViolation(error) === 'kommune_number_unique') return { ok: false, reason: 'duplicate' };
    throw error;
  }
}

async function findKommune(ref: string) {
  const value = ref.trim().toLowerCase();
  const [k] = await db()
    .select()
    .from(kommune)
    .where(/^\d{4}$/.test(value) ? eq(kommune.number, value) : eq(kommune.slug, value));
  return k ?? null;
}

export interface KommuneListing {
  number: string;
  name: string;
  slug: string;
  admins: number;
  pendingInvitations: number;
}

/** Every kommune with how many admins it has and how many admin invitations wait to be used. */
export async function listKommuner(now = new Date()): Promise<KommuneListing[]> {
  const rows = await db()
    .select({ id: kommune.id, number: kommune.number, name: kommune.name, slug: kommune.slug })
    .from(kommune)
    .orderBy(asc(kommune.number));
  const result: KommuneListing[] = [];
  for (const k of rows) {
    const [admins] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(kommuneMember)
      .where(and(eq(kommuneMember.kommuneId, k.id), eq(kommuneMember.role, 'kommune_admin')));
    const [pending] = await db().select({ n: sql<number>`count(*)::int` }).from(oneTimeToken).where(pendingAdminInvitations(k.id, now));
    result.push({ number: k.number, name: k.name, slug: k.slug, admins: Number(admins.n), pendingInvitations: Number(pending.n) });
  }
  return result;
}

/** Invites one more admin of a kommune (by number or slug). Someone already admin is refused. */
export async function addKommuneAdmin(input: z.input<typeof adminInput>, now = new Date()): Promise<{ ok: true; kommune: { number: string; name: string } } | OperatorFailure> {
  const parsed = adminInput.parse(input);
  const k = await findKommune(parsed.kommune);
  if (!k) return { ok: false, reason: 'unknownKommune' };
  const to = normaliseEmail(parsed.email);
  const [already] = await db()
    .select({ userId: kommuneMember.userId })
    .from(kommuneMember)
    .innerJoin(user, eq(user.id, kommuneMember.userId))
    .where(and(eq(kommuneMember.kommuneId, k.id), eq(kommuneMember.role, 'kommune_admin'), eq(user.email, to)));
  if (already) return { ok: false, reason: 'alreadyAdmin' };
  await inTransaction(undefined, (tx) => inviteAdmin(tx, k, to, parsed.language, now));
  return { ok: true, kommune: { number: k.number, name: k.name } };
}

/**
 * Takes the kommune_admin role from an address: its membership and any unused admin invitation to it.
 * The last admin stays unless `force` (the kommune would have nobody to run it). The user's sessions
 * end, so a browser signed in with the old role has to sign in again.
 */
export async function removeKommuneAdmin(
  input: z.input<typeof removeAdminInput>,
  now = new Date(),
): Promise<{ ok: true; kommune: { number: string; name: string }; removedRole: boolean; cancelledInvitations: number } | OperatorFailure> {
  const parsed = removeAdminInput.parse(input);
  const k = await findKommune(parsed.kommune);
  if (!k) return { ok: false, reason: 'unknownKommune' };
  const to = normaliseEmail(parsed.email);
  return inTransaction(undefined, async (tx) => {
    // Admin rows of this kommune locked, so two removals at once cannot both pass the last-admin check.
    const admins = await tx
      .select({ userId: kommuneMember.userId, email: user.email })
      .from(kommuneMember)
      .innerJoin(user, eq(user.id, kommuneMember.userId))
      .where(and(eq(kommuneMember.kommuneId, k.id), eq(kommuneMember.role, 'kommune_admin')))
      .for('update', { of: kommuneMember });
    const target = admins.find((a) => a.email === to);
    const cancelled = await tx.update(oneTimeToken).set({ usedAt: now }).where(pendingAdminInvitations(k.id, now, to)).returning({ hash: oneTimeToken.tokenHash });
    if (!target) {
      if (!cancelled.length) return { ok: false, reason: 'notAdmin' } as const;
      await audit({ actorUserId: null, action: 'kommune.admin_invitation_cancelled', entity: 'kommune', entityId: String(k.id), detail: { ...VIA, role: 'kommune_admin' } }, tx);
      return { ok: true, kommune: { number: k.number, name: k.name }, removedRole: false, cancelledInvitations: cancelled.length } as const;
    }
    if (admins.length === 1 && !parsed.force) {
      // Nothing written: the invitations voided above go back with the rollback.
      tx.rollback();
    }
    await tx.delete(kommuneMember).where(and(eq(kommuneMember.kommuneId, k.id), eq(kommuneMember.userId, target.userId), eq(kommuneMember.role, 'kommune_admin')));
    await tx.delete(session).where(eq(session.userId, target.userId));
    await audit({ actorUserId: null, action: 'kommune.admin_removed', entity: 'kommune', entityId: String(k.id), detail: { ...VIA, role: 'kommune_admin', userId: target.userId, forced: admins.length === 1 } }, tx);
    return { ok: true, kommune: { number: k.number, name: k.name }, removedRole: true, cancelledInvitations: cancelled.length } as const;
  }).catch((error) => {
    if (error instanceof TransactionRollbackError) return { ok: false, reason: 'lastAdmin' } as const;
    throw error;
  });
}

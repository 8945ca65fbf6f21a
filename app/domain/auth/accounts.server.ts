import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { organisationMember } from '../../../db/schema/membership';
import { organisation } from '../../../db/schema/organisation';
import { oneTimeToken, user, type tokenPurposes } from '../../../db/schema/user';
import { slugify } from '../../../db/random';
import { decrypt, encrypt, hashToken, newToken } from '../../utils/crypto.server';
import { db } from '../../utils/db.server';
import { isValidOrgnr } from '../../utils/orgnr';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';
import { lookupOrganisation, registerColumns } from '../club/register.server';
import { hashPassword, passwordProblem, verifyPassword } from './password.server';
import { attempt, bucketFor, clearBucket, clearBucketsStartingWith, refund } from './rate-limit.server';

/**
 * Sign-in limits (docs/decisions/014-limits-and-sign-in.md). Wrong passwords for one account from one
 * address lock that pair only; the account as a whole takes a larger number from all addresses together
 * (a slowed, not a closed door), and one address a number across all accounts. None of them touches the
 * e-mail reset, which has its own limits and clears the account's sign-in limits when used.
 */
export const LOGIN_LIMITS = { perAccountAndAddress: 5, perAccount: 30, perAddress: 20, windowMs: 15 * 60 * 1000 };
export const SECOND_FACTOR_LIMIT = { attempts: 5, windowMs: 15 * 60 * 1000 };
export const RESET_LIMITS = { perAddress: 5, perAccount: 3, windowMs: 60 * 60 * 1000 };
export const REGISTER_LIMITS = { perAddress: 10, windowMs: 60 * 60 * 1000, existingAccountMails: 3, existingWindowMs: 24 * 3600 * 1000 };
const TOKEN_TTL_MS: Record<(typeof tokenPurposes)[number], number> = {
  verify_email: 48 * 3600 * 1000,
  reset_password: 60 * 60 * 1000,
  invitation: 7 * 24 * 3600 * 1000,
};

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const accountPrefix = (email: string) => bucketFor('login:pair', normaliseEmail(email));
const loginBuckets = (email: string, clientAddress: string) => ({
  pair: `${accountPrefix(email)}:${hashToken(clientAddress.toLowerCase()).slice(0, 32)}`,
  account: bucketFor('login:account', normaliseEmail(email)),
  address: bucketFor('login:ip', clientAddress),
});

/** Opens an account's sign-in again from every address (after a reset by e-mail). */
export async function clearLoginLimits(email: string, executor: Executor = db()) {
  await clearBucket(loginBuckets(email, '').account, executor);
  await clearBucketsStartingWith(`${accountPrefix(email)}:`, executor);
}

type LoginResult = { ok: true; userId: string; totpEnabled: boolean } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/**
 * Checks e-mail and password. Each attempt is counted in all three buckets before the password is
 * checked (atomically, so a burst of concurrent attempts gets exactly the limit checked); the right
 * password clears the account's buckets and gives the address its attempt back.
 */
export async function checkLogin(email: string, password: string, clientAddress: string, now = new Date()): Promise<LoginResult> {
  const b = loginBuckets(email, clientAddress);
  const taken: string[] = [];
  for (const [bucket, limit] of [
    [b.pair, LOGIN_LIMITS.perAccountAndAddress],
    [b.address, LOGIN_LIMITS.perAddress],
    [b.account, LOGIN_LIMITS.perAccount],
  ] as const) {
    const gate = await attempt(bucket, limit, LOGIN_LIMITS.windowMs, now);
    if (!gate.allowed) {
      // Not checked, so not counted where it was let through.
      for (const t of taken) await refund(t, now);
      return { ok: false, reason: 'locked', retryAfterSeconds: gate.retryAfterSeconds };
    }
    taken.push(bucket);
  }
  const [u] = await db().select().from(user).where(eq(user.email, normaliseEmail(email)));
  // Verify against a dummy hash when there is no such user, so timing does not tell who has an account.
  const valid = await verifyPassword(u?.passwordHash ?? DUMMY_HASH, password);
  if (!u || !valid) return { ok: false, reason: 'invalid' };
  await clearBucket(b.pair);
  await clearBucket(b.account);
  await refund(b.address, now);
  return { ok: true, userId: u.id, totpEnabled: Boolean(u.totpEnabledAt) };
}
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$DYleFrDxftiXaSKwLAob4w$WvC5mWhkXhFRI90y7fC9BXtplut5MN/h80nlsGlmFJs';

/**
 * A one-time link token; only its hash is stored. A new reset link voids the user's older ones (in one
 * transaction, under the user's row lock, so two requests at once still leave one link working).
 */
export async function issueToken(
  purpose: (typeof tokenPurposes)[number],
  userId: string | null,
  payload: Record<string, string | number> = {},
  now = new Date(),
  /** The caller's transaction, for a token that is written together with what it grants. */
  executor: Executor = db(),
) {
  const token = newToken();
  const row = { tokenHash: hashToken(token), purpose, userId, payload, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) };
  if (purpose !== 'reset_password' || !userId) {
    await executor.insert(oneTimeToken).values(row);
    return token;
  }
  await inTransaction(executor, async (tx) => {
    await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for('update');
    await voidResetLinks(userId, now, tx);
    await tx.insert(oneTimeToken).values(row);
  });
  return token;
}

async function voidResetLinks(userId: string, now: Date, executor: Executor) {
  await executor
    .update(oneTimeToken)
    .set({ usedAt: now })
    .where(and(eq(oneTimeToken.userId, userId), eq(oneTimeToken.purpose, 'reset_password'), isNull(oneTimeToken.usedAt)));
}

/** Uses a token once: returns its row, or null when unknown, expired or used. */
export async function consumeToken(purpose: (typeof tokenPurposes)[number], token: string, now = new Date(), executor: Executor = db()) {
  const [row] = await executor
    .update(oneTimeToken)
    .set({ usedAt: now })
    .where(and(eq(oneTimeToken.tokenHash, hashToken(token)), eq(oneTimeToken.purpose, purpose), isNull(oneTimeToken.usedAt), gt(oneTimeToken.expiresAt, now)))
    .returning();
  return row ?? null;
}

export async function peekToken(purpose: (typeof tokenPurposes)[number], token: string, now = new Date()) {
  const [row] = await db()
    .select()
    .from(oneTimeToken)
    .where(and(eq(oneTimeToken.tokenHash, hashToken(token)), eq(oneTimeToken.purpose, purpose), isNull(oneTimeToken.usedAt), gt(oneTimeToken.expiresAt, now)));
  return row ?? null;
}

// Kept in utils so that env.server.ts (which may not import the domain) checks the open-data publisher's number the same way.
export { isValidOrgnr };

const password = z.string().max(200, 'tooLong');

export const clubRegistrationInput = z
  .object({
    organisationName: z.string().trim().min(2, 'required').max(120, 'tooLong'),
    orgnr: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s/g, ''))
      .refine((v) => v === '' || isValidOrgnr(v), 'orgnr'),
    kommune: z.string().regex(/^[a-z0-9-]+$/, 'required'),
    contactName: z.string().trim().min(2, 'required').max(100, 'tooLong'),
    email: z.email('email').max(200, 'tooLong'),
    phone: z.union([z.literal(''), z.string().trim().regex(/^\+?[\d\s]{8,15}$/, 'phone')]),
    password,
    website: z.string().max(0, 'spam').optional(),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `password.${problem}` });
  });

type RegisterResult =
  | { ok: true; /** Null when the address already had an account: its owner was told by e-mail instead. */ created: { userId: string; organisationId: number } | null }
  | { ok: false; field: string; error: string; retryAfterSeconds?: number };

/** The PostgreSQL constraint a unique violation (23505) names, found through drizzle's `cause`; else null. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (x.code === '23505') return String(x.constraint_name ?? x.constraint ?? '');
  }
  return null;
}

/**
 * A club registers: a pending organisation, its first club admin, and an e-mail to verify the address.
 * Whether the address already has an account is never in the answer: then its owner gets an e-mail
 * saying so (at most a few a day) and the caller gets the same `ok` (docs/decisions/014). Several
 * registrations with one address at once end the same way: one account, the others told it exists.
 */
export async function registerClub(input: z.infer<typeof clubRegistrationInput>, language: string, clientAddress = 'unknown', now = new Date()): Promise<RegisterResult> {
  const [k] = await db().select().from(kommune).where(eq(kommune.slug, input.kommune));
  if (!k) return { ok: false, field: 'kommune', error: 'required' };
  const gate = await attempt(bucketFor('register:ip', clientAddress), REGISTER_LIMITS.perAddress, REGISTER_LIMITS.windowMs, now);
  if (!gate.allowed) return { ok: false, field: 'form', error: 'locked', retryAfterSeconds: gate.retryAfterSeconds };
  // With a number, the register decides: unknown, deleted, bankrupt or dissolving units are refused; when
  // it cannot be reached the typed name stands and the kommune sees "not checked".
  let registered = {};
  if (input.orgnr) {
    const found = await lookupOrganisation(input.orgnr);
    if (found.status === 'not_found') return { ok: false, field: 'orgnr', error: 'account:register.errors.notFound' };
    if (found.status === 'found' && (found.deleted || found.bankrupt || found.dissolving)) return { ok: false, field: 'orgnr', error: 'account:register.errors.refused' };
    registered = registerColumns(found, now);
  }
  const email = normaliseEmail(input.email);
  // Hashed either way, so the time taken does not tell whether the address was known.
  const passwordHash = await hashPassword(input.password);
  const [existing] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) {
    await tellOwnerAccountExists(email, language, now);
    return { ok: true, created: null };
  }
  let result: { userId: string; organisationId: number } | undefined;
  for (let round = 0; !result; round++) {
    try {
      result = await inTransaction(undefined, async (tx) => {
        const [u] = await tx.insert(user).values({ email, name: input.contactName, passwordHash, preferredLanguage: language }).returning();
        let slug = slugify(input.organisationName);
        const [taken] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.slug, slug));
        if (taken || round > 0) slug = `${slug}-${newToken(3).toLowerCase().replace(/[^a-z0-9]/g, '')}`;
        const [org] = await tx
          .insert(organisation)
          .values({ kommuneId: k.id, slug, name: input.organisationName, orgnr: input.orgnr || null, contactEmail: email, contactPhone: input.phone || null, status: 'pending', ...registered })
          .returning();
        await tx.insert(organisationMember).values({ userId: u.id, organisationId: org.id, role: 'club_admin' });
        return { userId: u.id, organisationId: org.id };
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      // Another registration with this address committed first: the same as an existing account.
      if (constraint === 'user_email_unique') {
        await tellOwnerAccountExists(email, language, now);
        return { ok: true, created: null };
      }
      // Two clubs of one name at once: try again with a suffixed slug.
      if (constraint === 'organisation_slug_unique' && round < 3) continue;
      throw error;
    }
  }
  await sendVerification(result.userId, email, language);
  await audit({ actorUserId: result.userId, action: 'organisation.registered', entity: 'organisation', entityId: String(result.organisationId) });
  return { ok: true, created: result };
}

/** "Someone tried to register with your address": to the owner, in their language, a few times a day at most. */
async function tellOwnerAccountExists(email: string, language: string, now: Date) {
  const gate = await attempt(bucketFor('register:existing', email), REGISTER_LIMITS.existingAccountMails, REGISTER_LIMITS.existingWindowMs, now);
  if (!gate.allowed) return;
  const [u] = await db().select({ email: user.email, preferredLanguage: user.preferredLanguage }).from(user).where(eq(user.email, email));
  if (!u) return;
  await enqueue({ to: u.email, template: 'account-exists', language: u.preferredLanguage || language, params: { path: '/logg-inn' } });
}

export async function sendVerification(userId: string, email: string, language: string) {
  const token = await issueToken('verify_email', userId);
  await enqueue({ to: email, template: 'verify-email', language, params: { path: `/bekreft-epost/${token}` } });
}

/** A new confirmation link, at most three an hour per account; nothing is sent for a confirmed address. */
export async function resendVerification(userId: string, language: string, now = new Date()) {
  const [u] = await db().select({ email: user.email, emailVerifiedAt: user.emailVerifiedAt }).from(user).where(eq(user.id, userId));
  if (!u || u.emailVerifiedAt) return false;
  if (!(await attempt(`verify-resend:${userId}`, 3, 3600 * 1000, now)).allowed) return false;
  await sendVerification(userId, u.email, language);
  return true;
}

export async function verifyEmail(token: string) {
  const row = await consumeToken('verify_email', token);
  if (!row?.userId) return false;
  await db().update(user).set({ emailVerifiedAt: new Date() }).where(eq(user.id, row.userId));
  return true;
}

/**
 * Sends a reset link; the caller answers the same whether or not the address has an account. At most
 * RESET_LIMITS.perAccount links an hour per address asked for (whoever asks, from wherever): past that
 * nothing more is sent, but the newest link sent within the hour still works, so the owner is never
 * shut out. Returns nothing the caller could tell apart.
 */
export async function requestPasswordReset(email: string, language: string, now = new Date()) {
  const normalised = normaliseEmail(email);
  if (!(await attempt(bucketFor('reset:account', normalised), RESET_LIMITS.perAccount, RESET_LIMITS.windowMs, now)).allowed) return;
  const [u] = await db().select().from(user).where(eq(user.email, normalised));
  if (!u) return;
  const token = await issueToken('reset_password', u.id, {}, now);
  await enqueue({ to: u.email, template: 'reset-password', language: u.preferredLanguage || language, params: { path: `/nytt-passord/${token}` } });
}

/**
 * Sets a new password with a reset link: uses the link, voids every other reset link of the user, and
 * opens the account's sign-in again from every address (a lock-out never outlasts a reset).
 */
export async function resetPassword(token: string, newPassword: string, now = new Date()) {
  const row = await peekToken('reset_password', token, now);
  if (!row?.userId) return { ok: false as const, error: 'tokenInvalid' };
  const userId = row.userId;
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  if (!u) return { ok: false as const, error: 'tokenInvalid' };
  const problem = passwordProblem(newPassword, u.email);
  if (problem) return { ok: false as const, error: `password.${problem}` };
  const passwordHash = await hashPassword(newPassword);
  const done = await inTransaction(undefined, async (tx) => {
    if (!(await consumeToken('reset_password', token, now, tx))) return false;
    await tx.update(user).set({ passwordHash }).where(eq(user.id, userId));
    await voidResetLinks(userId, now, tx);
    await clearLoginLimits(u.email, tx);
    return true;
  });
  if (!done) return { ok: false as const, error: 'tokenInvalid' };
  return { ok: true as const, userId };
}

// --- Second factor (TOTP, RFC 6238) with recovery codes -------------------------------------------

export function totpFor(secretBase32: string, email: string) {
  return new OTPAuth.TOTP({ issuer: 'Fritidsportalen', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export function newTotpSecret() {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

const TOTP_PERIOD_S = 30;

/** The time step (RFC 6238 counter) a code is valid for, one step either side of now; null for a wrong code. */
export function totpStep(secretBase32: string, code: string, now = new Date(), email = '') {
  const totp = totpFor(secretBase32, email);
  const delta = totp.validate({ token: code.replace(/\s/g, ''), window: 1, timestamp: now.getTime() });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S) + delta;
}

export function checkTotp(secretBase32: string, code: string, email = '', now = new Date()) {
  return totpStep(secretBase32, code, now, email) !== null;
}

/**
 * Takes a code's time step for the user, once: only a step later than the last one taken is accepted.
 * One UPDATE under the row lock, so a code sent twice at once passes once.
 */
async function takeTotpStep(userId: string, step: number, executor: Executor = db()) {
  const rows = await executor
    .update(user)
    .set({ totpLastStep: step })
    .where(and(eq(user.id, userId), sql`(${user.totpLastStep} is null or ${user.totpLastStep} < ${step})`))
    .returning({ id: user.id });
  return rows.length === 1;
}

/** Turns the second factor on once the user has shown a valid code; returns recovery codes to show once. */
export async function enableTotp(userId: string, secretBase32: string, code: string, now = new Date()) {
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  const step = u ? totpStep(secretBase32, code, now, u.email) : null;
  if (!u || step === null) return null;
  const codes = Array.from({ length: 8 }, () => newToken(6).replace(/[^a-zA-Z0-9]/g, 'x').slice(0, 8).toLowerCase());
  // The code shown here is used up too: it cannot pass the sign-in's second step afterwards.
  const [done] = await db()
    .update(user)
    .set({ totpSecret: encrypt(secretBase32), totpEnabledAt: now, totpLastStep: step, recoveryCodes: codes.map(hashToken) })
    .where(and(eq(user.id, userId), isNull(user.totpEnabledAt)))
    .returning({ id: user.id });
  if (!done) return null;
  await audit({ actorUserId: userId, action: 'user.totp_enabled', entity: 'user', entityId: userId });
  return codes;
}

/** A TOTP code (each time step once), or a recovery code (each once); both taken atomically. */
export async function checkSecondFactor(userId: string, code: string, now = new Date()) {
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  if (!u?.totpSecret) return false;
  const clean = code.trim().toLowerCase();
  if (/^\d{6}$/.test(clean.replace(/\s/g, ''))) {
    const step = totpStep(decrypt(u.totpSecret), clean, now, u.email);
    return step !== null && (await takeTotpStep(userId, step));
  }
  const hashed = hashToken(clean);
  const used = await db()
    .update(user)
    .set({ recoveryCodes: sql`array_remove(${user.recoveryCodes}, ${hashed})` })
    .where(and(eq(user.id, userId), sql`${hashed} = any(${user.recoveryCodes})`))
    .returning({ id: user.id });
  return used.length === 1;
}

// Inputs of the sign-in pages (kept here, on the server, so zod stays out of the browser bundle).
export const loginInput = z.object({
  email: z.string().trim().min(1, 'required').max(200, 'tooLong'),
  password: z.string().min(1, 'required').max(200, 'tooLong'),
  next: z.string().optional(),
});
export const codeInput = z.object({ code: z.string().trim().min(6, 'code').max(20, 'code'), next: z.string().optional() });
export const totpSetupInput = z.object({ secret: z.string().regex(/^[A-Z2-7]{16,64}$/, 'invalid'), code: z.string().trim().min(6, 'code').max(10, 'code'), next: z.string().optional() });
export const forgotPasswordInput = z.object({ email: z.email('email') });
export const newPasswordInput = z.object({ password: z.string().min(1, 'required').max(200, 'tooLong') });

import { and, eq, gt, isNull } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { organisationMember } from '../../../db/schema/membership';
import { organisation } from '../../../db/schema/organisation';
import { oneTimeToken, user, type tokenPurposes } from '../../../db/schema/user';
import { slugify } from '../../../db/random';
import { decrypt, encrypt, hashToken, newToken } from '../../utils/crypto.server';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';
import { hashPassword, passwordProblem, verifyPassword } from './password.server';
import { bucketFor, clearBucket, isLimited, recordEvent } from './rate-limit.server';

export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };
const TOKEN_TTL_MS: Record<(typeof tokenPurposes)[number], number> = {
  verify_email: 48 * 3600 * 1000,
  reset_password: 60 * 60 * 1000,
  invitation: 7 * 24 * 3600 * 1000,
};

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type LoginResult = { ok: true; userId: string; totpEnabled: boolean } | { ok: false; reason: 'invalid' | 'locked' };

/** Checks e-mail and password with limits per account and per address, kept in PostgreSQL. */
export async function checkLogin(email: string, password: string, clientAddress: string, now = new Date()): Promise<LoginResult> {
  const accountBucket = bucketFor('login:account', normaliseEmail(email));
  const addressBucket = bucketFor('login:ip', clientAddress);
  if (
    (await isLimited(accountBucket, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowMs, now)) ||
    (await isLimited(addressBucket, LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs, now))
  ) {
    return { ok: false, reason: 'locked' };
  }
  const [u] = await db().select().from(user).where(eq(user.email, normaliseEmail(email)));
  // Verify against a dummy hash when there is no such user, so timing does not tell who has an account.
  const valid = await verifyPassword(u?.passwordHash ?? DUMMY_HASH, password);
  if (!u || !valid) {
    await recordEvent(accountBucket, now);
    await recordEvent(addressBucket, now);
    return { ok: false, reason: 'invalid' };
  }
  await clearBucket(accountBucket);
  return { ok: true, userId: u.id, totpEnabled: Boolean(u.totpEnabledAt) };
}
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$DYleFrDxftiXaSKwLAob4w$WvC5mWhkXhFRI90y7fC9BXtplut5MN/h80nlsGlmFJs';

/** A one-time link token; only its hash is stored. */
export async function issueToken(purpose: (typeof tokenPurposes)[number], userId: string | null, payload: Record<string, string | number> = {}, now = new Date()) {
  const token = newToken();
  await db().insert(oneTimeToken).values({ tokenHash: hashToken(token), purpose, userId, payload, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) });
  return token;
}

/** Uses a token once: returns its row, or null when unknown, expired or used. */
export async function consumeToken(purpose: (typeof tokenPurposes)[number], token: string, now = new Date()) {
  const [row] = await db()
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

/** Norwegian organisation number: nine digits, the last a MOD11 check digit with weights 3 2 7 6 5 4 3 2. */
export function isValidOrgnr(value: string) {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((n, w, i) => n + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}

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

type RegisterResult = { ok: true; userId: string; organisationId: number } | { ok: false; field: string; error: string };

/** A club registers: a pending organisation, its first club admin, and an e-mail to verify the address. */
export async function registerClub(input: z.infer<typeof clubRegistrationInput>, language: string): Promise<RegisterResult> {
  const [k] = await db().select().from(kommune).where(eq(kommune.slug, input.kommune));
  if (!k) return { ok: false, field: 'kommune', error: 'required' };
  const email = normaliseEmail(input.email);
  const [existing] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) return { ok: false, field: 'email', error: 'emailTaken' };
  const passwordHash = await hashPassword(input.password);
  const result = await db().transaction(async (tx) => {
    const [u] = await tx.insert(user).values({ email, name: input.contactName, passwordHash, preferredLanguage: language }).returning();
    let slug = slugify(input.organisationName);
    const [taken] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.slug, slug));
    if (taken) slug = `${slug}-${newToken(3).toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const [org] = await tx
      .insert(organisation)
      .values({ kommuneId: k.id, slug, name: input.organisationName, orgnr: input.orgnr || null, contactEmail: email, contactPhone: input.phone || null, status: 'pending' })
      .returning();
    await tx.insert(organisationMember).values({ userId: u.id, organisationId: org.id, role: 'club_admin' });
    return { userId: u.id, organisationId: org.id };
  });
  await sendVerification(result.userId, email, language);
  await audit({ actorUserId: result.userId, action: 'organisation.registered', entity: 'organisation', entityId: String(result.organisationId) });
  return { ok: true, ...result };
}

export async function sendVerification(userId: string, email: string, language: string) {
  const token = await issueToken('verify_email', userId);
  await enqueue({ to: email, template: 'verify-email', language, params: { path: `/bekreft-epost/${token}` } });
}

/** A new confirmation link, at most three an hour per account; nothing is sent for a confirmed address. */
export async function resendVerification(userId: string, language: string, now = new Date()) {
  const [u] = await db().select({ email: user.email, emailVerifiedAt: user.emailVerifiedAt }).from(user).where(eq(user.id, userId));
  if (!u || u.emailVerifiedAt) return false;
  const bucket = `verify-resend:${userId}`;
  if (await isLimited(bucket, 3, 3600 * 1000, now)) return false;
  await recordEvent(bucket, now);
  await sendVerification(userId, u.email, language);
  return true;
}

export async function verifyEmail(token: string) {
  const row = await consumeToken('verify_email', token);
  if (!row?.userId) return false;
  await db().update(user).set({ emailVerifiedAt: new Date() }).where(eq(user.id, row.userId));
  return true;
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(email: string, language: string) {
  const [u] = await db().select().from(user).where(eq(user.email, normaliseEmail(email)));
  if (!u) return;
  const token = await issueToken('reset_password', u.id);
  await enqueue({ to: u.email, template: 'reset-password', language: u.preferredLanguage || language, params: { path: `/nytt-passord/${token}` } });
}

export async function resetPassword(token: string, newPassword: string) {
  const row = await peekToken('reset_password', token);
  if (!row?.userId) return { ok: false as const, error: 'tokenInvalid' };
  const [u] = await db().select().from(user).where(eq(user.id, row.userId));
  const problem = passwordProblem(newPassword, u?.email);
  if (problem) return { ok: false as const, error: `password.${problem}` };
  if (!(await consumeToken('reset_password', token))) return { ok: false as const, error: 'tokenInvalid' };
  await db().update(user).set({ passwordHash: await hashPassword(newPassword) }).where(eq(user.id, row.userId));
  return { ok: true as const, userId: row.userId };
}

// --- Second factor (TOTP, RFC 6238) with recovery codes -------------------------------------------

export function totpFor(secretBase32: string, email: string) {
  return new OTPAuth.TOTP({ issuer: 'Fritidsportalen', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export function newTotpSecret() {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function checkTotp(secretBase32: string, code: string, email = '') {
  return totpFor(secretBase32, email).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

/** Turns the second factor on once the user has shown a valid code; returns recovery codes to show once. */
export async function enableTotp(userId: string, secretBase32: string, code: string) {
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  if (!u || !checkTotp(secretBase32, code, u.email)) return null;
  const codes = Array.from({ length: 8 }, () => newToken(6).replace(/[^a-zA-Z0-9]/g, 'x').slice(0, 8).toLowerCase());
  await db()
    .update(user)
    .set({ totpSecret: encrypt(secretBase32), totpEnabledAt: new Date(), recoveryCodes: codes.map(hashToken) })
    .where(eq(user.id, userId));
  await audit({ actorUserId: userId, action: 'user.totp_enabled', entity: 'user', entityId: userId });
  return codes;
}

/** A TOTP code, or a recovery code (used once). */
export async function checkSecondFactor(userId: string, code: string) {
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  if (!u?.totpSecret) return false;
  const clean = code.trim().toLowerCase();
  if (/^\d{6}$/.test(clean.replace(/\s/g, ''))) return checkTotp(decrypt(u.totpSecret), clean, u.email);
  const hashed = hashToken(clean);
  if (!u.recoveryCodes.includes(hashed)) return false;
  await db().update(user).set({ recoveryCodes: u.recoveryCodes.filter((c) => c !== hashed) }).where(eq(user.id, userId));
  return true;
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

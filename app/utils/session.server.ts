import { redirect } from '@remix-run/node';
import { and, eq, gt } from 'drizzle-orm';
import { kommuneMember, organisationMember } from '../../db/schema/membership';
import { organisation } from '../../db/schema/organisation';
import { session, user } from '../../db/schema/user';
import { can, rolesNeedingSecondFactor, type Membership, type Permission, type Scope } from '../domain/auth/permissions';
import { hashToken, newToken, sign, unsign } from './crypto.server';
import { db } from './db.server';
import { env } from './env.server';

export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** The session cookie's name; in production it carries the __Host- prefix. */
export const SESSION_COOKIE = 'fp_session';
const cookieName = () => (env().isProduction ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

function cookieHeader(value: string, maxAgeSeconds: number) {
  const parts = [`${cookieName()}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (env().isProduction) parts.push('Secure');
  return parts.join('; ');
}

function readCookieNamed(request: Request, name: string) {
  const header = request.headers.get('Cookie') ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

const readCookie = (request: Request) => readCookieNamed(request, cookieName());

/** A new session (a new id at every sign-in); returns the Set-Cookie header. */
export async function createSession(userId: string, verified: boolean, now = new Date()) {
  return (await startSession(userId, verified, now)).cookie;
}

/** As createSession, and the new session's id hash (a provider's sign-in keeps it for the provider's logout). */
export async function startSession(userId: string, verified: boolean, now = new Date()) {
  const token = newToken();
  await db().insert(session).values({
    idHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    verifiedAt: verified ? now : null,
    expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
  });
  return { cookie: cookieHeader(token, ABSOLUTE_TIMEOUT_MS / 1000), idHash: hashToken(token) };
}

/** The hash of the session the request carries, or null. */
export function sessionHashOf(request: Request) {
  const token = readCookie(request);
  return token ? hashToken(token) : null;
}

export async function destroySession(request: Request) {
  const token = readCookie(request);
  if (token) await db().delete(session).where(eq(session.idHash, hashToken(token)));
  return cookieHeader('', 0);
}

export async function destroyAllSessions(userId: string) {
  await db().delete(session).where(eq(session.userId, userId));
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  preferredLanguage: string;
  totpEnabled: boolean;
  verified: boolean;
  /** Whether the e-mail address was confirmed through the link (needed before a club publishes). */
  emailVerified: boolean;
  sessionHash: string;
  membership: Membership;
};

/** The signed-in user, or null when there is no valid session (expired, idle too long, or unknown). */
export async function getSessionUser(request: Request, now = new Date()): Promise<SessionUser | null> {
  const token = readCookie(request);
  if (!token) return null;
  const idHash = hashToken(token);
  const [row] = await db()
    .select({ session, user })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(and(eq(session.idHash, idHash), gt(session.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) {
    await db().delete(session).where(eq(session.idHash, idHash));
    return null;
  }
  if (row.user.isDemo && env().isProduction) return null;
  // Sliding idle timeout; written at most once a minute.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db().update(session).set({ lastSeenAt: now }).where(eq(session.idHash, idHash));
  }
  return {
    id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    preferredLanguage: row.user.preferredLanguage,
    totpEnabled: Boolean(row.user.totpEnabledAt),
    verified: Boolean(row.session.verifiedAt),
    emailVerified: Boolean(row.user.emailVerifiedAt),
    sessionHash: idHash,
    membership: await loadMembership(row.user.id),
  };
}

export async function loadMembership(userId: string): Promise<Membership> {
  const [orgs, kommuner] = await Promise.all([
    db()
      .select({ organisationId: organisationMember.organisationId, role: organisationMember.role, kommuneId: organisation.kommuneId })
      .from(organisationMember)
      .innerJoin(organisation, eq(organisation.id, organisationMember.organisationId))
      .where(eq(organisationMember.userId, userId)),
    db().select({ kommuneId: kommuneMember.kommuneId, role: kommuneMember.role }).from(kommuneMember).where(eq(kommuneMember.userId, userId)),
  ]);
  return { organisations: orgs, kommuner };
}

export function needsSecondFactor(m: Membership) {
  return m.kommuner.some((k) => rolesNeedingSecondFactor.includes(k.role));
}

/** The signed-in, fully verified user; otherwise a redirect to sign in (or to the second step). */
export async function requireUser(request: Request): Promise<SessionUser> {
  const u = await getSessionUser(request);
  const url = new URL(request.url);
  const next = encodeURIComponent(url.pathname);
  if (!u) throw redirect(`/logg-inn?neste=${next}`);
  if (!u.verified) throw redirect(u.totpEnabled ? `/logg-inn/kode?neste=${next}` : `/konto/tofaktor?neste=${next}`);
  return u;
}

/** 403 unless the user's memberships grant the permission in the scope. */
export async function requirePermission(request: Request, permission: Permission, scope: Scope): Promise<SessionUser> {
  const u = await requireUser(request);
  if (!can(u.membership, permission, scope)) throw new Response('Forbidden', { status: 403 });
  return u;
}

export async function markSessionVerified(sessionHash: string, now = new Date()) {
  await db().update(session).set({ verifiedAt: now }).where(eq(session.idHash, sessionHash));
}

/** For kommune-wide work (referrals, settlements): the user and the first kommune where the role grants it. */
export async function requireKommunePermission(request: Request, permission: Permission) {
  const u = await requireUser(request);
  const k = u.membership.kommuner.find((m) => can(u.membership, permission, { kommuneId: m.kommuneId }));
  if (!k) throw new Response('Forbidden', { status: 403 });
  return { user: u, kommuneId: k.kommuneId, role: k.role };
}

// ---------------------------------------------------------------------------------------------------
// Flash messages: the confirmation after a redirect ("Saved", "The club is approved"). An action calls
// redirectWithFlash(); the root loader reads the message once, clears it and the layout shows it in a
// role="status" region (app/components/flash.tsx). The cookie holds only message keys from the list
// below (no names, nothing about a child) and is signed, so a page never shows text a link or another
// site chose. Only signed-in flows set it (and the new-password page, which ends on the sign-in page):
// a public page never sets a cookie, and its micro-cache skips requests that carry this one.

/** Every message a redirect may confirm with, as `namespace:key`, and how it looks. */
export const flashMessages = {
  'club:activities.saved.publish': 'success',
  'club:activities.saved.unpublish': 'success',
  'club:activities.saved.archive': 'success',
  'club:activities.saved.confirm': 'success',
  'club:editor.saved': 'success',
  'club:editor.copied': 'success',
  'club:translate.saved': 'success',
  'club:members.invited': 'success',
  'club:inbox.saved': 'success',
  'club:moderation.decided.organisation.approve': 'success',
  'club:moderation.decided.organisation.reject': 'success',
  'club:moderation.decided.activity.approve': 'success',
  'club:moderation.decided.activity.reject': 'success',
  'club:moderation.register.checked': 'success',
  'club:moderation.register.stillUnreachable': 'warning',
  'club:moderation.register.noOrgnr': 'warning',
  'referral:mine.created': 'success',
  'referral:queue.assignedFlash': 'success',
  'referral:queue.withdrawnFlash': 'success',
  'referral:guide.sent': 'success',
  'referral:guide.noFreePlaceLeft': 'warning',
  'referral:guide.clubConsentAsked': 'success',
  'referral:guide.followUpSaved': 'success',
  'referral:guide.closedFlash': 'success',
  'referral:support.saved': 'success',
  'referral:equipment.saved': 'success',
  'referral:equipment.savedTold': 'success',
  'referral:equipment.statusSaved': 'success',
  'referral:retention.saved': 'success',
  'referral:privacyContact.saved': 'success',
  'club:openDays.savedFlash': 'success',
  'club:openDays.deletedFlash': 'success',
  'club:openDays.translatedFlash': 'success',
  'support:schemeEditor.savedFlash': 'success',
  'support:schemeEditor.publishedFlash': 'success',
  'support:schemeEditor.unpublishedFlash': 'success',
  'support:schemeTranslate.saved': 'success',
  'areas:editor.savedFlash': 'success',
  'areas:editor.mergedFlash': 'success',
  'areas:editor.deletedFlash': 'success',
  'support:lenderEditor.savedFlash': 'success',
  'support:lenderEditor.deletedFlash': 'success',
  'referral:kommuneContact.saved': 'success',
  'guides:list.saved': 'success',
  'guides:list.invited': 'success',
  'account:account.verificationSent': 'success',
  'account:account.verificationLimit': 'warning',
  'account:account.signedOutEverywhere': 'success',
  'account:reset.done': 'success',
  'common:a11y.admin.handledFlash': 'success',
  'common:a11y.admin.notHandledFlash': 'warning',
  'insight:indicators.savedFlash': 'success',
} as const satisfies Record<string, 'success' | 'warning'>;
export type FlashMessage = keyof typeof flashMessages;

export const FLASH_COOKIE = 'fp_flash';
/** Long enough to survive the redirect, short enough that a flash nobody saw does not turn up later. */
const FLASH_MAX_AGE_SECONDS = 60;
const flashCookieName = () => (env().isProduction ? `__Host-${FLASH_COOKIE}` : FLASH_COOKIE);

function flashCookie(value: string, maxAgeSeconds: number) {
  const parts = [`${flashCookieName()}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (env().isProduction) parts.push('Secure');
  return parts.join('; ');
}

const isFlashMessage = (key: unknown): key is FlashMessage => typeof key === 'string' && Object.hasOwn(flashMessages, key);

/** A redirect that shows `message` (or several) once on the page it leads to. Extra headers (a session cookie) are kept. */
export function redirectWithFlash(to: string, message: FlashMessage | FlashMessage[], init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  // An id per flash, so the layout can tell a new message from one it has shown already.
  const value = sign(Buffer.from(JSON.stringify({ m: [message].flat(), id: newToken(6) })).toString('base64url'));
  headers.append('Set-Cookie', flashCookie(value, FLASH_MAX_AGE_SECONDS));
  return redirect(to, { headers });
}

export const hasFlashCookie = (request: Request) =>
  new RegExp(`(?:^|;\\s*)(?:__Host-)?${FLASH_COOKIE}=`).test(request.headers.get('Cookie') ?? '');

/**
 * The flash the request carries (its messages, checked against the list) and the Set-Cookie that clears
 * it; a forged, stale or unknown value gives no messages and is cleared all the same.
 */
export function readFlash(request: Request): { id: string; messages: { key: FlashMessage; kind: 'success' | 'warning' }[]; clear: string } {
  const clear = flashCookie('', 0);
  const raw = readCookieNamed(request, flashCookieName());
  const value = raw ? unsign(raw) : null;
  try {
    const parsed = value ? (JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { m?: unknown; id?: unknown }) : null;
    const keys = Array.isArray(parsed?.m) ? parsed.m.filter(isFlashMessage) : [];
    return { id: typeof parsed?.id === 'string' ? parsed.id : '', messages: keys.map((key) => ({ key, kind: flashMessages[key] })), clear };
  } catch {
    return { id: '', messages: [], clear };
  }
}

import { redirect } from '@remix-run/node';
import { and, eq, gt } from 'drizzle-orm';
import { kommuneMember, organisationMember } from '../../db/schema/membership';
import { organisation } from '../../db/schema/organisation';
import { session, user } from '../../db/schema/user';
import { can, rolesNeedingSecondFactor, type Membership, type Permission, type Scope } from '../domain/auth/permissions';
import { hashToken, newToken } from './crypto.server';
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

function readCookie(request: Request) {
  const header = request.headers.get('Cookie') ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === cookieName()) return v.join('=');
  }
  return null;
}

/** A new session (a new id at every sign-in); returns the Set-Cookie header. */
export async function createSession(userId: string, verified: boolean, now = new Date()) {
  const token = newToken();
  await db().insert(session).values({
    idHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    verifiedAt: verified ? now : null,
    expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
  });
  return cookieHeader(token, ABSOLUTE_TIMEOUT_MS / 1000);
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

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { hashPassword } from '../../app/domain/auth/password.server';
import type { Role } from '../../app/domain/auth/permissions';
import { db } from '../../app/utils/db.server';
import { createSession } from '../../app/utils/session.server';

export const TEST_PASSWORD = 'et langt testpassord 2026';

/** A user with one role in a kommune (by slug) or an organisation (by id), and a signed-in cookie. */
export async function userWithRole(role: Role, scope: { kommune?: string; organisationId?: number }) {
  const email = `${role}-${randomBytes(4).toString('hex')}@test.example`;
  const [u] = await db().insert(s.user).values({ email, name: `Test ${role}`, passwordHash: await hashPassword(TEST_PASSWORD), emailVerifiedAt: new Date() }).returning();
  if (role === 'club_admin' || role === 'club_editor') {
    await db().insert(s.organisationMember).values({ userId: u.id, organisationId: scope.organisationId!, role });
  } else {
    const [k] = await db().select().from(s.kommune).where(eq(s.kommune.slug, scope.kommune ?? 'modum'));
    await db().insert(s.kommuneMember).values({ userId: u.id, kommuneId: k.id, role });
  }
  const setCookie = await createSession(u.id, true);
  return { id: u.id, email, cookie: setCookie.split(';')[0] };
}

export function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('Cookie', init.cookie);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

export function form(values: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) (Array.isArray(v) ? v : [v]).forEach((x) => body.append(k, x));
  return { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
}

/** Runs a loader or action and returns the HTTP status it ends in, thrown or returned. */
export async function statusOf(fn: () => Promise<unknown>) {
  try {
    const result = await fn();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** A guide whom matching accepts: an active, finished profile with room for every child a test assigns. */
export async function readyGuide(kommune = 'modum') {
  const u = await userWithRole('guide', { kommune });
  const [k] = await db().select().from(s.kommune).where(eq(s.kommune.slug, kommune));
  const [a] = await db().select({ id: s.area.id }).from(s.area).where(eq(s.area.kommuneId, k.id)).limit(1);
  await db().insert(s.guide).values({ userId: u.id, kommuneId: k.id, languages: ['nb'], areaIds: [a.id], interests: [], capacity: 1000, confidentialitySignedAt: new Date() });
  return u;
}

/** The flash messages (keys) a redirect sets, read the way the next page's root loader reads them. */
export async function flashOf(response: Response) {
  const { readFlash, FLASH_COOKIE } = await import('../../app/utils/session.server');
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${FLASH_COOKIE}=`) || c.startsWith(`__Host-${FLASH_COOKIE}=`));
  if (!cookie) return [];
  return readFlash(new Request('http://localhost/', { headers: { Cookie: cookie.split(';')[0] } })).messages.map((m) => m.key);
}

import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { checkLogin, checkSecondFactor, clubRegistrationInput, consumeToken, enableTotp, isValidOrgnr, issueToken, LOGIN_LIMITS, newTotpSecret, registerClub, resetPassword, totpFor, verifyEmail } from '../../app/domain/auth/accounts.server';
import { hashPassword, passwordProblem, verifyPassword } from '../../app/domain/auth/password.server';
import { can } from '../../app/domain/auth/permissions';
import { db } from '../../app/utils/db.server';
import { ABSOLUTE_TIMEOUT_MS, createSession, destroyAllSessions, getSessionUser, IDLE_TIMEOUT_MS } from '../../app/utils/session.server';
import { useTestDatabase } from '../setup/db';
import { request, TEST_PASSWORD, userWithRole } from '../setup/users';

useTestDatabase();

describe('passwords', () => {
  test('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('korrekt hest batteri stift');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'korrekt hest batteri stift')).toBe(true);
    expect(await verifyPassword(hash, 'feil')).toBe(false);
  });

  test('the strength check says why a password is weak', () => {
    expect(passwordProblem('kort')).toBe('tooShort');
    expect(passwordProblem('abcdefghij')).toBe('tooShort');
    expect(passwordProblem('fritidsportalen')).toBe('tooCommon');
    expect(passwordProblem('kari.nordmann-1234', 'kari.nordmann@example.no')).toBe('containsEmail');
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toBe('tooSimple');
    expect(passwordProblem('en lang setning jeg husker')).toBeNull();
  });
});

describe('organisation numbers', () => {
  test('MOD11 accepts valid numbers and refuses others', () => {
    expect(isValidOrgnr('974760673')).toBe(true); // Brønnøysundregistrene
    expect(isValidOrgnr('923609016')).toBe(true);
    expect(isValidOrgnr('974760674')).toBe(false);
    expect(isValidOrgnr('12345678')).toBe(false);
  });
});

describe('sign-in', () => {
  test('a wrong password is refused, and the account locks after too many tries', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    expect((await checkLogin(u.email, TEST_PASSWORD, '10.0.0.1')).ok).toBe(true);
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect(await checkLogin(u.email, 'feil passord', `10.0.1.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    // Locked, even with the right password and from another address: the limit is kept in PostgreSQL.
    expect(await checkLogin(u.email, TEST_PASSWORD, '10.0.2.1')).toEqual({ ok: false, reason: 'locked' });
    // After the window the account opens again.
    const later = new Date(Date.now() + LOGIN_LIMITS.windowMs + 1000);
    expect((await checkLogin(u.email, TEST_PASSWORD, '10.0.2.1', later)).ok).toBe(true);
  });

  test('one address trying many accounts is limited too', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) await checkLogin(`ingen${i}@example.no`, 'x', '10.9.9.9');
    const u = await userWithRole('club_editor', { organisationId: 1 });
    expect(await checkLogin(u.email, TEST_PASSWORD, '10.9.9.9')).toEqual({ ok: false, reason: 'locked' });
  });
});

describe('sessions', () => {
  test('the cookie holds an opaque id; only its hash is stored; each sign-in gets a new one', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const a = await createSession(u.id, true);
    const b = await createSession(u.id, true);
    expect(a).not.toEqual(b);
    expect(a).toMatch(/HttpOnly/);
    expect(a).toMatch(/SameSite=Lax/);
    const token = a.split(';')[0].split('=')[1];
    const rows = await db().select().from(s.session).where(eq(s.session.userId, u.id));
    expect(rows.map((r) => r.idHash)).not.toContain(token);
  });

  test('idle and absolute timeouts end a session; "sign out everywhere" ends them all', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const now = new Date();
    const cookie = (await createSession(u.id, true, now)).split(';')[0];
    expect(await getSessionUser(request('/', { cookie }), now)).not.toBeNull();
    expect(await getSessionUser(request('/', { cookie }), new Date(now.getTime() + IDLE_TIMEOUT_MS + 1000))).toBeNull();
    const cookie2 = (await createSession(u.id, true, now)).split(';')[0];
    expect(await getSessionUser(request('/', { cookie: cookie2 }), new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS + 1000))).toBeNull();
    const cookie3 = (await createSession(u.id, true)).split(';')[0];
    await destroyAllSessions(u.id);
    expect(await getSessionUser(request('/', { cookie: cookie3 }))).toBeNull();
  });
});

describe('one-time links', () => {
  test('work once, expire, and are stored only as hashes', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const token = await issueToken('verify_email', u.id);
    const stored = await db().select().from(s.oneTimeToken).where(eq(s.oneTimeToken.userId, u.id));
    expect(stored.map((r) => r.tokenHash)).not.toContain(token);
    expect(await verifyEmail(token)).toBe(true);
    expect(await verifyEmail(token)).toBe(false);
    const old = await issueToken('reset_password', u.id, {}, new Date(Date.now() - 2 * 3600 * 1000));
    expect(await consumeToken('reset_password', old)).toBeNull();
  });

  test('a password reset sets the new password only if it is strong enough', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const token = await issueToken('reset_password', u.id);
    expect(await resetPassword(token, 'kort')).toEqual({ ok: false, error: 'password.tooShort' });
    expect((await resetPassword(token, 'et helt nytt og langt passord')).ok).toBe(true);
    expect((await checkLogin(u.email, 'et helt nytt og langt passord', '10.3.3.3')).ok).toBe(true);
    expect((await resetPassword(token, 'et annet langt passord her')).ok).toBe(false);
  });
});

describe('second factor', () => {
  test('TOTP is turned on only with a valid code; recovery codes work once', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const secret = newTotpSecret();
    expect(await enableTotp(u.id, secret, '000000')).toBeNull();
    const codes = await enableTotp(u.id, secret, totpFor(secret, u.email).generate());
    expect(codes).toHaveLength(8);
    expect(await checkSecondFactor(u.id, totpFor(secret, u.email).generate())).toBe(true);
    expect(await checkSecondFactor(u.id, '123456')).toBe(false);
    expect(await checkSecondFactor(u.id, codes![0])).toBe(true);
    expect(await checkSecondFactor(u.id, codes![0])).toBe(false);
  });
});

describe('clubs join', () => {
  test('a club registers as pending, with its contact as club admin; a bad orgnr is refused', async () => {
    const bad = clubRegistrationInput.safeParse({ organisationName: 'Testklubben', orgnr: '123456789', kommune: 'modum', contactName: 'Test', email: 't@example.no', phone: '', password: 'en lang setning jeg husker' });
    expect(bad.success).toBe(false);
    const input = clubRegistrationInput.parse({ organisationName: 'Testklubben Ørn', orgnr: '974 760 673', kommune: 'modum', contactName: 'Test Testesen', email: 'ørn@example.no'.replace('ø', 'o'), phone: '', password: 'en lang setning jeg husker' });
    const result = await registerClub(input, 'nb');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, result.organisationId));
    expect(org).toMatchObject({ status: 'pending', orgnr: '974760673', verifiedAt: null });
    const [m] = await db().select().from(s.organisationMember).where(eq(s.organisationMember.userId, result.userId));
    expect(m.role).toBe('club_admin');
    expect(await registerClub(input, 'nb')).toEqual({ ok: false, field: 'email', error: 'emailTaken' });
  });
});

describe('permissions', () => {
  test('are granted by role within the scope only', () => {
    const m = { organisations: [{ organisationId: 1, kommuneId: 1, role: 'club_editor' as const }], kommuner: [{ kommuneId: 2, role: 'kommune_admin' as const }] };
    expect(can(m, 'edit:activity:own-organisation', { organisationId: 1 })).toBe(true);
    expect(can(m, 'edit:activity:own-organisation', { organisationId: 2 })).toBe(false);
    expect(can(m, 'manage:members:own-organisation', { organisationId: 1 })).toBe(false);
    expect(can(m, 'moderate:organisation:own-kommune', { kommuneId: 2 })).toBe(true);
    expect(can(m, 'moderate:organisation:own-kommune', { kommuneId: 1 })).toBe(false);
  });
});

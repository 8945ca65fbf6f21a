import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { and, desc } from 'drizzle-orm';
import {
  checkLogin, checkSecondFactor, clubRegistrationInput, consumeToken, enableTotp, isValidOrgnr, issueToken, LOGIN_LIMITS, newTotpSecret, peekToken, registerClub,
  requestPasswordReset, resetPassword, totpFor, verifyEmail,
} from '../../app/domain/auth/accounts.server';
import { decrypt } from '../../app/utils/crypto.server';
import * as registerPage from '../../app/routes/registrer-klubb';
import * as newPasswordPage from '../../app/routes/nytt-passord.$token';
import { appHandler } from '../setup/remix-app';
import { hashPassword, passwordProblem, verifyPassword } from '../../app/domain/auth/password.server';
import { can } from '../../app/domain/auth/permissions';
import { db } from '../../app/utils/db.server';
import { ABSOLUTE_TIMEOUT_MS, createSession, destroyAllSessions, getSessionUser, IDLE_TIMEOUT_MS } from '../../app/utils/session.server';
import { useTestDatabase } from '../setup/db';
import { form, request, TEST_PASSWORD, userWithRole } from '../setup/users';

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

/** The newest message of a template to an address (the outbox keeps both encrypted). */
async function lastMail(template: string, to: string) {
  const rows = await db().select().from(s.outbox).where(eq(s.outbox.template, template)).orderBy(desc(s.outbox.id));
  const row = rows.find((r) => decrypt(r.recipient) === to);
  return row ? { ...row, params: JSON.parse(decrypt(row.params.enc)) as Record<string, string> } : undefined;
}

describe('sign-in', () => {
  test('wrong passwords lock that account from that address only; the owner elsewhere still signs in', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    expect((await checkLogin(u.email, TEST_PASSWORD, '10.0.0.1')).ok).toBe(true);
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) expect(await checkLogin(u.email, 'feil passord', '10.0.1.1')).toEqual({ ok: false, reason: 'invalid' });
    // Locked from that address, even with the right password: the limit is kept in PostgreSQL.
    expect(await checkLogin(u.email, TEST_PASSWORD, '10.0.1.1')).toMatchObject({ ok: false, reason: 'locked' });
    // The owner at another address is not shut out by someone guessing from this one.
    expect((await checkLogin(u.email, TEST_PASSWORD, '10.0.2.1')).ok).toBe(true);
    // After the window the address may try again.
    const later = new Date(Date.now() + LOGIN_LIMITS.windowMs + 1000);
    expect((await checkLogin(u.email, TEST_PASSWORD, '10.0.1.1', later)).ok).toBe(true);
  });

  test('guessing from many addresses slows the whole account, and the reset by e-mail still works and opens it', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect(await checkLogin(u.email, 'feil passord', `10.1.${i}.1`)).toEqual({ ok: false, reason: 'invalid' });
    const locked = await checkLogin(u.email, TEST_PASSWORD, '10.1.200.1');
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(!locked.ok && locked.reason === 'locked' && locked.retryAfterSeconds).toBeGreaterThan(0);
    // The owner asks for a link from their own address: it comes, and the new password lets them in at once.
    await requestPasswordReset(u.email, 'nb');
    const mail = await lastMail('reset-password', u.email);
    const token = mail!.params.path.split('/').pop()!;
    const res = (await newPasswordPage.action({ request: request(`/nytt-passord/${token}`, form({ password: 'et helt nytt og langt passord' })), params: { token }, context: {} })) as Response;
    expect(res.status).toBe(302);
    expect((await checkLogin(u.email, 'et helt nytt og langt passord', '10.1.200.1')).ok).toBe(true);
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

  test('a newer reset link voids the older ones, and using one voids every other', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const first = await issueToken('reset_password', u.id);
    const second = await issueToken('reset_password', u.id);
    expect(await peekToken('reset_password', first)).toBeNull();
    expect(await resetPassword(first, 'et helt nytt og langt passord')).toEqual({ ok: false, error: 'tokenInvalid' });
    // Two asked for at once still leave exactly one working link.
    const [a, b] = await Promise.all([issueToken('reset_password', u.id), issueToken('reset_password', u.id)]);
    expect([await peekToken('reset_password', a), await peekToken('reset_password', b)].filter(Boolean)).toHaveLength(1);
    expect(await peekToken('reset_password', second)).toBeNull();
    const working = (await peekToken('reset_password', a)) ? a : b;
    expect((await resetPassword(working, 'et helt nytt og langt passord')).ok).toBe(true);
    const open = await db().select().from(s.oneTimeToken).where(and(eq(s.oneTimeToken.userId, u.id), eq(s.oneTimeToken.purpose, 'reset_password')));
    expect(open.filter((t) => !t.usedAt)).toHaveLength(0);
    // An invitation is not a reset link: issuing one voids nothing.
    const invitation = await issueToken('invitation', null, { organisationId: 1, role: 'club_editor', email: 'x@example.no' });
    await issueToken('invitation', null, { organisationId: 1, role: 'club_editor', email: 'x@example.no' });
    expect(await peekToken('invitation', invitation)).not.toBeNull();
  });

  test('reset e-mails to one address stop after three an hour, whoever asks from wherever', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    for (let i = 0; i < 6; i++) await requestPasswordReset(u.email, 'nb');
    const sent = (await db().select().from(s.outbox).where(eq(s.outbox.template, 'reset-password'))).filter((r) => decrypt(r.recipient) === u.email);
    expect(sent).toHaveLength(3);
    // The newest of them still works.
    const newest = await lastMail('reset-password', u.email);
    expect(await peekToken('reset_password', newest!.params.path.split('/').pop()!)).not.toBeNull();
  });
});

describe('second factor', () => {
  test('TOTP is turned on only with a valid code; recovery codes work once', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const secret = newTotpSecret();
    expect(await enableTotp(u.id, secret, '000000')).toBeNull();
    const now = new Date();
    const codes = await enableTotp(u.id, secret, totpFor(secret, u.email).generate({ timestamp: now.getTime() - 30_000 }), now);
    expect(codes).toHaveLength(8);
    expect(await checkSecondFactor(u.id, totpFor(secret, u.email).generate({ timestamp: now.getTime() }), now)).toBe(true);
    expect(await checkSecondFactor(u.id, '123456')).toBe(false);
    expect(await checkSecondFactor(u.id, codes![0])).toBe(true);
    expect(await checkSecondFactor(u.id, codes![0])).toBe(false);
  });

  test('a TOTP code is accepted once, even sent twice at once; an older one never after a newer', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const secret = newTotpSecret();
    const totp = totpFor(secret, u.email);
    const t0 = Math.floor(Date.now() / 30_000) * 30_000 + 1_000;
    const at = (steps: number) => new Date(t0 + steps * 30_000);
    // The code that turned the factor on is used up too.
    const setupCode = totp.generate({ timestamp: at(0).getTime() });
    expect(await enableTotp(u.id, secret, setupCode, at(0))).toHaveLength(8);
    expect(await checkSecondFactor(u.id, setupCode, at(0))).toBe(false);
    const code = totp.generate({ timestamp: at(1).getTime() });
    const twice = await Promise.all(Array.from({ length: 10 }, () => checkSecondFactor(u.id, code, at(1))));
    expect(twice.filter(Boolean)).toHaveLength(1);
    expect(await checkSecondFactor(u.id, code, at(1))).toBe(false);
    // A code from step 2 is still inside its window at step 3 (one step either side), but once the step-3
    // code is taken, the older one is refused though it was never used.
    const newer = totp.generate({ timestamp: at(3).getTime() });
    const older = totp.generate({ timestamp: at(2).getTime() });
    expect(await checkSecondFactor(u.id, newer, at(3))).toBe(true);
    if (older !== newer) expect(await checkSecondFactor(u.id, older, at(3))).toBe(false);
    const [row] = await db().select().from(s.user).where(eq(s.user.id, u.id));
    expect(row.totpLastStep).toBe(Math.floor(at(3).getTime() / 30_000));
  });

  test('a recovery code sent several times at once passes once', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const secret = newTotpSecret();
    const codes = await enableTotp(u.id, secret, totpFor(secret, u.email).generate());
    const answers = await Promise.all(Array.from({ length: 8 }, () => checkSecondFactor(u.id, codes![1])));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
});

describe('clubs join', () => {
  const registration = (email: string, name = 'Testklubben Ørn') =>
    clubRegistrationInput.parse({ organisationName: name, orgnr: '974 760 673', kommune: 'modum', contactName: 'Test Testesen', email, phone: '', password: 'en lang setning jeg husker' });

  test('a club registers as pending, with its contact as club admin; a bad orgnr is refused', async () => {
    const bad = clubRegistrationInput.safeParse({ organisationName: 'Testklubben', orgnr: '123456789', kommune: 'modum', contactName: 'Test', email: 't@example.no', phone: '', password: 'en lang setning jeg husker' });
    expect(bad.success).toBe(false);
    const result = await registerClub(registration('orn@example.no'), 'nb', '10.4.0.1');
    expect(result.ok && result.created).toBeTruthy();
    if (!result.ok || !result.created) return;
    const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, result.created.organisationId));
    expect(org).toMatchObject({ status: 'pending', orgnr: '974760673', verifiedAt: null });
    const [m] = await db().select().from(s.organisationMember).where(eq(s.organisationMember.userId, result.created.userId));
    expect(m.role).toBe('club_admin');
    expect(await lastMail('verify-email', 'orn@example.no')).toBeTruthy();
  });

  test('registration answers the same for a new address and a known one, and the known one’s owner gets an e-mail', async () => {
    const known = await userWithRole('club_editor', { organisationId: 1 });
    await db().update(s.user).set({ preferredLanguage: 'pl' }).where(eq(s.user.id, known.id));
    const post = async (email: string) => {
      const values = { organisationName: 'Samme Svar IL', orgnr: '', kommune: 'modum', contactName: 'Test Testesen', email, phone: '', password: 'en lang setning jeg husker', website: '' };
      const res = (await registerPage.action({ request: request('/registrer-klubb', form(values)), params: {}, context: { clientAddress: '10.4.0.2' } })) as Response;
      return { status: res.status, cookie: res.headers.get('Set-Cookie'), body: await res.json() };
    };
    const fresh = await post('helt.ny@example.no');
    const taken = await post(known.email.toUpperCase());
    expect(fresh).toEqual({ status: 200, cookie: null, body: { registered: true } });
    expect(taken).toEqual(fresh);
    const told = await lastMail('account-exists', known.email);
    expect(told).toMatchObject({ language: 'pl', params: { path: '/logg-inn' } });
    // No second account, no organisation for the known address.
    expect(await db().select().from(s.user).where(eq(s.user.email, known.email.toUpperCase()))).toHaveLength(0);
    expect(await db().select().from(s.organisation).where(eq(s.organisation.contactEmail, known.email))).toHaveLength(0);
    // The owner is told a few times a day at most, however often someone tries.
    for (let i = 0; i < 5; i++) await registerClub(registration(known.email, `Gjentatt ${i}`), 'nb', `10.4.1.${i}`);
    const all = (await db().select().from(s.outbox).where(eq(s.outbox.template, 'account-exists'))).filter((r) => decrypt(r.recipient) === known.email);
    expect(all).toHaveLength(3);
  });

  test('six registrations with one e-mail at once: no 500, the same answer to each, one account', async () => {
    const app = await appHandler();
    const email = `samtidig-${Date.now()}@example.no`;
    const register = (i: number) =>
      app.fetch(
        request('/registrer-klubb?_data=routes%2Fregistrer-klubb', form({ organisationName: 'Samtidig IL', orgnr: '', kommune: 'modum', contactName: `Samtidig ${i}`, email, phone: '', password: 'en lang setning jeg husker', website: '' })),
      );
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => register(i)));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(await Promise.all(answers.map((r) => r.text())))).toEqual(new Set(['{"registered":true}']));
    expect(await db().select().from(s.user).where(eq(s.user.email, email))).toHaveLength(1);
    expect(await db().select().from(s.organisation).where(eq(s.organisation.contactEmail, email))).toHaveLength(1);
  });

  test('two clubs of one name registering at once both get their own page address', async () => {
    const [a, b] = await Promise.all([registerClub(registration('tvilling.a@example.no', 'Tvilling IL'), 'nb', '10.4.2.1'), registerClub(registration('tvilling.b@example.no', 'Tvilling IL'), 'nb', '10.4.2.2')]);
    expect(a.ok && a.created && b.ok && b.created).toBeTruthy();
  });

  test('registrations from one address are limited, with the same refusal for any e-mail', async () => {
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await registerClub(registration(`mange.${i}@example.no`, `Mange ${i}`), 'nb', '10.4.3.1'));
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, field: 'form', error: 'locked' });
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

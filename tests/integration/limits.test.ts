// Limits that hold (issue 10, item 6): each attempt is counted and checked in one statement, so a burst
// of concurrent attempts gets exactly the limit through; the address is the one Express worked out.
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { checkLogin, LOGIN_LIMITS, SECOND_FACTOR_LIMIT, totpFor } from '../../app/domain/auth/accounts.server';
import { attempt, bucketFor, clearBucket, isLimited, purgeRateLimitEvents, recordEvent, refund } from '../../app/domain/auth/rate-limit.server';
import { encrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { clientAddress } from '../../app/utils/forms.server';
import * as codePage from '../../app/routes/logg-inn.kode';
import * as loginPage from '../../app/routes/logg-inn._index';
import * as forgotPage from '../../app/routes/glemt-passord';
import { useTestDatabase } from '../setup/db';
import { form, request, TEST_PASSWORD, userWithRole } from '../setup/users';

useTestDatabase();

const tally = (answers: boolean[]) => ({ allowed: answers.filter(Boolean).length, refused: answers.filter((a) => !a).length });
const minute = 60 * 1000;

describe('one statement counts and checks', () => {
  test('300 concurrent attempts on one bucket: exactly the limit pass, and the bucket holds only those', async () => {
    const bucket = `test:burst:${Date.now()}`;
    const now = new Date();
    const answers = await Promise.all(Array.from({ length: 300 }, () => attempt(bucket, 5, 15 * minute, now).then((a) => a.allowed)));
    expect(tally(answers)).toEqual({ allowed: 5, refused: 295 });
    const [row] = await db().select().from(s.rateLimitBucket).where(eq(s.rateLimitBucket.bucket, bucket));
    expect(row.hits).toHaveLength(5);
  });

  test('the window slides: an attempt counts until it is windowMs old, and a refusal says when to come back', async () => {
    const bucket = `test:slide:${Date.now()}`;
    const t0 = new Date('2026-12-01T10:00:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * minute);
    expect((await attempt(bucket, 2, 10 * minute, at(0))).allowed).toBe(true);
    expect((await attempt(bucket, 2, 10 * minute, at(4))).allowed).toBe(true);
    expect(await attempt(bucket, 2, 10 * minute, at(6))).toEqual({ allowed: false, retryAfterSeconds: 4 * 60 });
    // The refused attempt at 6 min was not recorded: at 10 min the first has left, one place is free.
    expect((await attempt(bucket, 2, 10 * minute, at(10.1))).allowed).toBe(true);
    expect((await attempt(bucket, 2, 10 * minute, at(10.2))).allowed).toBe(false);
    // A refund gives one place back.
    await refund(bucket, at(10.1));
    expect((await attempt(bucket, 2, 10 * minute, at(10.3))).allowed).toBe(true);
    await clearBucket(bucket);
    expect((await attempt(bucket, 2, 10 * minute, at(10.4))).allowed).toBe(true);
  });

  test('isLimited then recordEvent in one transaction cannot be raced either (the row is locked until commit)', async () => {
    const bucket = `test:two-step:${Date.now()}`;
    const now = new Date();
    const passed = await Promise.all(
      Array.from({ length: 40 }, () =>
        db().transaction(async (tx) => {
          if (await isLimited(bucket, 3, 15 * minute, now, tx)) return false;
          await recordEvent(bucket, now, tx);
          return true;
        }),
      ),
    );
    expect(tally(passed).allowed).toBe(3);
  });

  test('the purge deletes buckets whose attempts have all left their window', async () => {
    const bucket = `test:purge:${Date.now()}`;
    await attempt(bucket, 5, minute, new Date(Date.now() - 2 * minute));
    await purgeRateLimitEvents();
    expect(await db().select().from(s.rateLimitBucket).where(eq(s.rateLimitBucket.bucket, bucket))).toHaveLength(0);
  });
});

describe('sign-in under a burst', () => {
  test('60 concurrent wrong passwords for one account from one address: exactly 5 are checked', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const results = await Promise.all(Array.from({ length: 60 }, () => checkLogin(u.email, 'feil passord her', '203.0.113.60')));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(LOGIN_LIMITS.perAccountAndAddress);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(60 - LOGIN_LIMITS.perAccountAndAddress);
  });

  test('60 concurrent wrong passwords for one account from 60 addresses: exactly the account limit are checked', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => checkLogin(u.email, 'feil passord her', `198.51.100.${i}`)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(LOGIN_LIMITS.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(60 - LOGIN_LIMITS.perAccount);
  });

  test('through the page: a locked sign-in answers 429 with Retry-After and points to the reset', async () => {
    const u = await userWithRole('club_editor', { organisationId: 1 });
    const post = () =>
      loginPage.action({ request: request('/logg-inn', form({ email: u.email, password: 'feil passord her' })), params: {}, context: { clientAddress: '203.0.113.61' } });
    const answers = await Promise.all(Array.from({ length: 12 }, post));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(5).fill(400), ...Array(7).fill(429)]);
    const locked = answers.find((r) => r.status === 429)!;
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await locked.json()).errors).toEqual({ form: 'account:errors.loginLocked' });
  });
});

describe('the second factor under a burst', () => {
  test('100 concurrent wrong TOTP codes: exactly 5 are checked, the rest are refused unchecked', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ';
    await db().update(s.user).set({ totpSecret: encrypt(secret), totpEnabledAt: new Date() }).where(eq(s.user.id, u.id));
    const [sess] = await db().select().from(s.session).where(eq(s.session.userId, u.id));
    await db().update(s.session).set({ verifiedAt: null }).where(eq(s.session.idHash, sess.idHash));
    const right = totpFor(secret, u.email).generate();
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const post = (code: string) =>
      codePage.action({ request: request('/logg-inn/kode', { cookie: u.cookie, ...form({ code, next: '/konto' }) }), params: {}, context: {} }) as Promise<Response>;
    const answers = await Promise.all(Array.from({ length: 100 }, () => post(wrong)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((x) => x === 400)).toHaveLength(SECOND_FACTOR_LIMIT.attempts);
    expect(statuses.filter((x) => x === 429)).toHaveLength(100 - SECOND_FACTOR_LIMIT.attempts);
    // Even the right code now waits for the window.
    expect((await post(right)).status).toBe(429);
  });
});

describe('the client address', () => {
  test('comes from the load context (Express req.ip), never from a header the client wrote', async () => {
    const forged = new Request('http://localhost/', { headers: { 'X-Forwarded-For': '192.0.2.77', 'X-Real-IP': '192.0.2.78' } });
    expect(clientAddress({ clientAddress: '203.0.113.9' })).toBe('203.0.113.9');
    // An action called without one (tests, a misconfigured entry) counts as one unknown address.
    expect(clientAddress({})).toBe('unknown');
    expect(clientAddress(undefined)).toBe('unknown');
    expect(forged.headers.get('x-forwarded-for')).toBe('192.0.2.77');
  });

  test('rotating X-Forwarded-For does not give a fresh bucket: 8 reset requests with 8 forged addresses, the sixth is refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = (await forgotPage.action({
        request: request('/glemt-passord', { ...form({ email: `ingen${i}@example.no` }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': `192.0.2.${i}` } }),
        params: {},
        context: { clientAddress: '203.0.113.70' },
      })) as Response;
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  test('one address trying many accounts is limited, whatever the accounts', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) await checkLogin(`ingen${i}@example.no`, 'x', '10.9.9.9');
    const u = await userWithRole('club_editor', { organisationId: 1 });
    expect(await checkLogin(u.email, TEST_PASSWORD, '10.9.9.9')).toMatchObject({ ok: false, reason: 'locked' });
    // Successful sign-ins from a busy address (a school) do not use up its limit.
    const v = await userWithRole('club_editor', { organisationId: 1 });
    for (let i = 0; i < LOGIN_LIMITS.perAddress + 5; i++) expect((await checkLogin(v.email, TEST_PASSWORD, '10.9.9.10')).ok).toBe(true);
    expect(bucketFor('login:ip', '10.9.9.9')).not.toContain('10.9.9.9');
  });
});

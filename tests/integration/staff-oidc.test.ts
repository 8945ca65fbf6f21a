import { eq, sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { allowHttpIssuer, consumeAttempt, finishOidcLogin, findAccount, providerLogoutUrl, rememberOidcSession, resetOidcDiscovery, startOidcLogin } from '../../app/domain/auth/oidc.server';
import { issueToken } from '../../app/domain/auth/accounts.server';
import { hashToken } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { parseEnv, resetEnv } from '../../app/utils/env.server';
import { startSession } from '../../app/utils/session.server';
import * as callbackRoute from '../../app/routes/logg-inn.oidc.callback';
import { useTestDatabase } from '../setup/db';
import { startTestProvider, walkToPortal, type TestProvider } from '../setup/oidc-provider';
import { userWithRole } from '../setup/users';

useTestDatabase();

const PORTAL = 'http://localhost:3999';
let op: TestProvider;
let entra: TestProvider;
const saved = { ...process.env };

beforeAll(async () => {
  op = await startTestProvider(PORTAL);
  entra = await startTestProvider(PORTAL);
  process.env.PUBLIC_URL = PORTAL;
  process.env.OIDC_PROVIDERS = JSON.stringify([
    { id: 'idporten', kind: 'idporten', issuer: op.issuer, clientId: op.clientId, kommuner: ['modum'] },
    { id: 'entra', kind: 'entra', issuer: entra.issuer, clientId: entra.clientId, kommuner: ['*'] },
    { id: 'gone', kind: 'idporten', issuer: 'http://127.0.0.1:9', clientId: 'x', kommuner: ['*'] },
  ]);
  resetEnv();
  resetOidcDiscovery();
});

afterAll(async () => {
  process.env = saved;
  resetEnv();
  await Promise.all([op.close(), entra.close()]);
});

/** Starts a sign-in, lets the provider log `account` in, and returns the callback URL it sent back. */
async function throughProvider(provider: TestProvider, providerId: string, account: TestProvider['nextAccount'], extra: { invitationToken?: string } = {}) {
  provider.nextAccount = account;
  const start = await startOidcLogin(providerId, { next: '/konto', language: 'nb', ...extra });
  if (!start.ok) throw new Error(start.reason);
  const { url } = await walkToPortal(start.url, PORTAL);
  return { authUrl: new URL(start.url), callback: url };
}

describe('configuration', () => {
  test('a bad OIDC_PROVIDERS stops the boot with a message naming it, never the secret', () => {
    expect(() => parseEnv({ OIDC_PROVIDERS: '{not json' })).toThrow(/OIDC_PROVIDERS: must be a JSON array/);
    expect(() => parseEnv({ OIDC_PROVIDERS: JSON.stringify([{ id: 'a', kind: 'saml', issuer: 'x', clientId: 'c', clientSecret: 'hemmelig', kommuner: [] }]) })).toThrow(
      /OIDC_PROVIDERS: provider 0\.kind/,
    );
    try {
      parseEnv({ OIDC_PROVIDERS: JSON.stringify([{ id: 'a', kind: 'entra', issuer: 'nope', clientId: 'c', clientSecret: 'hemmelig', kommuner: ['*'] }]) });
    } catch (e) {
      expect((e as Error).message).toMatch(/OIDC_PROVIDERS/);
      expect((e as Error).message).not.toMatch(/hemmelig/);
    }
  });

  test('in production a provider is reached over https, or over http only on this machine', () => {
    expect(allowHttpIssuer('http://idporten.example.no', true)).toBe(false);
    expect(allowHttpIssuer('https://idporten.no', true)).toBe(false); // https needs no exception
    expect(allowHttpIssuer('http://127.0.0.1:4000', true)).toBe(true);
    expect(allowHttpIssuer('http://localhost:4000', true)).toBe(true);
    expect(allowHttpIssuer('http://idporten.example.no', false)).toBe(true);
  });

  test('an unreachable provider is a refusal to start, not an error', async () => {
    expect(await startOidcLogin('gone', { language: 'nb' })).toEqual({ ok: false, reason: 'unreachable' });
    expect(await startOidcLogin('nope', { language: 'nb' })).toEqual({ ok: false, reason: 'unknownProvider' });
  });
});

describe('staff sign-in with ID-porten', () => {
  test('the authorization request has PKCE S256, state, nonce, the substantial level and the page language', async () => {
    const start = await startOidcLogin('idporten', { language: 'nn' });
    expect(start.ok).toBe(true);
    const url = new URL((start as { url: string }).url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('acr_values')).toBe('idporten-loa-substantial');
    expect(url.searchParams.get('ui_locales')).toBe('nn');
    expect(url.searchParams.get('scope')).toBe('openid');
    const state = url.searchParams.get('state')!;
    const [row] = await db().select().from(s.oidcLoginAttempt).where(eq(s.oidcLoginAttempt.stateHash, hashToken(state)));
    expect(row.nonce).toBe(url.searchParams.get('nonce'));
    // The verifier is encrypted at rest, and the state itself is not stored.
    expect(row.codeVerifier).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(state);
    // Somali is not an ID-porten language: no ui_locales.
    const so = new URL(((await startOidcLogin('idporten', { language: 'so' })) as { url: string }).url);
    expect(so.searchParams.has('ui_locales')).toBe(false);
  });

  test('a linked identity signs in; the pid is never stored', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    await db().insert(s.userIdentity).values({ providerId: 'idporten', subject: 'sub-linked', userId: u.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-linked', pid: '01017012345' });
    const result = await finishOidcLogin(callback);
    expect(result).toMatchObject({ ok: true, userId: u.id, returnTo: '/konto' });
    const everything = await db().execute(sql`select (select json_agg(t) from user_identity t)::text as a, (select json_agg(t) from audit_event t)::text as b, (select json_agg(t) from oidc_login_attempt t)::text as c, (select json_agg(t) from "user" t)::text as d`);
    expect(JSON.stringify(everything)).not.toContain('01017012345');
    const [audited] = await db().select().from(s.auditEvent).where(eq(s.auditEvent.action, 'auth.oidc_sign_in'));
    expect(audited).toMatchObject({ actorUserId: u.id, entityId: u.id });
  });

  test('the callback route starts a session already verified (no TOTP on top) and sign-out goes to the provider', async () => {
    const u = await userWithRole('guide', { kommune: 'modum' });
    await db().insert(s.userIdentity).values({ providerId: 'idporten', subject: 'sub-guide', userId: u.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-guide' });
    const res = (await callbackRoute.loader({ request: new Request(callback), params: {}, context: {} })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/konto');
    const cookie = res.headers.get('Set-Cookie')!.split(';')[0];
    const hash = hashToken(cookie.split('=')[1]);
    const [sess] = await db().select().from(s.session).where(eq(s.session.idHash, hash));
    expect(sess.userId).toBe(u.id);
    expect(sess.verifiedAt).not.toBeNull();
    const logout = new URL((await providerLogoutUrl(hash))!);
    expect(logout.origin).toBe(op.issuer);
    expect(logout.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${PORTAL}/logg-inn`);
    // Used once: the record is gone after the logout.
    expect(await providerLogoutUrl(hash)).toBeNull();
  });

  test('a replayed callback (the same URL twice) is refused the second time', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    await db().insert(s.userIdentity).values({ providerId: 'idporten', subject: 'sub-replay', userId: u.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-replay' });
    expect((await finishOidcLogin(callback)).ok).toBe(true);
    expect(await finishOidcLogin(callback)).toEqual({ ok: false, reason: 'state' });
  });

  test('a tampered or absent state is refused and audited', async () => {
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-x' });
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'forged');
    expect(await finishOidcLogin(tampered)).toEqual({ ok: false, reason: 'state' });
    const absent = new URL(callback);
    absent.searchParams.delete('state');
    expect(await finishOidcLogin(absent)).toEqual({ ok: false, reason: 'state' });
    const refusals = await db().select().from(s.auditEvent).where(eq(s.auditEvent.action, 'auth.oidc_refused'));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  test('an id token with another nonce than the attempt expects is refused', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    await db().insert(s.userIdentity).values({ providerId: 'idporten', subject: 'sub-nonce', userId: u.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-nonce' });
    // The provider put the attempt's nonce in the token; the attempt now expects another one.
    await db()
      .update(s.oidcLoginAttempt)
      .set({ nonce: 'another-nonce' })
      .where(eq(s.oidcLoginAttempt.stateHash, hashToken(callback.searchParams.get('state')!)));
    expect(await finishOidcLogin(callback)).toEqual({ ok: false, reason: 'token' });
  });

  test('a code taken to another attempt fails PKCE', async () => {
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-pkce' });
    const other = new URL(((await startOidcLogin('idporten', { language: 'nb' })) as { url: string }).url);
    const swapped = new URL(callback);
    swapped.searchParams.set('state', other.searchParams.get('state')!);
    expect(await finishOidcLogin(swapped)).toEqual({ ok: false, reason: 'token' });
  });

  test('a level below substantial is refused', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    await db().insert(s.userIdentity).values({ providerId: 'idporten', subject: 'sub-low', userId: u.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-low', acr: 'substantial' });
    expect(await finishOidcLogin(callback)).toEqual({ ok: false, reason: 'acr' });
  });

  test('an expired attempt is refused', async () => {
    const start = await startOidcLogin('idporten', { language: 'nb' }, new Date(Date.now() - 11 * 60 * 1000));
    const state = new URL((start as { url: string }).url).searchParams.get('state')!;
    expect(await consumeAttempt(state)).toBeNull();
  });

  test('of many callbacks for one attempt at once, exactly one takes it', async () => {
    const start = await startOidcLogin('idporten', { language: 'nb' });
    const state = new URL((start as { url: string }).url).searchParams.get('state')!;
    const taken = await Promise.all(Array.from({ length: 8 }, () => consumeAttempt(state)));
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  test('a stranger never gets an account: unknown user, nothing created', async () => {
    const users = await db().select({ n: sql<number>`count(*)::int` }).from(s.user);
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-stranger', pid: '02029912345' });
    expect(await finishOidcLogin(callback)).toEqual({ ok: false, reason: 'unknownUser' });
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(s.user)).toEqual(users);
    expect(await db().select().from(s.userIdentity).where(eq(s.userIdentity.subject, 'sub-stranger'))).toEqual([]);
    const [refused] = await db().select().from(s.auditEvent).where(eq(s.auditEvent.action, 'auth.oidc_refused')).orderBy(sql`id desc`).limit(1);
    expect(refused.detail).toEqual({ reason: 'unknownUser' });
    expect(JSON.stringify(refused)).not.toContain('sub-stranger');
  });

  test('a linked user of a kommune the provider does not serve is refused', async () => {
    const u = await userWithRole('coordinator', { kommune: 'sigdal' });
    await db().insert(s.userIdentity).values({ providerId: 'idporten', subject: 'sub-sigdal', userId: u.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-sigdal' });
    expect(await finishOidcLogin(callback)).toEqual({ ok: false, reason: 'unknownUser' });
  });
});

describe('linking', () => {
  test('an invited guide accepts through the provider: the identity is linked and the invitation used', async () => {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const email = `invited-${Date.now()}@test.example`;
    const token = await issueToken('invitation', null, { email, role: 'guide', kommuneId: modum.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-invited', pid: '03039912345' }, { invitationToken: token });
    const result = await finishOidcLogin(callback);
    expect(result.ok).toBe(true);
    const [u] = await db().select().from(s.user).where(eq(s.user.email, email));
    expect(u.passwordHash).toBeNull();
    expect(await db().select().from(s.userIdentity).where(eq(s.userIdentity.subject, 'sub-invited'))).toMatchObject([{ userId: u.id, providerId: 'idporten' }]);
    expect(await db().select().from(s.kommuneMember).where(eq(s.kommuneMember.userId, u.id))).toMatchObject([{ role: 'guide', kommuneId: modum.id }]);
    const [tok] = await db().select().from(s.oneTimeToken).where(eq(s.oneTimeToken.tokenHash, hashToken(token)));
    expect(tok.usedAt).not.toBeNull();
    // Next time the link alone signs in.
    const again = await throughProvider(op, 'idporten', { sub: 'sub-invited' });
    expect(await finishOidcLogin(again.callback)).toMatchObject({ ok: true, userId: u.id });
  });

  test('an invitation to an address that already has an account is not accepted through a provider: a forwarded link ties no stranger to it', async () => {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const u = await userWithRole('referrer', { kommune: 'modum' });
    const token = await issueToken('invitation', null, { email: u.email, role: 'guide', kommuneId: modum.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-forwarded' }, { invitationToken: token });
    expect(await finishOidcLogin(callback)).toMatchObject({ ok: false });
    expect(await db().select().from(s.userIdentity).where(eq(s.userIdentity.subject, 'sub-forwarded'))).toEqual([]);
    const [tok] = await db().select().from(s.oneTimeToken).where(eq(s.oneTimeToken.tokenHash, hashToken(token)));
    expect(tok.usedAt).toBeNull();
  });

  test("the operator's invitation of a kommune's first admin is accepted through a provider", async () => {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const email = `first-admin-${Date.now()}@test.example`;
    const token = await issueToken('invitation', null, { kind: 'kommune', email, role: 'kommune_admin', kommuneId: modum.id });
    const { callback } = await throughProvider(op, 'idporten', { sub: 'sub-first-admin' }, { invitationToken: token });
    expect(await finishOidcLogin(callback)).toMatchObject({ ok: true });
    const [u] = await db().select().from(s.user).where(eq(s.user.email, email));
    expect(await db().select().from(s.kommuneMember).where(eq(s.kommuneMember.userId, u.id))).toMatchObject([{ role: 'kommune_admin', kommuneId: modum.id }]);
    expect(await db().select().from(s.userIdentity).where(eq(s.userIdentity.subject, 'sub-first-admin'))).toMatchObject([{ userId: u.id }]);
  });

  test("Entra's e-mail links an existing staff account only when the domain owner verified it (xms_edov)", async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const unverified = await throughProvider(entra, 'entra', { sub: 'entra-1', email: u.email, xms_edov: false });
    expect(await finishOidcLogin(unverified.callback)).toEqual({ ok: false, reason: 'unknownUser' });
    const verified = await throughProvider(entra, 'entra', { sub: 'entra-1', email: u.email, xms_edov: true });
    expect(await finishOidcLogin(verified.callback)).toMatchObject({ ok: true, userId: u.id });
    expect(await db().select().from(s.userIdentity).where(eq(s.userIdentity.subject, 'entra-1'))).toMatchObject([{ userId: u.id }]);
  });

  test('ID-porten never links by e-mail, even if a claim says so', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const p = { id: 'idporten', kind: 'idporten' as const, issuer: op.issuer, clientId: 'x', kommuner: ['*'] };
    expect(await findAccount(p, { sub: 'sub-mail', email: u.email, xms_edov: true, iss: '', aud: '', iat: 0, exp: 0 }, null)).toEqual({ ok: false, reason: 'unknownUser' });
  });

  test('sign-out of a password session stays local', async () => {
    const u = await userWithRole('coordinator', { kommune: 'modum' });
    const session = await startSession(u.id, true);
    expect(await providerLogoutUrl(session.idHash)).toBeNull();
    await rememberOidcSession('no-such-state', session.idHash, 'x');
    expect(await providerLogoutUrl(session.idHash)).toBeNull();
  });
});

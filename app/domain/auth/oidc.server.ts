import { z } from 'zod';
import * as client from 'openid-client';
import { TransactionRollbackError, and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { oidcLoginAttempt, userIdentity } from '../../../db/schema/identity';
import { kommune } from '../../../db/schema/kommune';
import { kommuneMember, organisationMember } from '../../../db/schema/membership';
import { organisation } from '../../../db/schema/organisation';
import { user } from '../../../db/schema/user';
import { decrypt, encrypt, hashToken } from '~/utils/crypto.server';
import { db } from '~/utils/db.server';
import { env, publicUrl, type OidcProviderConfig } from '~/utils/env.server';
import { safeNext } from '~/utils/redirect';
import { ABSOLUTE_TIMEOUT_MS } from '~/utils/session.server';
import { audit } from '~/domain/audit.server';
import { redeemInvitation } from '~/domain/club/members.server';
import { inTransaction } from '~/utils/transaction.server';
import { peekToken } from './accounts.server';
import { normaliseEmail } from './accounts.server';

// Staff sign-in with OpenID Connect (docs/decisions/021-staff-sign-in-with-openid-connect.md).

export const OIDC_ATTEMPT_TTL_MS = 10 * 60 * 1000;
export const OIDC_DISCOVERY_TIMEOUT_SECONDS = 5;
/** A failed discovery is retried after this long, not on every request. */
const DISCOVERY_RETRY_MS = 30_000;

export const OIDC_CALLBACK_PATH = '/logg-inn/oidc/callback';
export const OIDC_LOGGED_OUT_PATH = '/logg-inn';

/** The level we ask for and accept (or higher), per kind; Entra has no acr of this kind. */
const ACR: Record<OidcProviderConfig['kind'], { request: string; accept: string[] } | null> = {
  idporten: { request: 'idporten-loa-substantial', accept: ['idporten-loa-substantial', 'idporten-loa-high'] },
  ansattporten: { request: 'substantial', accept: ['substantial', 'high'] },
  entra: null,
};

/** The languages each kind shows its own pages in; other page languages send no ui_locales. */
const UI_LOCALES: Record<OidcProviderConfig['kind'], string[]> = {
  idporten: ['nb', 'nn', 'en', 'se'],
  ansattporten: ['nb', 'nn', 'en', 'se'],
  entra: ['nb', 'en', 'pl', 'lt', 'uk', 'ar'],
};

export type OidcProviderView = { id: string; kind: OidcProviderConfig['kind']; label: string };

export function oidcProviders(): OidcProviderConfig[] {
  return env().OIDC_PROVIDERS;
}

export function findProvider(id: string) {
  return oidcProviders().find((p) => p.id === id) ?? null;
}

const defaultLabel = (p: OidcProviderConfig) => p.label ?? (p.kind === 'idporten' ? 'ID-porten' : p.kind === 'ansattporten' ? 'Ansattporten' : 'Microsoft Entra ID');

const view = (p: OidcProviderConfig): OidcProviderView => ({ id: p.id, kind: p.kind, label: defaultLabel(p) });

/** Every configured provider, for the sign-in page (it does not know the kommune yet). */
export function providerButtons(): OidcProviderView[] {
  return oidcProviders().map(view);
}

/** The providers configured for a kommune (by slug), for the invitation page. */
export function providersForKommune(slug: string | null): OidcProviderView[] {
  return oidcProviders()
    .filter((p) => p.kommuner.includes('*') || (slug !== null && p.kommuner.includes(slug)))
    .map(view);
}

// ---------------------------------------------------------------------------------------------------
// Discovery, once per provider and cached; a failure is remembered for a short while.

const discovered = new Map<string, { config?: Promise<client.Configuration>; failedAt?: number }>();

/** Tests start providers on new ports: forget what was discovered. */
export function resetOidcDiscovery() {
  discovered.clear();
}

/**
 * Plain http to a provider only outside production, or to one on this machine (loopback traffic never
 * leaves it: a provider run beside the portal, and the production-mode browser tests' own provider).
 */
export function allowHttpIssuer(issuer: string, isProduction: boolean) {
  const u = new URL(issuer);
  if (u.protocol !== 'http:') return false;
  return !isProduction || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

export async function providerConfig(p: OidcProviderConfig): Promise<client.Configuration | null> {
  const cached = discovered.get(p.id);
  if (cached?.failedAt && Date.now() - cached.failedAt < DISCOVERY_RETRY_MS) return null;
  if (!cached?.config) {
    const auth = p.clientSecret ? client.ClientSecretPost(p.clientSecret) : client.None();
    const config = client.discovery(new URL(p.issuer), p.clientId, undefined, auth, {
      timeout: OIDC_DISCOVERY_TIMEOUT_SECONDS,
      execute: allowHttpIssuer(p.issuer, env().isProduction) ? [client.allowInsecureRequests] : [],
    });
    discovered.set(p.id, { config });
  }
  try {
    return await discovered.get(p.id)!.config!;
  } catch {
    discovered.set(p.id, { failedAt: Date.now() });
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Starting a sign-in.

/** What the sign-in and invitation forms post to start a sign-in. */
export const oidcStartInput = z.object({ next: z.string().max(500).optional(), invitation: z.string().max(200).optional() });

export type StartResult = { ok: true; url: string } | { ok: false; reason: 'unknownProvider' | 'unreachable' | 'invitationInvalid' };

export async function startOidcLogin(
  providerId: string,
  input: { next?: string | null; invitationToken?: string | null; language: string },
  now = new Date(),
): Promise<StartResult> {
  const p = findProvider(providerId);
  if (!p) return { ok: false, reason: 'unknownProvider' };
  if (input.invitationToken && !(await peekToken('invitation', input.invitationToken, now))) return { ok: false, reason: 'invitationInvalid' };
  const config = await providerConfig(p);
  if (!config) return { ok: false, reason: 'unreachable' };
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await db()
    .insert(oidcLoginAttempt)
    .values({
      stateHash: hashToken(state),
      providerId: p.id,
      nonce,
      codeVerifier: encrypt(codeVerifier),
      invitationTokenHash: input.invitationToken ? hashToken(input.invitationToken) : null,
      invitationToken: input.invitationToken ? encrypt(input.invitationToken) : null,
      returnTo: safeNext(input.next),
      createdAt: now,
      expiresAt: new Date(now.getTime() + OIDC_ATTEMPT_TTL_MS),
    });
  const params: Record<string, string> = {
    redirect_uri: `${publicUrl()}${OIDC_CALLBACK_PATH}`,
    response_type: 'code',
    scope: p.kind === 'entra' ? 'openid email profile' : 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  const acr = ACR[p.kind];
  if (acr) params.acr_values = acr.request;
  if (UI_LOCALES[p.kind].includes(input.language)) params.ui_locales = input.language;
  return { ok: true, url: client.buildAuthorizationUrl(config, params).href };
}

// ---------------------------------------------------------------------------------------------------
// The callback.

export type RefusalReason = 'state' | 'provider' | 'unreachable' | 'token' | 'acr' | 'unknownUser' | 'invitation' | 'denied';

export type CallbackResult =
  | { ok: true; userId: string; providerId: string; stateHash: string; idToken: string | undefined; returnTo: string }
  | { ok: false; reason: RefusalReason };

/**
 * Takes the attempt named by `state` exactly once (one UPDATE … WHERE used_at IS NULL: of two callbacks at
 * once, one gets the row), then exchanges the code and finds the account. Refusals are audited by reason
 * only, never with a claim.
 */
export async function consumeAttempt(state: string, now = new Date()) {
  const [row] = await db()
    .update(oidcLoginAttempt)
    .set({ usedAt: now })
    .where(and(eq(oidcLoginAttempt.stateHash, hashToken(state)), isNull(oidcLoginAttempt.usedAt), gt(oidcLoginAttempt.expiresAt, now)))
    .returning();
  return row ?? null;
}

async function refuse(reason: RefusalReason, providerId: string | null): Promise<CallbackResult> {
  await audit({ actorUserId: null, action: 'auth.oidc_refused', entity: 'oidc_provider', entityId: providerId ?? 'unknown', detail: { reason } });
  return { ok: false, reason };
}

export async function finishOidcLogin(callbackUrl: URL, now = new Date()): Promise<CallbackResult> {
  const state = callbackUrl.searchParams.get('state');
  if (!state) return refuse('state', null);
  const attempt = await consumeAttempt(state, now);
  if (!attempt) return refuse('state', null);
  const p = findProvider(attempt.providerId);
  if (!p) return refuse('provider', attempt.providerId);
  if (callbackUrl.searchParams.get('error')) return refuse('denied', p.id);
  const config = await providerConfig(p);
  if (!config) return refuse('unreachable', p.id);
  // openid-client compares the redirect URI it is given with the one sent: use our public address.
  const current = new URL(`${publicUrl()}${OIDC_CALLBACK_PATH}${callbackUrl.search}`);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: decrypt(attempt.codeVerifier),
      expectedState: state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
  } catch {
    return refuse('token', p.id);
  }
  const claims = tokens.claims();
  if (!claims) return refuse('token', p.id);
  const acr = ACR[p.kind];
  if (acr && !acr.accept.includes(String(claims.acr ?? ''))) return refuse('acr', p.id);
  const invitationToken = attempt.invitationToken ? decrypt(attempt.invitationToken) : null;
  const found = await findAccount(p, claims, invitationToken, now);
  if (!found.ok) return refuse(found.reason, p.id);
  await audit({ actorUserId: found.userId, action: 'auth.oidc_sign_in', entity: 'user', entityId: found.userId, detail: { provider: p.id, by: found.by } });
  return { ok: true, userId: found.userId, providerId: p.id, stateHash: attempt.stateHash, idToken: tokens.id_token, returnTo: safeNext(attempt.returnTo) };
}

/** After the session exists: keep its hash and the id token (encrypted) for the provider's logout. */
export async function rememberOidcSession(stateHash: string, sessionIdHash: string, idToken: string | undefined) {
  await db()
    .update(oidcLoginAttempt)
    .set({ sessionIdHash, idToken: idToken ? encrypt(idToken) : null })
    .where(eq(oidcLoginAttempt.stateHash, stateHash));
}

type Found = { ok: true; userId: string; by: 'identity' | 'invitation' | 'verifiedEmail' } | { ok: false; reason: 'unknownUser' | 'invitation' };

/** Entra's `email` is whatever the tenant wrote; only a domain-owner-verified one counts (xms_edov). */
export function verifiedEmail(p: OidcProviderConfig, claims: client.IDToken): string | null {
  if (p.kind !== 'entra') return null;
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
  if (!email) return null;
  return claims.xms_edov === true || claims.xms_edov === 'true' || claims.xms_edov === 1 ? email : null;
}

/**
 * The account for a provider's `sub`: a linked identity; else the invitation this sign-in carries; else a
 * staff account with the provider's verified e-mail. Never a new account from a stranger's sign-in. Only
 * `sub` is stored; `pid` and every other claim are dropped here.
 */
export async function findAccount(p: OidcProviderConfig, claims: client.IDToken, invitationToken: string | null, now = new Date()): Promise<Found> {
  const subject = claims.sub;
  const [linked] = await db().select({ userId: userIdentity.userId }).from(userIdentity).where(and(eq(userIdentity.providerId, p.id), eq(userIdentity.subject, subject)));
  if (linked) {
    return (await providerServesUser(p, linked.userId)) ? { ok: true, userId: linked.userId, by: 'identity' } : { ok: false, reason: 'unknownUser' };
  }
  if (invitationToken) {
    const userId = await acceptInvitationWithIdentity(invitationToken, p.id, subject, now);
    return userId ? { ok: true, userId, by: 'invitation' } : { ok: false, reason: 'invitation' };
  }
  const email = verifiedEmail(p, claims);
  if (email) {
    const [existing] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
    if (existing && (await isStaff(existing.id)) && (await providerServesUser(p, existing.id))) {
      await linkIdentity(p.id, subject, existing.id, now);
      return { ok: true, userId: existing.id, by: 'verifiedEmail' };
    }
  }
  return { ok: false, reason: 'unknownUser' };
}

export async function linkIdentity(providerId: string, subject: string, userId: string, now = new Date()) {
  await db().insert(userIdentity).values({ providerId, subject, userId, linkedAt: now }).onConflictDoNothing();
  await audit({ actorUserId: userId, action: 'auth.oidc_linked', entity: 'user', entityId: userId, detail: { provider: providerId } });
}

async function isStaff(userId: string) {
  const [k] = await db().select({ u: kommuneMember.userId }).from(kommuneMember).where(eq(kommuneMember.userId, userId)).limit(1);
  if (k) return true;
  const [o] = await db().select({ u: organisationMember.userId }).from(organisationMember).where(eq(organisationMember.userId, userId)).limit(1);
  return Boolean(o);
}

/** Kommune slugs the user works in (kommune roles, and the kommuner of their organisations). */
async function userKommuneSlugs(userId: string) {
  const [direct, viaOrg] = await Promise.all([
    db().select({ slug: kommune.slug }).from(kommuneMember).innerJoin(kommune, eq(kommune.id, kommuneMember.kommuneId)).where(eq(kommuneMember.userId, userId)),
    db()
      .select({ slug: kommune.slug })
      .from(organisationMember)
      .innerJoin(organisation, eq(organisation.id, organisationMember.organisationId))
      .innerJoin(kommune, eq(kommune.id, organisation.kommuneId))
      .where(eq(organisationMember.userId, userId)),
  ]);
  return new Set([...direct, ...viaOrg].map((r) => r.slug));
}

async function providerServesUser(p: OidcProviderConfig, userId: string) {
  if (p.kommuner.includes('*')) return true;
  const slugs = await userKommuneSlugs(userId);
  return p.kommuner.some((s) => slugs.has(s));
}

/** The kommune slug an invitation belongs to (its own, or its organisation's), or null. */
export async function invitationKommuneSlug(token: string): Promise<string | null> {
  const row = await peekToken('invitation', token);
  if (!row) return null;
  if (row.payload.kommuneId !== undefined) {
    const [k] = await db().select({ slug: kommune.slug }).from(kommune).where(eq(kommune.id, Number(row.payload.kommuneId)));
    return k?.slug ?? null;
  }
  const [o] = await db()
    .select({ slug: kommune.slug })
    .from(organisation)
    .innerJoin(kommune, eq(kommune.id, organisation.kommuneId))
    .where(eq(organisation.id, Number(row.payload.organisationId)));
  return o?.slug ?? null;
}

/**
 * The one place an invitation meets a provider's sign-in: the invited address's account (created here,
 * without a password, when there is none) gets the identity and accepts the invitation. Today's
 * acceptInvitation() (app/domain/club/members.server.ts) does the joining; the operator's kommune
 * invitations should plug in here as well. Returns the user id, or null when the invitation is not open.
 */
export async function acceptInvitationWithIdentity(token: string, providerId: string, subject: string, now = new Date()): Promise<string | null> {
  const row = await peekToken('invitation', token, now);
  if (!row) return null;
  const p = findProvider(providerId);
  const slug = await invitationKommuneSlug(token);
  if (!p || !(p.kommuner.includes('*') || (slug !== null && p.kommuner.includes(slug)))) return null;
  const email = normaliseEmail(String(row.payload.email));
  try {
    return await inTransaction(undefined, async (tx) => {
      // Only a new account: an address that has one already accepts after signing in to it, as with a
      // password (members.server.ts), or a forwarded link would tie a stranger's identity to that account.
      const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
      if (existing) tx.rollback();
      // The invitation went to this address, so it counts as confirmed.
      const [created] = await tx.insert(user).values({ email, name: email.split('@')[0], emailVerifiedAt: now }).returning({ id: user.id });
      const redeemed = await redeemInvitation(token, created.id, tx, now);
      if (!redeemed.ok) tx.rollback();
      await tx.insert(userIdentity).values({ providerId, subject, userId: created.id, linkedAt: now }).onConflictDoNothing();
      await audit({ actorUserId: created.id, action: 'auth.oidc_linked', entity: 'user', entityId: created.id, detail: { provider: providerId, by: 'invitation' } }, tx);
      return created.id;
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Sign-out.

/**
 * Where to send the browser after the local session ends: the provider's end_session_endpoint with the
 * id token as hint, when the session came from a provider that has one; otherwise null.
 */
export async function providerLogoutUrl(sessionIdHash: string): Promise<string | null> {
  const [row] = await db()
    .select({ providerId: oidcLoginAttempt.providerId, idToken: oidcLoginAttempt.idToken })
    .from(oidcLoginAttempt)
    .where(eq(oidcLoginAttempt.sessionIdHash, sessionIdHash));
  if (!row?.idToken) return null;
  const p = findProvider(row.providerId);
  if (!p) return null;
  const config = await providerConfig(p);
  if (!config?.serverMetadata().end_session_endpoint) return null;
  await db().delete(oidcLoginAttempt).where(eq(oidcLoginAttempt.sessionIdHash, sessionIdHash));
  return client.buildEndSessionUrl(config, { id_token_hint: decrypt(row.idToken), post_logout_redirect_uri: `${publicUrl()}${OIDC_LOGGED_OUT_PATH}` }).href;
}

/** Attempts past their ten minutes that never started a session, and those of sessions long over; for the purge job. */
export async function purgeOidcAttempts(now = new Date()) {
  const sessionsOver = new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS);
  const gone = await db()
    .delete(oidcLoginAttempt)
    .where(or(and(isNull(oidcLoginAttempt.sessionIdHash), lt(oidcLoginAttempt.expiresAt, now)), lt(oidcLoginAttempt.expiresAt, sessionsOver)))
    .returning({ h: oidcLoginAttempt.stateHash });
  return gone.length;
}

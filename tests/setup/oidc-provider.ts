import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID Connect provider (oidc-provider) in the test process, for staff sign-in tests. The client
// is registered as the portal is at Digdir: public (PKCE required, S256), with the portal's callback and
// post-logout URIs. Its "login page" signs in `nextAccount` at once and counts the logins, so a test can
// tell whether the provider asked again.

export type TestAccount = { sub: string; pid?: string; email?: string; xms_edov?: boolean; acr?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  /** Who the next login interaction signs in. */
  nextAccount: TestAccount;
  /** How many times the provider asked for a login. */
  logins: number;
  /**
   * A man in the middle, for attack tests: changes an authorization request before the provider reads it,
   * or the provider's redirect back to the portal before the browser follows it. Browser-side interception
   * cannot do this, as both arrive through redirects. Unset after use.
   */
  tamperAuthorization?: (u: URL) => void;
  tamperCallback?: (u: URL) => void;
  close(): Promise<void>;
};

export async function startTestProvider(portalUrl: string, opts: { acr?: string } = {}): Promise<TestProvider> {
  const state: { nextAccount: TestAccount; logins: number; tamperAuthorization?: (u: URL) => void; tamperCallback?: (u: URL) => void } = {
    nextAccount: { sub: 'nobody' },
    logins: 0,
  };
  const accounts = new Map<string, TestAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'fritidsportal-test';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${portalUrl}/logg-inn/oidc/callback`],
        post_logout_redirect_uris: [`${portalUrl}/logg-inn`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    // As ID-porten (pid) and Entra (email, xms_edov) do: the claims of the granted scopes are in the ID
    // token itself, not only at the userinfo endpoint (oidc-provider's default for the code flow).
    conformIdTokenClaims: false,
    acrValues: ['idporten-loa-substantial', 'idporten-loa-high', 'substantial', 'high'],
    claims: { openid: ['sub', 'pid'], email: ['email', 'xms_edov'], profile: ['name'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource: logoutPage } },
    cookies: { keys: ['test-only-cookie-key'] },
    findAccount: async (_ctx, sub) => {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...(a.pid ? { pid: a.pid } : {}), ...(a.email ? { email: a.email, xms_edov: a.xms_edov ?? false } : {}) }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (state.tamperAuthorization && req.url?.startsWith('/auth?')) {
      const u = new URL(req.url, issuer);
      state.tamperAuthorization(u);
      req.url = `${u.pathname}${u.search}`;
    }
    if (state.tamperCallback) {
      const setHeader = res.setHeader.bind(res);
      const tamper = state.tamperCallback;
      res.setHeader = (name, value) => {
        if (name.toLowerCase() === 'location' && String(value).startsWith(`${portalUrl}/logg-inn/oidc/callback`)) {
          const u = new URL(String(value));
          tamper(u);
          return setHeader(name, u.toString());
        }
        return setHeader(name, value);
      };
    }
    if (req.url?.startsWith('/interaction/')) {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          state.logins += 1;
          const a = state.nextAccount;
          accounts.set(a.sub, a);
          await provider.interactionFinished(req, res, { login: { accountId: a.sub, acr: a.acr ?? opts.acr ?? 'idporten-loa-substantial' } }, { mergeWithLastSubmission: false });
          return;
        }
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    clientId,
    get nextAccount() {
      return state.nextAccount;
    },
    set nextAccount(a: TestAccount) {
      state.nextAccount = a;
    },
    get logins() {
      return state.logins;
    },
    get tamperAuthorization() {
      return state.tamperAuthorization;
    },
    set tamperAuthorization(f) {
      state.tamperAuthorization = f;
    },
    get tamperCallback() {
      return state.tamperCallback;
    },
    set tamperCallback(f) {
      state.tamperCallback = f;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as TestProvider;
}

/** The provider's own "Sign out?" page: one button, as oidc-provider's default page has. */
async function logoutPage(ctx: { body: unknown }, form: string) {
  ctx.body = `<!doctype html><html lang="en"><head><title>Sign out</title></head><body>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button></body></html>`;
}

/** A cookie jar and a redirect walker: follows the provider's redirects until one leaves for the portal. */
export async function walkToPortal(startUrl: string, portalUrl: string, jar: Map<string, string> = new Map()) {
  let url = startUrl;
  for (let i = 0; i < 10; i++) {
    if (url.startsWith(portalUrl)) return { url: new URL(url), jar };
    const res = await fetch(url, { redirect: 'manual', headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair.split('=');
      jar.set(k.trim(), v.join('='));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${res.status}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

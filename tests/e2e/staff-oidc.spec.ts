import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { freePort, startProductionPortal, type ProductionPortal } from './production-portal';
import { startTestProvider, type TestProvider } from '../setup/oidc-provider';

// Issue 12, part 4, in a real browser: staff sign in through a real OpenID Connect provider
// (oidc-provider, in this process) to a production portal on an empty database. The first admin accepts
// the operator's invitation through the provider, signs out of both, and signs in again; then the
// attacks: a replayed code, a forged state, an ID token for another nonce, and a stranger the provider
// knows but the portal does not.

const ADMIN = 'kari.oidc@modum.kommune.test';
const KARI = { sub: 'idporten-sub-kari', pid: '01017012345' };
let portal: ProductionPortal;
let op: TestProvider;

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // The provider must know the portal's callback before the portal starts, and the portal its issuer.
  const port = await freePort();
  op = await startTestProvider(`http://localhost:${port}`);
  portal = await startProductionPortal({
    port,
    env: {
      OIDC_PROVIDERS: JSON.stringify([
        { id: 'idporten', kind: 'idporten', issuer: op.issuer, clientId: op.clientId, kommuner: ['modum'] },
        // Nothing listens on port 9: a provider that is down.
        { id: 'entra', kind: 'entra', issuer: 'http://127.0.0.1:9', clientId: 'fritidsportal', kommuner: ['*'] },
      ]),
    },
  });
  const added = await portal.runKommuneCli(['add', '--number', '3316', '--name', 'Modum', '--admin', ADMIN]);
  expect(added.code, added.stderr).toBe(0);
});
test.afterAll(async () => {
  await portal?.stop();
  await op?.close();
});

/** A fresh 360 px browser (no provider session either) that records callbacks and unexpected errors. */
async function phone(browser: Browser, locale = 'nb-NO') {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, baseURL: portal.url });
  const page = await context.newPage();
  const callbacks: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.url().startsWith(`${portal.url}/logg-inn/oidc/callback`)) callbacks.push(r.url());
  });
  // A refused callback answers 400 or 403 on purpose; anything else in the console is a defect.
  // The test provider's own pages have no favicon (a 404 on its origin): not the portal's concern.
  page.on('console', (m) => {
    if (m.type() !== 'error' || /status of 40[03] /.test(m.text()) || m.location().url.startsWith(op.issuer)) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, callbacks, errors };
}

async function fitsPhone(page: Page) {
  const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(w.doc, 'wider than the 360 px screen').toBeLessThanOrEqual(w.view);
}

async function counts() {
  const [row] = await portal.query<{ users: number; identities: number }>(
    `select (select count(*)::int from "user") as users, (select count(*)::int from user_identity) as identities`,
  );
  return row;
}

async function expectRefused(page: Page, reason: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innloggingen ble avvist');
  const nb = JSON.parse(readFileSync('locales/nb/account.json', 'utf8'));
  await expect(page.getByRole('alert')).toHaveText(nb.oidc.refused[reason]);
  await expectAccessible(page);
  await fitsPhone(page);
  // Refused means not signed in: the account page sends the browser to the sign-in page.
  await page.goto('/konto');
  await expect(page).toHaveURL(/\/logg-inn/);
}

async function signInThroughProvider(page: Page) {
  await page.goto('/logg-inn?lng=nb');
  await page.getByRole('button', { name: 'Logg inn med ID-porten' }).click();
}

let replayable = '';

test('the first admin accepts the invitation through ID-porten, with no TOTP on top; signing out ends the provider session too', async ({ browser }) => {
  const { context, page, callbacks, errors } = await phone(browser);
  try {
    const mail = await portal.nextMail(ADMIN);
    const link = mail.text.match(/https?:\/\/\S+\/invitasjon\/\S+/)?.[0];
    expect(link, mail.text).toBeTruthy();
    await page.goto(link!);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bli administrator for Modum');
    await expectAccessible(page);
    await fitsPhone(page);

    op.nextAccount = KARI;
    await page.getByRole('button', { name: 'Godta med ID-porten' }).click();
    await expect(page).toHaveURL(/\/konto$/);
    await expect(page.getByRole('region', { name: 'Kommunen' })).toContainText('Modum');
    expect(op.logins).toBe(1);
    expect(callbacks).toHaveLength(1);
    // The authorization request was the one ID-porten asks for.
    const [identity] = await portal.query<{ provider_id: string; subject: string }>('select provider_id, subject from user_identity');
    expect(identity).toEqual({ provider_id: 'idporten', subject: KARI.sub });
    expect(JSON.stringify(await portal.query('select * from "user"'))).not.toContain(KARI.pid);
    await expectAccessible(page);
    await fitsPhone(page);

    // Signing out goes through the provider's own sign-out page and back to the sign-in page.
    await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${op.issuer}/`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page).toHaveURL(/\/logg-inn/);
    await page.goto('/konto');
    await expect(page).toHaveURL(/\/logg-inn/);

    // Signing in again: the provider asks again (its session ended), and the linked identity signs in.
    await signInThroughProvider(page);
    await expect(page).toHaveURL(/\/konto$/);
    expect(op.logins).toBe(2);
    replayable = callbacks.at(-1)!;
    expect(errors).toEqual([]);
  } finally {
    op.tamperAuthorization = undefined;
    op.tamperCallback = undefined;
    await context.close();
  }
});

test('a replayed code: the callback address used once is refused the second time, in another browser', async ({ browser }) => {
  expect(replayable).toContain('code=');
  const { context, page, errors } = await phone(browser);
  try {
    const response = await page.goto(replayable);
    expect(response!.status()).toBe(400);
    await expectRefused(page, 'state');
    expect(errors).toEqual([]);
  } finally {
    op.tamperAuthorization = undefined;
    op.tamperCallback = undefined;
    await context.close();
  }
});

test('a forged state on the way back is refused, and nobody is signed in', async ({ browser }) => {
  const { context, page, errors } = await phone(browser);
  try {
    // The browser comes back with a state the portal never issued (an attacker's link, or a changed one).
    op.tamperCallback = (u) => u.searchParams.set('state', 'forged-state-from-an-attacker');
    op.nextAccount = KARI;
    await signInThroughProvider(page);
    await expectRefused(page, 'state');
    expect(errors).toEqual([]);
  } finally {
    op.tamperAuthorization = undefined;
    op.tamperCallback = undefined;
    await context.close();
  }
});

test('an ID token issued for another nonce is refused', async ({ browser }) => {
  const { context, page, errors } = await phone(browser);
  try {
    // The request to the provider is changed on its way, as a man in the middle would: the provider then
    // puts another nonce in the ID token than the portal's attempt expects.
    op.tamperAuthorization = (u) => u.searchParams.set('nonce', 'a-nonce-of-another-attempt');
    op.nextAccount = KARI;
    await signInThroughProvider(page);
    await expectRefused(page, 'token');
    expect(errors).toEqual([]);
  } finally {
    op.tamperAuthorization = undefined;
    op.tamperCallback = undefined;
    await context.close();
  }
});

test('a stranger the provider knows gets no account: told so in Arabic, right to left, and nothing is created', async ({ browser }) => {
  const before = await counts();
  const { context, page, errors } = await phone(browser, 'ar');
  try {
    op.nextAccount = { sub: 'idporten-sub-stranger', pid: '02028054321' };
    const ar = JSON.parse(readFileSync('locales/ar/account.json', 'utf8'));
    await page.goto('/logg-inn?lng=ar');
    await page.getByRole('button', { name: ar.oidc.signInWith.replace('{{provider}}', 'ID-porten') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.oidc.unknownUserTitle);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('alert')).toHaveText(ar.oidc.unknownUser);
    await expectAccessible(page);
    await fitsPhone(page);
    expect(await counts()).toEqual(before);
    expect(errors).toEqual([]);
  } finally {
    op.tamperAuthorization = undefined;
    op.tamperCallback = undefined;
    await context.close();
  }
});

test('a provider that is down: the sign-in says so and offers the way back, nothing else happens', async ({ browser }) => {
  const { context, page, errors } = await phone(browser);
  try {
    await page.goto('/logg-inn?lng=nb');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/logg-inn/oidc/entra') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Logg inn med Microsoft Entra ID' }).click(),
    ]);
    expect(response.status()).toBe(503);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innloggingen kunne ikke starte');
    const nb = JSON.parse(readFileSync('locales/nb/account.json', 'utf8'));
    await expect(page.getByRole('alert')).toHaveText(nb.oidc.startFailed.unreachable);
    await expect(page.getByRole('link', { name: 'Tilbake til innlogging' })).toBeVisible();
    await expectAccessible(page);
    await fitsPhone(page);
    expect(errors.filter((e) => !/status of 503 /.test(e))).toEqual([]);
  } finally {
    op.tamperAuthorization = undefined;
    op.tamperCallback = undefined;
    await context.close();
  }
});

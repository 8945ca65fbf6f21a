import AxeBuilder from '@axe-core/playwright';
import * as OTPAuth from 'otpauth';
import { test as base, expect, type Page } from '@playwright/test';

/** Every page test fails on a console error or an uncaught exception in the browser. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // A page that answers 404 on purpose (an unknown address) makes Chromium log its own status.
      const notFoundPages = new Set<string>();
      page.on('response', (r) => {
        if (r.status() === 404 && r.request().isNavigationRequest()) notFoundPages.add(r.url());
      });
      page.on('console', (msg) => {
        // Map tiles come from outside this machine and may not load here; the page must not care.
        // A form answered with 400 (validation) or 429 (rate limit) is expected behaviour, not an error.
        if (msg.type() !== 'error' || /tile|Failed to load resource: net::ERR_(NAME|INTERNET|CONNECTION|ADDRESS)|status of (400|429) /i.test(msg.text())) return;
        if (/status of 404 /.test(msg.text()) && notFoundPages.has(msg.location().url)) return;
        errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the current page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** axe on the current page: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

/** Waits until React has hydrated, so clicks hit handlers rather than the bare HTML. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
}

/** E-mail the portal sent during the browser tests, as received by the test SMTP server (tests/e2e/server.mjs). */
export async function sentMail(): Promise<{ to: string; subject: string; text: string }[]> {
  const { readFileSync } = await import('node:fs');
  return readFileSync('test-results/e2e-mail.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export const DEMO_PASSWORD = 'demo-passord-2026';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STEP_MS = 30_000;
const totpAt = (timestamp: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate({ timestamp });

/** The last TOTP step each demo user signed in with, in this worker (the tests run in one). */
const lastStep = new Map<string, number>();

/**
 * Signs a demo user in, with the second factor when asked. A code is used up once it has signed in, so a
 * second sign-in of the same user within one 30-second step waits for the next step's code.
 */
export async function signIn(page: Page, email: string, secondFactor = false, password = DEMO_PASSWORD) {
  await page.goto('/logg-inn?lng=nb');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  if (secondFactor) {
    await expect(page).toHaveURL(/\/logg-inn\/kode/);
    // A failed test restarts the worker and empties lastStep, so a code can still have been used by the
    // test before: when it is refused, the next step's code is tried once.
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((lastStep.get(email) ?? -1) >= Math.floor(Date.now() / STEP_MS)) await page.waitForTimeout(STEP_MS - (Date.now() % STEP_MS) + 500);
      const now = Date.now();
      lastStep.set(email, Math.floor(now / STEP_MS));
      await page.getByLabel('Kode').fill(totpAt(now));
      await page.getByRole('button', { name: 'Bekreft' }).click();
      await Promise.race([page.waitForURL(/\/konto(\?.*)?$/), page.locator('[role=alert]').first().waitFor()]).catch(() => {});
      if (!new URL(page.url()).pathname.startsWith('/logg-inn/kode')) break;
    }
  }
  await expect(page).toHaveURL(/\/konto(\?.*)?$/);
}

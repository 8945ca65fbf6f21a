import * as OTPAuth from 'otpauth';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { startProductionPortal, type ProductionPortal } from './production-portal';

// Issue 12, part 1: in production nobody can sign in until the operator has set up a kommune. Here the
// operator tool runs against a fresh production-mode database, and the kommune's first admin signs in
// through the invitation it sent: name and password, the second factor, and /konto with the kommune.

const ADMIN = 'kari.admin@modum.kommune.test';
let portal: ProductionPortal;

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  portal = await startProductionPortal();
});
test.afterAll(async () => {
  await portal?.stop();
});

async function fitsPhone(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
  expect(widths.view).toBe(360);
  expect(widths.doc, 'document wider than the 360 px screen').toBeLessThanOrEqual(widths.view);
  expect(widths.body, 'body wider than the 360 px screen').toBeLessThanOrEqual(widths.view);
}

/** What the operator tool and the portal have written: a refused command must change none of it. */
async function counts() {
  const [row] = await portal.query<Record<string, number>>(
    `select (select count(*)::int from kommune) as kommuner, (select count(*)::int from kommune_member) as members,
            (select count(*)::int from "user") as users, (select count(*)::int from one_time_token) as tokens,
            (select count(*)::int from outbox) as outbox, (select count(*)::int from audit_event) as audit`,
  );
  return row;
}

test('a fresh production portal has no kommune, and the operator tool refuses an unknown number or a wrong name, writing nothing', async () => {
  const listed = await portal.runKommuneCli(['list']);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/No kommuner yet/);
  const before = await counts();
  expect(before).toMatchObject({ kommuner: 0, users: 0, tokens: 0, outbox: 0 });

  const unknown = await portal.runKommuneCli(['add', '--number', '3399', '--name', 'Modum', '--admin', ADMIN]);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toMatch(/no kommune has that number in the official list; nothing was changed/);

  const wrongName = await portal.runKommuneCli(['add', '--number', '3316', '--name', 'Sigdal', '--admin', ADMIN]);
  expect(wrongName.code).not.toBe(0);
  expect(wrongName.stderr).toMatch(/official name is "Modum"/);

  const badAddress = await portal.runKommuneCli(['add', '--number', '3316', '--name', 'Modum', '--admin', 'not-an-address']);
  expect(badAddress.code).not.toBe(0);
  expect(badAddress.stderr).toMatch(/--admin: not an e-mail address/);

  const noName = await portal.runKommuneCli(['add', '--number', '3316', '--admin', ADMIN]);
  expect(noName.code).toBe(2);
  expect(noName.stderr).toMatch(/--name is required/);

  expect(await counts()).toEqual(before);
});

test('the operator adds Modum and its first admin accepts the e-mailed invitation, sets up the second factor and sees Modum at /konto', async ({ browser }) => {
  const added = await portal.runKommuneCli(['add', '--number', '3316', '--name', 'Modum', '--admin', ADMIN]);
  expect(added.code, added.stderr).toBe(0);
  expect(added.stdout).toMatch(/Added 3316 Modum \(slug modum\)/);
  const listed = await portal.runKommuneCli(['list']);
  expect(listed.stdout).toMatch(/3316\s+Modum\s+modum\s+0\s+1/);

  // The running server's outbox job sends the invitation over SMTP.
  const mail = await portal.nextMail(ADMIN);
  expect(mail.subject).toBe('Du er invitert som administrator i Fritidsportalen');
  expect(mail.text).toContain('Modum');
  const link = mail.text.match(/https?:\/\/\S+\/invitasjon\/\S+/)?.[0];
  expect(link, mail.text).toBeTruthy();
  expect(link!.startsWith(`${portal.url}/invitasjon/`)).toBe(true);
  expect(link).toContain('lng=nb');

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO', baseURL: portal.url });
  const page = await context.newPage();
  const browserErrors: string[] = [];
  // A form answered with 400 (a refused password), and the used link answering 404, are expected.
  const notFoundPages = new Set<string>();
  page.on('response', (r) => {
    if (r.status() === 404 && r.request().isNavigationRequest()) notFoundPages.add(r.url());
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || /status of 400 /.test(msg.text())) return;
    if (/status of 404 /.test(msg.text()) && notFoundPages.has(msg.location().url)) return;
    browserErrors.push(msg.text());
  });
  page.on('pageerror', (error) => browserErrors.push(error.message));
  try {
    await page.goto(link!);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bli administrator for Modum');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expectAccessible(page);
    await fitsPhone(page);

    // A weak password is refused beside its field, and nothing is used up.
    await page.getByLabel('Ditt navn').fill('Kari Admin');
    await page.getByLabel('Nytt passord').fill('kort');
    await page.getByRole('button', { name: 'Bli med' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bli administrator for Modum');
    await expect(page.locator('.field--error .field__error')).toHaveCount(1);
    await expect(page.getByLabel('Nytt passord')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);

    await page.getByLabel('Ditt navn').fill('Kari Admin');
    await page.getByLabel('Nytt passord').fill('modum fritid for alle barn');
    await page.getByRole('button', { name: 'Bli med' }).click();

    // kommune_admin needs a second factor in production: set it up before anything else.
    await expect(page).toHaveURL(/\/konto\/tofaktor/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Slå på tofaktorinnlogging');
    await expectAccessible(page);
    await fitsPhone(page);
    const secret = (await page.locator('code.secret').innerText()).trim();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    await page.getByLabel('Kode').fill(totp.generate());
    await page.getByRole('button', { name: 'Slå på' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tofaktorinnlogging er slått på');
    const recoveryCodes = await page.locator('.recovery-codes code').allInnerTexts();
    expect(recoveryCodes.length).toBeGreaterThan(0);
    await expectAccessible(page);
    await fitsPhone(page);
    await page.getByRole('link', { name: 'Fortsett' }).click();

    await expect(page).toHaveURL(/\/konto$/);
    const kommuner = page.getByRole('region', { name: 'Kommunen' });
    await expect(kommuner).toContainText('Modum');
    await expect(kommuner).toContainText('Kommuneadministrator');
    await expect(kommuner.getByRole('link', { name: 'Godkjenn klubber og aktiviteter' })).toHaveAttribute('href', /\/kommune\/modum\/moderering/);
    await expectAccessible(page);
    await fitsPhone(page);

    // The link worked once: opened again it offers nothing.
    const reopened = await page.goto(link!);
    expect(reopened?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Bli administrator for Modum');

    // The account is real: signed out, it signs in again with its password and a recovery code.
    await page.goto('/konto');
    await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
    await page.goto('/logg-inn?lng=nb');
    await page.getByLabel('E-postadresse').fill(ADMIN);
    await page.getByLabel('Passord').fill('modum fritid for alle barn');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/logg-inn\/kode/);
    await page.getByLabel('Kode').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Bekreft' }).click();
    await expect(page).toHaveURL(/\/konto$/);
    await expect(page.getByRole('region', { name: 'Kommunen' })).toContainText('Modum');
    expect(browserErrors, 'browser console errors').toEqual([]);
  } finally {
    await context.close();
  }

  const after = await portal.runKommuneCli(['list']);
  expect(after.stdout).toMatch(/3316\s+Modum\s+modum\s+1\s+0/);
  const events = await portal.query<{ action: string; actor_user_id: string | null; via: string | null }>(
    `select action, actor_user_id, detail->>'via' as via from audit_event where entity = 'kommune' order by id`,
  );
  expect(events.slice(0, 2)).toEqual([
    { action: 'kommune.created', actor_user_id: null, via: 'operator-cli' },
    { action: 'kommune.admin_invited', actor_user_id: null, via: 'operator-cli' },
  ]);
  expect(events[2]).toMatchObject({ action: 'kommune.admin_joined', via: null });
  expect(events[2].actor_user_id).toBeTruthy();
});

test('the operator tool refuses a kommune that is already set up, and keeps the last admin unless forced', async () => {
  const before = await counts();
  const duplicate = await portal.runKommuneCli(['add', '--number', '3316', '--name', 'Modum', '--admin', 'someone.else@modum.kommune.test']);
  expect(duplicate.code).not.toBe(0);
  expect(duplicate.stderr).toMatch(/already set up; nothing was changed/);
  const lastAdmin = await portal.runKommuneCli(['admin', 'remove', '--kommune', 'modum', '--email', ADMIN]);
  expect(lastAdmin.code).not.toBe(0);
  expect(lastAdmin.stderr).toMatch(/last admin/);
  const unknownKommune = await portal.runKommuneCli(['admin', 'add', '--kommune', '3318', '--email', 'x@krodsherad.kommune.test']);
  expect(unknownKommune.code).not.toBe(0);
  expect(await counts()).toEqual(before);

  // A second admin is invited; then the first can go, and their sessions end with the role.
  const second = 'per.admin@modum.kommune.test';
  const invited = await portal.runKommuneCli(['admin', 'add', '--kommune', '3316', '--email', second]);
  expect(invited.code, invited.stderr).toBe(0);
  expect((await portal.nextMail(second)).subject).toBe('Du er invitert som administrator i Fritidsportalen');
  // Still one admin who has accepted: the invitation alone does not count.
  expect((await portal.runKommuneCli(['admin', 'remove', '--kommune', 'modum', '--email', ADMIN])).code).not.toBe(0);
  const forced = await portal.runKommuneCli(['admin', 'remove', '--kommune', 'modum', '--email', ADMIN, '--force']);
  expect(forced.code, forced.stderr).toBe(0);
  expect(forced.stdout).toMatch(/no longer admin of 3316 Modum; their sessions are ended/);
  const [left] = await portal.query<{ admins: number; sessions: number }>(
    `select (select count(*)::int from kommune_member where role = 'kommune_admin') as admins,
            (select count(*)::int from session s join "user" u on u.id = s.user_id where u.email = $1) as sessions`,
    [ADMIN],
  );
  expect(left).toEqual({ admins: 0, sessions: 0 });
  expect((await portal.runKommuneCli(['list'])).stdout).toMatch(/3316\s+Modum\s+modum\s+0\s+1/);
});

import { expect, expectAccessible, signIn, test } from './fixtures';

// The portal under test reads Enhetsregisteret from the stand-in that tests/e2e/server.mjs starts
// (tests/setup/brreg-server.ts, recorded answers in tests/fixtures/brreg) on the portal's port + 1000.
const brregUrl = `http://127.0.0.1:${Number(process.env.E2E_BRREG_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1000)}`;
const setRegister = (mode: 'up' | 'refuse') => fetch(`${brregUrl}/__test/mode/${mode}`);

async function expectNoSidewaysScroll(page: import('@playwright/test').Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test.afterEach(async () => {
  await setRegister('up');
});

test('a club registers from its organisation number, and the kommune admin sees the register status and approves it', async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/registrer-klubb?lng=nb');
  // An unknown number: the error beside the field.
  await page.getByLabel('Organisasjonsnummer').fill('965432108');
  await page.getByRole('button', { name: 'Slå opp i Enhetsregisteret' }).click();
  await expect(page.locator('#field-orgnr-error')).toContainText('finnes ikke i Enhetsregisteret');
  // A bankrupt one is refused.
  await page.getByLabel('Organisasjonsnummer').fill('987654325');
  await page.getByRole('button', { name: 'Slå opp i Enhetsregisteret' }).click();
  await expect(page.locator('#field-orgnr-error')).toContainText('konkurs');
  // The active club: name and address from the register, with its Frivillighetsregisteret status.
  await page.getByLabel('Organisasjonsnummer').fill('998877660');
  await page.getByRole('button', { name: 'Slå opp i Enhetsregisteret' }).click();
  await expect(page.getByTestId('register-found')).toContainText('FJELLBYGD IDRETTSLAG');
  await expect(page.getByTestId('register-found')).toContainText('Idrettsveien 4, 3340 ÅMOT');
  await expect(page.getByTestId('register-found')).toContainText('Registrert i Frivillighetsregisteret');
  await expect(page.getByLabel('Navn på klubben')).toHaveValue('FJELLBYGD IDRETTSLAG');
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
  const name = `Fjellbygd IL ${stamp}`;
  await page.getByLabel('Navn på klubben').fill(name);
  await page.getByLabel('Kommune').selectOption('modum');
  await page.getByLabel('Ditt navn').fill('Lise Ledersen');
  await page.getByLabel('E-postadresse').fill(`fjellbygd-${stamp}@klubb.example`);
  await page.getByLabel('Nytt passord').fill('vi trener hver tirsdag 2026');
  await page.getByRole('button', { name: 'Registrer' }).click();
  await expect(page.getByText('Sjekk e-posten din').first()).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/kommune/modum/moderering?lng=nb');
  const card = page.locator('article', { hasText: name });
  await expect(card).toContainText('Aktiv i Enhetsregisteret.');
  await expect(card).toContainText('FJELLBYGD IDRETTSLAG');
  await expect(card).toContainText('Registrert i Frivillighetsregisteret.');
  await expectAccessible(page);
  await card.getByRole('button', { name: 'Godkjenn' }).click();
  await expect(page.locator('article', { hasText: name })).toHaveCount(0);
});

test('in Arabic, with the register unreachable, the club registers with its typed name and the kommune can check again', async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  await page.setViewportSize({ width: 360, height: 800 });
  await setRegister('refuse');
  await page.goto('/registrer-klubb?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByLabel('رقم المنظمة', { exact: false }).first().fill('991122338');
  await page.getByRole('button', { name: 'ابحث في سجل الكيانات' }).click();
  await expect(page.getByTestId('register-unreachable')).toContainText('تعذّر الوصول إلى السجل');
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
  const name = `Sigdal sjakk ${stamp}`;
  await page.locator('input[name="organisationName"]').fill(name);
  await page.locator('select[name="kommune"]').selectOption('modum');
  await page.locator('input[name="contactName"]').fill('Ali Hassan');
  await page.locator('input[name="email"]').fill(`sjakk-${stamp}@klubb.example`);
  await page.locator('input[name="password"]').fill('vi spiller sjakk hver onsdag');
  await page.getByRole('button', { name: 'تسجيل', exact: true }).click();
  // The same "check your e-mail" page as with the register (its text in Arabic).
  await expect(page.locator('p.success[role="status"]')).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/kommune/modum/moderering?lng=nb');
  const card = page.locator('article', { hasText: name });
  await expect(card).toContainText('Ikke sjekket – Enhetsregisteret kunne ikke nås.');
  await setRegister('up');
  await card.getByRole('button', { name: 'Sjekk nå' }).click();
  await expect(page.getByText('Enhetsregisteret er sjekket.')).toBeVisible();
  await expect(page.locator('article', { hasText: name })).toContainText('SIGDAL SJAKKLUBB');
  await expect(page.locator('article', { hasText: name })).toContainText('Ikke registrert i Frivillighetsregisteret.');
});

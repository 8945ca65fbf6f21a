import { expect, expectAccessible, signIn, test } from './fixtures';

// Issue 12, part 2 ("areas"), on a small phone: the demo kommune admin adds an area with a latitude
// outside Norway (the error stands beside the field), fixes it, then merges the area into Vikersund
// after a question that says what will move. The list passes axe with no sideways scrolling in bokmål
// and in Arabic (right to left).
type Page = import('@playwright/test').Page;

async function checkPhoneLayout(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
}

test('the kommune admin adds an area, fixes a bad latitude, and merges it into another area', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/konto');
  await page.getByRole('link', { name: 'Områder', exact: true }).first().click();
  await expect(page).toHaveURL(/\/kommune\/modum\/omrader/);
  await expect(page.getByRole('heading', { name: 'Områder i Modum' })).toBeVisible();
  await checkPhoneLayout(page);
  await page.getByRole('link', { name: 'Nytt område' }).click();
  await checkPhoneLayout(page);

  // With JavaScript a click on the map fills both coordinates; typing them stays the way that always works.
  await page.getByRole('region', { name: 'Kart for å plassere midten av området' }).click();
  await expect(page.getByLabel('Breddegrad (nord)')).toHaveValue(/^\d{2}\.\d{5}$/);
  await expect(page.getByLabel('Lengdegrad (øst)')).toHaveValue(/^\d{1,2}\.\d{5}$/);

  const name = `Testgrend ${Date.now()}`;
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('Type område').selectOption('grend');
  await page.getByLabel('Breddegrad (nord)').fill('75,2');
  await page.getByLabel('Lengdegrad (øst)').fill('10,01');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.locator('#field-lat-error')).toHaveText('Skriv breddegraden som et tall mellom 57,5 og 71,5, for eksempel 59,95.');
  await expect(page.getByLabel('Breddegrad (nord)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-lon-error')).toHaveCount(0);
  // What was typed is kept.
  await expect(page.getByLabel('Navn')).toHaveValue(name);
  await checkPhoneLayout(page);

  await page.getByLabel('Breddegrad (nord)').fill('59,97');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByText('Området er lagret.')).toBeVisible();
  await expect(page.getByRole('heading', { name: `Endre ${name}` })).toBeVisible();
  await expect(page.getByLabel('Breddegrad (nord)')).toHaveValue('59,97');
  await checkPhoneLayout(page);

  await page.getByRole('combobox', { name: 'Slå sammen med' }).selectOption({ label: 'Vikersund' });
  await page.getByRole('button', { name: 'Gå videre' }).click();
  await expect(page).toHaveURL(/slaSammen=\d+/);
  await expect(page.getByRole('heading', { name: `Vil du slå sammen ${name} med Vikersund?` })).toBeVisible();
  await expect(page.getByText('Aktiviteter: 0')).toBeVisible();
  await expect(page.getByText('Steder: 0')).toBeVisible();
  await checkPhoneLayout(page);
  await page.getByRole('button', { name: 'Ja, slå sammen' }).click();
  await expect(page.getByText('Områdene er slått sammen.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Endre Vikersund' })).toBeVisible();

  await page.goto('/kommune/modum/omrader?lng=nb');
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Vikersund' })).toBeVisible();

  // Right to left: the list in Arabic.
  await page.goto('/kommune/modum/omrader?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('link', { name: 'منطقة جديدة' })).toBeVisible();
  await checkPhoneLayout(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('typed coordinates save, and an unused area is deleted after the question', async ({ page }) => {
    // The second sign-in of the same demo user waits for the next one-time code. (axe needs JavaScript: the test above runs it.)
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, 'kommune@demo.fritidsportal.example', true);
    await page.goto('/kommune/modum/omrader/ny?lng=nb');
    const name = `Uten skript ${Date.now()}`;
    await page.getByLabel('Navn').fill(name);
    await page.getByLabel('Type område').selectOption('tettsted');
    await page.getByLabel('Breddegrad (nord)').fill('59.91');
    await page.getByLabel('Lengdegrad (øst)').fill('9,95');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expect(page.getByText('Området er lagret.')).toBeVisible();
    await expect(page.getByLabel('Breddegrad (nord)')).toHaveValue('59,91');

    await page.getByRole('link', { name: 'Slett området' }).click();
    await expect(page.getByRole('heading', { name: `Vil du slette ${name}?` })).toBeVisible();
    await page.getByRole('button', { name: 'Ja, slett' }).click();
    await expect(page.getByText('Området er slettet.')).toBeVisible();
    await expect(page.getByRole('link', { name })).toHaveCount(0);

    // An area in use says to merge it instead, and offers no delete button.
    await page.getByRole('link', { name: 'Vikersund' }).click();
    await page.getByRole('link', { name: 'Slett området' }).click();
    await expect(page.getByText('Området er i bruk og kan ikke slettes.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ja, slett' })).toHaveCount(0);
  });
});

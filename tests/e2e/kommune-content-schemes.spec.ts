import { expect, expectAccessible, signIn, test } from './fixtures';

// Issue 12, part 2b, on a small phone: the demo kommune admin writes a support scheme covering the
// membership fee, publishes it and sees it on /stotte; unpublishing asks first and hides it at once.
// The editor pages pass axe with no sideways scrolling in bokmål and in Urdu (right to left).
type Page = import('@playwright/test').Page;

async function checkPhoneLayout(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
}

test('the kommune admin creates, publishes and unpublishes a scheme, and families see it follow at once', async ({ page, browser }) => {
  // Eight axe runs and two sign-ins: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/konto');
  await page.getByRole('link', { name: 'Støtteordninger' }).first().click();
  await expect(page).toHaveURL(/\/kommune\/modum\/stotte/);
  await checkPhoneLayout(page);
  await page.getByRole('link', { name: 'Ny støtteordning' }).click();
  await checkPhoneLayout(page);

  // Bad input: translated errors beside the fields.
  await page.getByLabel('Lenke').fill('http://modum.example');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.locator('#field-covers-error')).toHaveText('Velg minst én kostnad som ordningen dekker.');
  await expect(page.locator('#field-url-error')).toHaveText('Skriv en lenke som begynner med https://');
  await checkPhoneLayout(page);

  const name = `Kontingenthjelp ${Date.now()}`;
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('Type ordning').selectOption('activity_fund');
  await page.getByLabel('Medlemskontingent').check();
  await page.getByLabel('Høyeste beløp i kroner').fill('1 500');
  await page.getByLabel('Hvem kan få støtte').fill('Barn i familier med lav inntekt i Modum.');
  await page.getByLabel('Slik søker man').fill('Ta kontakt med servicetorget.');
  await page.getByLabel('Beskrivelse').fill('Dekker medlemskontingenten i en klubb.');
  await page.getByLabel('Lenke').fill('https://modum.example/kontingent');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByText('Støtteordningen er lagret.')).toBeVisible();
  await expect(page.getByText('Ordningen er et utkast.')).toBeVisible();

  const family = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb' });
  const familyPage = await family.newPage();
  await familyPage.goto('/stotte?kommune=modum&lng=nb');
  await expect(familyPage.getByText(name)).toHaveCount(0);

  await page.getByRole('button', { name: 'Publiser' }).click();
  await expect(page.getByText('Støtteordningen er publisert.')).toBeVisible();
  await familyPage.goto('/stotte?kommune=modum&lng=nb');
  await expect(familyPage.getByText(name)).toBeVisible();

  await page.getByRole('link', { name: 'Avpubliser' }).click();
  await expect(page.getByRole('heading', { name: 'Vil du avpublisere ordningen?' })).toBeVisible();
  await expect(page.getByText('Aktiviteter som viser til ordningen: 0.')).toBeVisible();
  await checkPhoneLayout(page);
  await page.getByRole('button', { name: 'Ja, avpubliser' }).click();
  await expect(page.getByText('Støtteordningen er avpublisert.')).toBeVisible();
  await familyPage.goto('/stotte?kommune=modum&lng=nb');
  await expect(familyPage.getByText(name)).toHaveCount(0);
  await family.close();

  // Right to left: the editor in Urdu.
  await page.goto(`${new URL(page.url()).pathname}?lng=ur`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'محفوظ کریں' })).toBeVisible();
  await checkPhoneLayout(page);
  await page.goto('/kommune/modum/stotte?lng=ur');
  await checkPhoneLayout(page);
});

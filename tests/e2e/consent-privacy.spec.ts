import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, expect, expectAccessible, signIn, test } from './fixtures';

// Issue 9, item 7, on a small phone: the consent page says who to ask, who already sees the data and
// the rights, in Arabic (right to left) and in bokmål, before and after the answer, with no sideways
// scrolling; after a yes the guardian downloads the receipt.
type Page = import('@playwright/test').Page;

async function referAndGetLink(page: Page, phone: string) {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill('henviser@demo.fritidsportal.example');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/konto$/);
  await page.goto('/henvisning/ny');
  await page.getByLabel('Barnets fornavn').fill('Rim');
  await page.getByLabel('Fødselsår').fill('2016');
  await page.getByLabel('Foresattes navn').fill('Layla Foresatt');
  await page.getByLabel('Telefon').fill(phone);
  await page.getByLabel('Foresattes språk').selectOption('ar');
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  await expect(page).toHaveURL(/\/henvisninger$/);
  let link = '';
  await expect(async () => {
    await page.goto('/dev/epost');
    // allTextContents does not wait, so each try reloads the page until the outbox has sent the SMS.
    const [body] = await page.locator('.dev-message', { hasText: phone }).locator('pre').allTextContents();
    expect(body).toMatch(/\/samtykke\//);
    link = new URL(body.match(/https?:\/\/\S+\/samtykke\/\S+/)![0]).pathname;
  }).toPass({ timeout: 30_000 });
  return link;
}

async function checkPhoneLayout(page: Page, name: string) {
  await expect(page.locator('section.privacy-contact')).toBeVisible();
  await expect(page.locator('section.privacy-contact')).toContainText('Modum kommune ved kommunedirektøren');
  await expect(page.locator('section.privacy-contact')).toContainText('personvernombud@modum.demo.fritidsportal.example');
  await expect(page.locator('section.privacy-contact a[href="https://www.datatilsynet.no"]')).toBeVisible();
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  await page.screenshot({ path: `test-results/consent-privacy-${name}.png`, fullPage: true });
  await page.locator('section.privacy-contact').screenshot({ path: `test-results/consent-privacy-${name}-section.png` });
}

test('the consent page says who to ask, at 360 px in Arabic and bokmål, before and after a yes, and gives a receipt', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const phone = `+47 401 ${Math.floor(10000 + Math.random() * 89999)}`;
  const path = await referAndGetLink(page, phone);
  const urls: string[] = [];
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ar', acceptDownloads: true });
  const guardian = await phoneContext.newPage();
  guardian.on('request', (r) => urls.push(r.url()));

  await guardian.goto(`${path}?lng=ar`);
  await expect(guardian.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(guardian.locator('#privacy-contact')).toHaveText('مَن يمكنك أن تسأله عن المعلومات');
  await checkPhoneLayout(guardian, 'ar-before');
  // The phone number the portal holds reads left to right on the Arabic page (issue 11): its "+" is laid
  // out to the left of its last digit, not flipped to the far end.
  const held = guardian.locator('dd span[dir="ltr"]', { hasText: phone });
  await expect(held).toHaveText(phone);
  expect(await held.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  const [plusX, lastX] = await held.evaluate((el) => {
    const text = el.firstChild!;
    const at = (i: number) => {
      const r = document.createRange();
      r.setStart(text, i);
      r.setEnd(text, i + 1);
      return r.getBoundingClientRect().left;
    };
    return [at(0), at(text.textContent!.length - 1)];
  });
  expect(plusX).toBeLessThan(lastX);

  await guardian.goto(`${path}?lng=nb`);
  await expect(guardian.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(guardian.locator('#privacy-contact')).toHaveText('Hvem du kan spørre om opplysningene');
  await expect(guardian.locator('section.privacy-contact')).toContainText('Datatilsynet');
  await expect(guardian.locator('section.privacy-contact')).toContainText('koordinatoren i Modum kommune ser opplysningene allerede');
  await checkPhoneLayout(guardian, 'nb-before');

  // The yes is given in Arabic, so the receipt is in Arabic.
  await guardian.goto(`${path}?lng=ar`);
  await guardian.getByRole('button', { name: 'نعم، أوافق' }).click();
  await expect(guardian.getByRole('status')).toBeVisible();
  const receiptLink = guardian.getByRole('link', { name: 'نزّل إيصال الموافقة (ملف نصي)' });
  await expect(receiptLink).toBeVisible();
  await checkPhoneLayout(guardian, 'ar-after');
  const [download] = await Promise.all([guardian.waitForEvent('download'), receiptLink.click()]);
  expect(download.suggestedFilename()).toBe('samtykke-kvittering.txt');
  const receipt = readFileSync((await download.path())!, 'utf8');
  expect(receipt).toContain('إيصال الموافقة');
  expect(receipt).toContain('نسخة النص 2026-11-v1.');
  expect(receipt).toContain('نعم، أوافق');
  expect(receipt).toContain('https://www.datatilsynet.no');

  await guardian.goto(`${path}?lng=nb`);
  await expect(guardian.getByRole('link', { name: 'Last ned kvittering for samtykket (tekstfil)' })).toBeVisible();
  await checkPhoneLayout(guardian, 'nb-after');
  // No personal data in any address the guardian's browser asked for.
  for (const u of urls) expect(decodeURIComponent(u)).not.toMatch(/Layla|Foresatt|\+47/);
  await phoneContext.close();
});

test('the kommune admin sets the privacy contact: a bad e-mail is refused beside the field, a good one is confirmed', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const email = 'kommune@demo.fritidsportal.example';
  await signIn(page, email, true);
  await page.goto('/kommune/modum/personvern');
  await expect(page.getByLabel('Behandlingsansvarlig')).toHaveValue('Modum kommune ved kommunedirektøren');
  await page.getByLabel('Personvernombudets e-post').fill('personvern(at)modum');
  await page.getByRole('button', { name: 'Oppdater kontakten' }).click();
  await expect(page.locator('#field-privacyOfficerEmail-error')).toHaveText('Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.');
  await expect(page.getByLabel('Personvernombudets e-post')).toHaveValue('personvern(at)modum');
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/consent-privacy-admin-error.png', fullPage: true });
  await page.getByLabel('Personvernombudets e-post').fill('personvern@modum.demo.fritidsportal.example');
  await page.getByRole('button', { name: 'Oppdater kontakten' }).click();
  await expect(page.getByRole('status')).toHaveText('Kontakten er lagret. Den står nå på samtykkesiden.');
  await expect(page.getByLabel('Personvernombudets e-post')).toHaveValue('personvern@modum.demo.fritidsportal.example');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/consent-privacy-admin-saved.png', fullPage: true });
});

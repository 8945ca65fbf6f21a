import { expect, expectAccessible, signIn, test, waitForHydration } from './fixtures';

// Issue 12, part 2 ("lenders"), on a small phone in bokmål: the demo kommune admin adds an equipment
// lender, first with an opening that closes before it opens (the error stands beside that row's field),
// fixes it and sees the confirmation; the club's activity editor then offers the lender's items for
// equipment borrowed there. The list page is checked once in Arabic (right to left).
type Page = import('@playwright/test').Page;

async function checkPhoneLayout(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
}

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

test('the kommune admin adds a lender, fixes an opening that closes too early, and the club is offered its items', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/konto?lng=nb');
  await page.getByRole('link', { name: 'Utlånssteder' }).first().click();
  await expect(page).toHaveURL(/\/kommune\/modum\/utstyr/);
  await expect(page.getByRole('heading', { name: 'Utlånssteder i Modum' })).toBeVisible();
  await checkPhoneLayout(page);
  await page.getByRole('link', { name: 'Nytt utlånssted' }).click();
  await checkPhoneLayout(page);

  const stamp = Date.now().toString(36);
  const name = `BUA Geithus ${stamp}`;
  const item = `Truger ${stamp}`;
  await page.getByLabel('Navn').fill(name);
  await page.getByLabel('Adresse').fill('Geithusveien 3, 3360 Geithus');
  await page.getByLabel('Breddegrad').fill('59,93');
  await page.getByLabel('Lengdegrad').fill('9,97');
  await page.getByLabel('Dette kan lånes').fill(`${item}\nLangrennsski\nHjelm`);
  await page.getByLabel('Lenke').fill('https://bua.example/geithus');
  await page.getByLabel('Telefon').fill('+47 32 00 00 00');
  await byId(page, 'field-hours.0.weekday').selectOption('2');
  await byId(page, 'field-hours.0.opens').fill('18:00');
  await byId(page, 'field-hours.0.closes').fill('16:00');
  await byId(page, 'field-hours.1.weekday').selectOption('2');
  await byId(page, 'field-hours.1.opens').fill('10:00');
  await byId(page, 'field-hours.1.closes').fill('12:00');
  await page.getByRole('button', { name: 'Lagre' }).click();

  // The error stands beside the first row's closing time, and the summary links to it.
  await expect(byId(page, 'field-hours.0.closes-error')).toHaveText('Stengetiden må være etter åpningstiden.');
  await expect(byId(page, 'field-hours.0.closes')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.error-summary a[href="#field-hours.0.closes"]')).toHaveText('Åpning 1 – Stenger: Stengetiden må være etter åpningstiden.');
  await expect(byId(page, 'field-hours.1.opens')).toHaveValue('10:00');
  await checkPhoneLayout(page);

  await byId(page, 'field-hours.0.closes').fill('20:00');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByText('Utlånsstedet er lagret.')).toBeVisible();
  await expect(page).toHaveURL(/\/kommune\/modum\/utstyr\/\d+/);
  const lenderId = /\/utstyr\/(\d+)/.exec(page.url())![1];
  await expect(byId(page, 'field-items')).toHaveValue(`${item}\nLangrennsski\nHjelm`);
  await checkPhoneLayout(page);

  // The list shows both Tuesday openings on one line, in order.
  await page.getByRole('link', { name: 'Tilbake til utlånsstedene' }).click();
  const listed = page.locator('li', { has: page.getByRole('link', { name }) });
  await expect(listed.locator('.opening-hours li')).toHaveText([/tirsdag\s+10:00–12:00.*18:00–20:00/]);

  // Families see it on /utstyr, with how to reach it.
  const family = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb' });
  const familyPage = await family.newPage();
  await familyPage.goto('/utstyr?kommune=modum&lng=nb');
  const card = familyPage.locator('article', { has: familyPage.getByRole('heading', { name }) });
  await expect(card.getByRole('link', { name: 'Nettsiden til utlånsstedet' })).toHaveAttribute('href', 'https://bua.example/geithus');
  await expect(card.getByRole('link', { name: '+47 32 00 00 00' })).toHaveAttribute('href', 'tel:+4732000000');
  await checkPhoneLayout(familyPage);
  await family.close();

  // Right to left, once: the list in Arabic.
  await page.goto('/kommune/modum/utstyr?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('link', { name: 'مكان إعارة جديد' })).toBeVisible();
  await checkPhoneLayout(page);

  // The club (in Modum) names equipment borrowed at the new lender: its items are offered.
  const clubContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb' });
  const club = await clubContext.newPage();
  await signIn(club, 'klubbleder@demo.fritidsportal.example');
  await club.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await expect(club).toHaveURL(/\/klubb\/\d+/);
  const orgId = /\/klubb\/(\d+)/.exec(club.url())![1];
  await club.goto(`/klubb/${orgId}/aktiviteter/ny?lng=nb`);
  await waitForHydration(club);
  await expect(club.locator(`datalist[id="lender-items-${lenderId}"] option[value="${item}"]`)).toHaveCount(1);
  await byId(club, 'field-equipment.0.source').selectOption('lend');
  await byId(club, 'field-equipment.0.lenderId').selectOption({ label: name });
  await expect(byId(club, 'field-equipment.0.item')).toHaveAttribute('list', `lender-items-${lenderId}`);
  await checkPhoneLayout(club);
  await clubContext.close();
});

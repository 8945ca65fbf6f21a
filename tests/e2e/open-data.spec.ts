import { expect, expectAccessible, signIn, test } from './fixtures';

// Issue 14 on a small phone, in bokmål and in Arabic (right to left): a developer finds the open data
// from the footer and reads a feed; the demo kommune admin reads the Fritidserklæringen dashboard, sees
// its gaps in words, downloads a table as CSV, and answers an indicator with a confirmation.
type Page = import('@playwright/test').Page;

async function checkPhoneLayout(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  // No translation key shown in place of its text (a wrong namespace shows the key itself).
  expect(await page.locator('main').innerText()).not.toMatch(/languageName\.|\b(common|insight|catalogue|account):[a-z]/);
  await expectAccessible(page);
}

test('the open-data page is found from the footer, names the licence, and its feeds answer', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/?lng=nb');
  await page.getByRole('link', { name: 'Åpne data' }).click();
  await expect(page).toHaveURL(/\/openactive/);
  await expect(page.getByRole('heading', { level: 1, name: 'Åpne data om fritidsaktiviteter' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Creative Commons Navngivelse 4.0 (CC BY 4.0)' })).toHaveAttribute('href', 'https://creativecommons.org/licenses/by/4.0/');
  await checkPhoneLayout(page);
  const dataset = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(dataset['@type']).toBe('Dataset');
  for (const d of dataset.distribution as { contentUrl: string }[]) {
    const feed = await request.get(new URL(d.contentUrl).pathname);
    expect(feed.status()).toBe(200);
    const body = await feed.json();
    expect(body.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(body.next).toContain(new URL(d.contentUrl).pathname);
  }
  // Every link on the page answers (the feeds, the HSDS API, the DCAT catalogue, the licence aside).
  const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const own = hrefs.filter((h) => new URL(h).origin === new URL(page.url()).origin);
  expect(own.length).toBeGreaterThanOrEqual(5);
  for (const href of own) expect((await request.get(new URL(href).pathname + new URL(href).search)).status(), href).toBe(200);
  expect((await request.get('/api/hsds/services?per_page=1')).status()).toBe(200);
  await page.goto('/openactive?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await checkPhoneLayout(page);
});

test('the kommune admin reads the dashboard, its gaps in words, downloads a CSV and answers an indicator', async ({ page }) => {
  // The sign-in may wait for the next TOTP step (another test signed this user in within the same 30 s).
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.getByRole('link', { name: 'Innsikt' }).first().click();
  await expect(page).toHaveURL(/\/kommune\/modum\/innsikt/);
  await expect(page.getByRole('heading', { level: 1, name: 'Innsikt: Fritidserklæringen i Modum' })).toBeVisible();
  // Gaps are sentences, and every chart has a table beside it.
  await expect(page.getByText(/^Ingen (gratis |tilrettelagt |helge)?aktivitet for \d+–\d+ år i /).first()).toBeVisible();
  expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
  expect(await page.locator('table').count()).toBeGreaterThan(0);
  await checkPhoneLayout(page);
  // The CSV link, fetched with the admin's session: an attachment with a header row and the dashboard's figures.
  const href = await page.getByRole('link', { name: /som CSV$/ }).first().getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"/);
  expect((await csv.text()).split('\n').length).toBeGreaterThan(3);
  // An indicator answered by the admin, with a confirmation.
  const fieldset = page.getByRole('group', { name: 'Kommunen har en fritidsguideordning' });
  await fieldset.getByLabel('Svar').selectOption({ label: 'Ja' });
  await page.getByRole('button', { name: 'Lagre svarene' }).click();
  await expect(page.locator('[role=status]').first()).toBeVisible();
  await expect(page.getByText(/Kommunens svar: Ja/).first()).toBeVisible();
  await page.goto('/kommune/modum/innsikt?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await checkPhoneLayout(page);
});

test('in Arabic a grouped amount keeps its digit order (2 810, not 810 2)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/aktiviteter?lng=ar&q=fotball');
  const cost = page.locator('.cost', { hasText: /\d\u00a0\d{3}/ }).first();
  // Where the thousands digit and the first digit after the space are drawn: left to right, whatever the paragraph's direction.
  const [thousands, hundreds] = await cost.evaluate((e) => {
    const node = e.firstChild!;
    const text = node.textContent!;
    const left = (i: number) => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getBoundingClientRect().left;
    };
    const gap = text.indexOf('\u00a0');
    return [left(gap - 1), left(gap + 1)];
  });
  expect(thousands).toBeLessThan(hundreds);
});

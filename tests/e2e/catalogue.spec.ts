import { expect, expectAccessible, test, waitForHydration } from './fixtures';

const firstActivityHref = async (page: import('@playwright/test').Page) =>
  (await page.locator('.result-card__title a').first().getAttribute('href'))!;

for (const lng of ['nb', 'ar']) {
  test(`search, activity and support pages pass axe in ${lng}`, async ({ page }) => {
    await page.goto(`/aktiviteter?lng=${lng}&alder=10`);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expect(page.locator('.result-card').first()).toBeVisible();
    await expectAccessible(page);
    await page.goto(await firstActivityHref(page));
    await expect(page.locator('.cost-section')).toBeVisible();
    await expectAccessible(page);
    await page.goto(`/stotte?lng=${lng}`);
    await expect(page.locator('.scheme-card').first()).toBeVisible();
    await expectAccessible(page);
  });
}

test('equipment lenders and open days are listed, and pass axe', async ({ page }) => {
  await page.goto('/utstyr');
  await expect(page.getByRole('heading', { name: 'BUA Modum' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/apne-dager');
  await expect(page.locator('.open-days li').first()).toBeVisible();
  await expectAccessible(page);
});

test('filters and paging work with the keyboard alone', async ({ page }) => {
  await page.goto('/aktiviteter');
  await waitForHydration(page);
  // Tab from the top of the page to the age field, type, and submit with Enter.
  for (let i = 0; i < 60 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-alder'; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-alder');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/alder=12/);
  await expect(page.locator('#f-alder')).toHaveValue('12');
  // Tab on to the "next page" link and follow it.
  const next = page.getByRole('link', { name: 'Neste' });
  for (let i = 0; i < 400 && !(await next.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/side=2/);
  await expect(page).toHaveURL(/alder=12/);
  await expect(page.locator('.pager__current')).toContainText('2');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search form, filters and paging work', async ({ page }) => {
    await page.goto('/aktiviteter');
    await page.getByLabel('Kategori').selectOption('ski');
    await page.getByLabel('Bare gratis').check();
    await page.getByRole('button', { name: 'Vis aktiviteter' }).click();
    await expect(page).toHaveURL(/kategori=ski/);
    await expect(page).toHaveURL(/gratis=1/);
    const cards = page.locator('.result-card');
    await expect(cards.first()).toBeVisible();
    for (const cost of await page.locator('.result-card .cost').allTextContents()) expect(cost).toBe('Gratis');
  });

  test('an empty result says which filter to loosen, and the link loosens it', async ({ page }) => {
    await page.goto('/aktiviteter?q=fotball&kategori=sjakk');
    await expect(page.getByText('Ingen aktiviteter passer med alle valgene dine.')).toBeVisible();
    await page.getByRole('link', { name: 'Fjern «Kategori»' }).click();
    await expect(page).not.toHaveURL(/kategori/);
    await expect(page.locator('.result-card').first()).toBeVisible();
  });

  test('a bad value in the address is named and the rest of the search still works', async ({ page }) => {
    const response = await page.goto('/aktiviteter?alder=ti&kategori=dans');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('status').filter({ hasText: 'Barnets alder' })).toBeVisible();
    await expect(page.locator('.result-card').first()).toBeVisible();
  });
});

test('a parent using Somali finds a free activity with equipment to borrow for a 10-year-old in Åmot', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lng=so');
  await page.getByRole('search').getByRole('button', { name: 'Raadi' }).click();
  await expect(page).toHaveURL(/\/aktiviteter\?lng=so/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Raadi hawlo');
  await page.getByLabel("Da'da ilmaha").fill('10');
  await page.getByLabel('Aagga').selectOption('amot');
  await page.getByLabel('Kaliya bilaash').check();
  await page.getByLabel('Qalab la amaahan karo').check();
  await page.getByRole('button', { name: 'Tus hawlaha' }).click();
  await expect(page).toHaveURL(/lng=so/);
  await expect(page).toHaveURL(/omrade=amot/);
  const first = page.locator('.result-card').first();
  await expect(first).toBeVisible();
  await expect(first.locator('.cost')).toHaveText('Bilaash');
  await first.locator('.result-card__title a').click();
  await expect(page).toHaveURL(/\/aktiviteter\/[^?]+\?lng=so/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'so');
  await expect(page.getByRole('heading', { name: 'Waxa ay ku kacayso' })).toBeVisible();
  await expect(page.locator('.cost-total .cost')).toHaveText('Bilaash');
  await expect(page.getByRole('heading', { name: 'Qalabka' })).toBeVisible();
  const lend = page.locator('.equipment-list li', { hasText: 'ka amaaho bilaash' }).first();
  await expect(lend).toBeVisible();
  await expect(lend.getByRole('link', { name: 'BUA Modum' })).toBeVisible();
  // The lender's hours with Somali weekday names (issue 11: no Norwegian free text on a Somali page).
  await expect(lend).toContainText('Talaado 15:00–19:00, Khamiis 15:00–19:00');
  await expectAccessible(page);
});

test('the map shows the results with keyboard-reachable, named markers, and the list stays', async ({ page }) => {
  await page.goto('/aktiviteter?kommune=krodsherad&kategori=ski');
  await waitForHydration(page);
  const count = await page.locator('.result-card').count();
  await page.getByRole('button', { name: 'Vis på kart' }).click();
  const map = page.getByRole('region', { name: 'Kart over aktivitetene' });
  await expect(map).toBeVisible();
  const markers = map.locator('.leaflet-marker-icon');
  await expect(markers.first()).toBeVisible();
  await expect(markers.first()).toHaveAttribute('tabindex', '0');
  await expect(page.getByRole('status').filter({ hasText: `Kartet viser ${count}` })).toBeAttached();
  expect(await page.locator('.result-card').count()).toBe(count);
  // Single markers carry the activity's name; clusters say how many they hold.
  const named = map.locator('.leaflet-marker-icon[title]');
  const clusters = map.locator('.marker-cluster .visually-hidden');
  expect((await named.count()) + (await clusters.count())).toBeGreaterThan(0);
});

test('the map code is fetched only when a map is shown', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/aktiviteter');
  await waitForHydration(page);
  expect(scripts.some((u) => u.includes('activity-map'))).toBe(false);
  await page.getByRole('button', { name: 'Vis på kart' }).click();
  await expect(page.locator('.leaflet-container')).toBeVisible();
  expect(scripts.some((u) => u.includes('activity-map'))).toBe(true);
});

test('the activity page offers an iCal file and prints without navigation', async ({ page, request }) => {
  await page.goto('/aktiviteter?q=skileik');
  await page.locator('.result-card__title a').first().click();
  const href = await page.getByRole('link', { name: 'Legg til i kalenderen (iCal)' }).getAttribute('href');
  const ics = await request.get(href!);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('BEGIN:VEVENT');
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd['@type']).toBe('Event');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.cost-section')).toBeVisible();
});

test('a text only in bokmål is marked lang="nb" with a notice in the reader language', async ({ page }) => {
  await page.goto('/aktiviteter?lng=en&q=skileik');
  await page.locator('.result-card__title a', { hasText: 'Ski play' }).first().click();
  const firstTime = page.locator('section[aria-labelledby="first-time"] p[lang="nb"]').first();
  await expect(firstTime).toBeVisible();
  await expect(page.locator('section[aria-labelledby="first-time"] .fallback-notice').first()).toHaveText('This text is only available in Norwegian (bokmål).');
  // The translated title, by contrast, carries the reader's language.
  await expect(page.locator('h1 [lang="en"]')).toHaveText('Ski play');
});

// Issue 11, parts 3 and 6: text in another language than the page's carries its own lang and dir, and an
// unknown address answers inside the layout in the reader's language.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, waitForHydration } from './fixtures';

const common = (lng: string) => JSON.parse(readFileSync(`locales/${lng}/common.json`, 'utf8'));
const pageDir = { nb: 'ltr', ar: 'rtl', ur: 'rtl' } as const;

/** lang and the direction the browser actually lays the element out in. */
const langAndDirection = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((el) => ({ lang: el.getAttribute('lang'), direction: getComputedStyle(el).direction })));

for (const lng of ['nb', 'ar', 'ur'] as const) {
  test(`bokmål-only text on an activity page reads left to right in ${lng}, and the map speaks ${lng}`, async ({ page }) => {
    await page.goto(`/aktiviteter?lng=${lng}&alder=10`);
    // A result whose title is in bokmål (no club translation into this language).
    const link = page.locator('.result-card__title a:has(span[lang="nb"])').first();
    await page.goto((await link.getAttribute('href'))!);
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expect(page.locator('html')).toHaveAttribute('dir', pageDir[lng]);
    // The page's own headings follow the page; the club's text keeps its own direction.
    expect(await langAndDirection(page, '#about')).toEqual([{ lang: null, direction: pageDir[lng] }]);
    expect(await langAndDirection(page, 'h1 > span')).toEqual([{ lang: 'nb', direction: 'ltr' }]);
    const blocks = await langAndDirection(page, 'section[aria-labelledby="about"] p, section[aria-labelledby="first-time"] p');
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(b).toEqual({ lang: 'nb', direction: 'ltr' });
    // Outside bokmål the reader is told the text is in bokmål, once per block.
    await expect(page.locator('.fallback-notice')).toHaveCount(lng === 'nb' ? 0 : blocks.length);
    const notices = lng === 'nb' ? [] : blocks.map(() => ({ lang: null, direction: pageDir[lng] }));
    expect(await langAndDirection(page, '.fallback-notice')).toEqual(notices);
    // Organisation and venue names, phone and times: left to right whatever the page.
    expect(await langAndDirection(page, '.eyebrow a > span, .venue strong > span')).toEqual([
      { lang: 'nb', direction: 'ltr' },
      { lang: 'nb', direction: 'ltr' },
    ]);
    for (const d of await page.locator('a[href^="tel:"], a[href^="mailto:"], section[aria-labelledby="when"] li > span').evaluateAll((els) => els.map((el) => getComputedStyle(el).direction))) {
      expect(d).toBe('ltr');
    }

    // Leaflet's controls in the reader's language (the map is fetched when its place comes near the screen).
    await page.locator('.map--small').scrollIntoViewIfNeeded();
    const t = common(lng);
    await expect(page.locator('.leaflet-control-zoom-in')).toHaveAttribute('title', t.map.zoomIn);
    await expect(page.locator('.leaflet-control-zoom-out')).toHaveAttribute('title', t.map.zoomOut);
    await expect(page.locator('.leaflet-control-attribution a[href="https://leafletjs.com"]')).toHaveAttribute('title', t.map.library);
    await expect(page.locator('.leaflet-container')).not.toContainText('A JavaScript library');
    // The tile credit keeps its "©" in front: it is laid out left to right inside a right-to-left page.
    expect(await langAndDirection(page, '.leaflet-control-attribution span[dir="auto"]')).toEqual([{ lang: null, direction: 'ltr' }]);
  });
}

test('a translated activity shows the Arabic text right to left, and bokmål left to right', async ({ page }) => {
  await page.goto('/aktiviteter?lng=ar&q=Fotballskole');
  await page.locator('.result-card__title a:has(span[lang="ar"])').first().click();
  await expect(page.locator('h1 > span[lang="ar"]')).toBeVisible();
  expect(await langAndDirection(page, 'h1 > span')).toEqual([{ lang: 'ar', direction: 'rtl' }]);
  expect(await langAndDirection(page, 'section[aria-labelledby="about"] p')).toEqual([{ lang: 'ar', direction: 'rtl' }]);
  await expect(page.locator('section[aria-labelledby="about"] .fallback-notice')).toHaveCount(0);
  expect(await langAndDirection(page, '.eyebrow a > span')).toEqual([{ lang: 'nb', direction: 'ltr' }]);
});

test('free text typed in a form takes its direction from what is typed; addresses and numbers stay left to right', async ({ page }) => {
  await page.goto('/aktiviteter?lng=ar&q=Fotballskole');
  await page.locator('.result-card__title a').first().click();
  await expect(page.locator('h1 > span[lang="ar"]')).toBeVisible();
  const message = page.locator('textarea[name="message"]');
  await expect(message).toHaveAttribute('dir', 'auto');
  await message.fill('Hei! Vi kommer tirsdag.');
  expect(await message.evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
  await message.fill('مرحبا، سنأتي يوم الثلاثاء.');
  expect(await message.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
  await expect(page.locator('input[name="guardianName"]')).toHaveAttribute('dir', 'auto');
  for (const name of ['guardianEmail', 'guardianPhone', 'birthYear']) await expect(page.locator(`input[name="${name}"]`)).toHaveAttribute('dir', 'ltr');
});

for (const lng of ['nb', 'ar'] as const) {
  test(`an unknown address answers 404 inside the layout in ${lng}, without a hydration error`, async ({ page }) => {
    const response = await page.goto(`/finnes-ikke/heller-ikke?lng=${lng}`);
    expect(response?.status()).toBe(404);
    await waitForHydration(page);
    const t = common(lng);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expect(page.locator('html')).toHaveAttribute('dir', pageDir[lng]);
    await expect(page.locator('header.site-header')).toBeVisible();
    await expect(page.getByRole('navigation', { name: t.nav.label })).toBeVisible();
    await expect(page.locator('#lng-select')).toHaveValue(lng);
    await expect(page.locator('footer.site-footer')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.error.notFound.title);
    await expect(page).toHaveTitle(`${t.error.notFound.title} – ${t.appName}`);
    await expectAccessible(page);
    // A way on: search and the home page.
    await expect(page.getByRole('link', { name: t.error.home })).toBeVisible();
    await page.getByLabel(t.error.search.label).fill('fotball');
    await page.getByRole('button', { name: t.error.search.button }).click();
    await expect(page).toHaveURL(/\/aktiviteter\?(lng=\w+&)?q=fotball/);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    // The console-error fixture fails the test on React's hydration error (#418) or any other.
  });
}

test('the language switch on the 404 page changes its language', async ({ page }) => {
  await page.goto('/finnes-ikke?lng=nb');
  await page.locator('#lng-select').selectOption('ar');
  await page.getByRole('button', { name: common('nb').language.change }).click();
  await expect(page).toHaveURL(/\/finnes-ikke\?lng=ar$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(common('ar').error.notFound.title);
});

test('an unknown activity answers 404 inside the layout, from the route’s own boundary', async ({ page }) => {
  const response = await page.goto('/aktiviteter/finnes-ikke?lng=ar');
  expect(response?.status()).toBe(404);
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('header.site-header #lng-select')).toHaveValue('ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(common('ar').error.notFound.title);
});

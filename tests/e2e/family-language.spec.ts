// Issue 11, parts 2 and 4 in a real browser: a dead sign-up link answers inside the layout in the
// reader's language, lenders' hours are named in it, and the club sees what is left to translate.
import { expect, expectAccessible, signIn, test } from './fixtures';

test.use({ viewport: { width: 360, height: 780 } });

const noSidewaysScroll = (page: import('@playwright/test').Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a link to a sign-up that no longer exists says so inside the layout, in Arabic, right to left', async ({ browser }) => {
  // Its own page: the shared fixture counts the expected 404 of the document as a console error; every
  // other console error (a hydration mismatch, a script error) still fails this test.
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ar' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 404/.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const res = await page.goto('/pamelding/denne-finnes-ikke?lng=ar');
  expect(res?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('هذا التسجيل لم يعد موجودًا');
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('link', { name: 'ابحث عن نشاط' })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await expectAccessible(page);
  expect(errors).toEqual([]);
  await context.close();
});

test('lenders’ opening hours are written with the reader’s weekday names', async ({ page }) => {
  await page.goto('/utstyr?kommune=modum&lng=ar');
  const bua = page.locator('#utlan-bua-modum');
  // Each time range isolated left to right, or Arabic's direction would show it as 19:00–15:00.
  await expect(bua.locator('.opening-hours li')).toHaveText(['الثلاثاء \u206615:00–19:00\u2069', 'الخميس \u206615:00–19:00\u2069']);
  expect(await noSidewaysScroll(page)).toBe(true);
  await expectAccessible(page);
  await page.goto('/utstyr?kommune=modum&lng=pl');
  await expect(page.locator('#utlan-bua-modum .opening-hours li')).toHaveText(['wtorek 15:00–19:00', 'czwartek 15:00–19:00']);
});

test('the club’s translation page marks what is missing in each language', async ({ page }) => {
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.locator('table a, .activity-list a').first().click();
  await page.getByRole('link', { name: 'Oversettelser' }).click();
  await page.getByRole('link', { name: 'Polski' }).click();
  const polish = page.locator('.translation-status li', { hasText: 'Polski' });
  await expect(polish.locator('.tag--missing')).toHaveText(/\d+ felt mangler/);
  await expect(page.locator('.translation-field .tag--missing').first()).toHaveText('Mangler');
  expect(await noSidewaysScroll(page)).toBe(true);
  await expectAccessible(page);
});

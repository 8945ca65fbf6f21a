import { expect, expectAccessible, test } from './fixtures';

test('the home page is in bokmål with categories and help entries, and passes axe', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finn noe å gjøre i fritiden');
  await expect(page.getByRole('search').getByRole('searchbox')).toBeVisible();
  await expect(page.getByRole('link', { name: /Fotball\s*\d+ aktiviteter/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Se hva du kan få hjelp til' })).toHaveAttribute('href', '/stotte');
  await expectAccessible(page);
});

test('Arabic is served right-to-left in Arabic, and passes axe', async ({ page }) => {
  await page.goto('/?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ابحث عن شيء تفعله في وقت فراغك');
  // Links inside the page keep the language.
  await expect(page.getByRole('link', { name: /كرة القدم/ })).toHaveAttribute('href', /lng=ar/);
  await expectAccessible(page);
});

test('Northern Sámi is served in Sámi', async ({ page }) => {
  await page.goto('/?lng=se');
  await expect(page.locator('html')).toHaveAttribute('lang', 'se');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Finn noe å gjøre i fritiden');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the language switcher changes language and is remembered', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Språk').selectOption('so');
    await page.getByRole('button', { name: 'Bytt språk' }).click();
    await expect(page).toHaveURL(/\?lng=so$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'so');
    // The choice is kept in the one cookie public pages may set.
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'so');
  });
});

test('the browser language is used when nothing was chosen', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'uk-UA', extraHTTPHeaders: { 'Accept-Language': 'uk-UA,uk;q=0.9' } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await context.close();
});

test('/readyz and /healthz answer, and every response carries the security headers', async ({ request }) => {
  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
  expect(await ready.text()).toBe('ready');
  expect((await request.get('/healthz')).status()).toBe(200);
  for (const path of ['/', '/healthz', '/favicon.svg', '/finnes-ikke']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(h['content-security-policy'], path).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBeTruthy();
  }
});

test('a public page sets no cookie unless a language is chosen', async ({ request }) => {
  const plain = await request.get('/');
  expect(plain.headers()['set-cookie']).toBeUndefined();
  const chosen = await request.get('/?lng=en');
  expect(chosen.headers()['set-cookie']).toMatch(/^lng=/);
});

test('an unknown address gets a translated 404 page', async ({ page, consoleErrors }) => {
  const response = await page.goto('/finnes-ikke?lng=en', { waitUntil: 'domcontentloaded' });
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find the page');
  // The browser reports the 404 itself; the console fixture expects that one (and only for this page).
  expect(consoleErrors).toEqual([]);
});

test('pages in scripts of several bytes per letter carry no NUL bytes (React 18 pads streamed chunks with them)', async ({ request }) => {
  for (const lng of ['ar', 'ti', 'uk', 'so', 'ur']) {
    for (const path of ['/aktiviteter', '/aktiviteter?q=fotball', '/', '/stotte']) {
      const body = await (await request.get(`${path}${path.includes('?') ? '&' : '?'}lng=${lng}`)).body();
      expect(body.indexOf(0), `${lng} ${path}`).toBe(-1);
    }
  }
});

test('public pages are served again from the micro-cache for anonymous visitors, each time with a fresh nonce', async ({ request }) => {
  const url = `/aktiviteter?q=dans&cache-test=${Date.now()}`;
  const first = await request.get(url);
  const second = await request.get(url);
  expect(first.headers()['x-cache']).toBe('miss');
  expect(second.headers()['x-cache']).toBe('hit');
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  const [n1, n2] = [nonceOf(first.headers()['content-security-policy']), nonceOf(second.headers()['content-security-policy'])];
  expect(n1).toBeTruthy();
  expect(n2).not.toBe(n1);
  const html = await second.text();
  expect(html).toContain(`nonce="${n2}"`);
  expect(html).not.toContain(n1!);
  expect(html.replaceAll(n2!, 'N')).toBe((await first.text()).replaceAll(n1!, 'N'));
});

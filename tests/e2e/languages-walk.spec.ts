import type { Page } from '@playwright/test';
import { expect, expectAccessible, sentMail, test, waitForHydration } from './fixtures';

// Issue 11, "Done when": two families who do not read Norwegian get where they want, each page passing
// axe and fitting the phone's width. Walks of several pages with axe on each take longer than one page.
test.describe.configure({ timeout: 120_000 });

async function checkPage(page: Page, axe = true) {
  if (axe) await expectAccessible(page);
  const fits = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(fits.scroll, `no sideways scrolling on ${page.url()}`).toBeLessThanOrEqual(fits.inner);
}

test('a Somali parent on a 360 px phone, typing only Somali, goes from the home page to a sent sign-up', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'so', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const email = `hodan-${Date.now()}@example.no`;

  await page.goto('/?lng=so');
  await expect(page.locator('html')).toHaveAttribute('lang', 'so');
  await checkPage(page);

  // The home page's own example, in Somali: "kubadda cagta" (football).
  await page.getByLabel('Maxaad rabtaa inaad isku daydo?').fill('kubadda cagta');
  await page.getByRole('search').getByRole('button', { name: 'Raadi' }).click();
  await expect(page).toHaveURL(/\/aktiviteter\?.*q=kubadda/);
  await expect(page).toHaveURL(/lng=so/);
  const cards = page.locator('.result-card');
  await expect(cards.first()).toBeVisible();
  // Every result is football (the category's Somali name), and none is full: the default filter.
  for (const org of await page.locator('.result-card__org').allTextContents()) expect(org).toContain('Kubadda cagta');
  await expect(page.locator('.result-card__full')).toHaveCount(0);
  await expect(page.getByLabel('Kaliya kuwa qaata xubno cusub')).toBeChecked();
  await checkPage(page);

  await cards.first().locator('.result-card__title a').click();
  await expect(page).toHaveURL(/\/aktiviteter\/[^?]+\?lng=so/);
  await expect(page.getByRole('heading', { name: 'Sheeg xiisahaaga' })).toBeVisible();
  await checkPage(page);

  await page.getByLabel('Magaca hore ee ilmaha').fill('Ayaan');
  await page.getByLabel('Sannadka dhalashada ilmaha').fill('2016');
  await page.getByLabel('Magacaaga (waalidka ama masuulka)').fill('Hodan Cali');
  await page.getByLabel('Iimaylkaaga').fill(email);
  await page.getByLabel('Fariin loogu talagalay naadiga').fill('Ilmahaygu wuxuu jecel yahay kubadda cagta.');
  await page.getByRole('button', { name: 'Dir', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Codsigaaga');
  await expect(page.locator('html')).toHaveAttribute('lang', 'so');
  await checkPage(page);

  // The receipt reached the family in Somali.
  await expect(async () => {
    const mail = (await sentMail()).filter((m) => m.to === email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Waan dirnay codsigaaga');
    expect(mail[0].text).not.toContain('Ayaan');
  }).toPass({ timeout: 20_000 });
  await context.close();
});

test('an Urdu reader with only a keyboard goes from the search to an activity page', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ur', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  await page.goto('/aktiviteter?lng=ur');
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await checkPage(page);

  // Tab to the search field, type the placeholder's own example, submit with Enter.
  for (let i = 0; i < 80 && (await focusedId()) !== 'f-q'; i++) await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('f-q');
  await page.keyboard.type('فٹ بال');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=/);
  await expect(page.locator('#f-q')).toHaveValue('فٹ بال');
  const first = page.locator('.result-card__title a').first();
  await expect(first).toBeVisible();
  await expect(page.locator('.result-card__org').first()).toContainText('فٹ بال');
  await checkPage(page);

  // Tab on to the first result and open it with Enter.
  for (let i = 0; i < 300 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  const href = await first.getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href!.split('?')[0]}\\?lng=ur`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ur');
  await expect(page.locator('h1')).toBeVisible();
  await checkPage(page);
  await context.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  // axe needs script in the page, which is off here: the walks above run it with JavaScript.
  test('a full activity says so on its card and its page, with what to do instead', async ({ page, browser }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/aktiviteter?lng=nb');
    const box = page.getByLabel('Bare de som tar imot nye');
    await expect(box).toBeChecked();
    await expect(page.locator('.result-card__full')).toHaveCount(0);
    // Untick the filter and search again: the full ones appear, each marked.
    await box.uncheck();
    await page.getByRole('button', { name: 'Vis aktiviteter' }).click();
    await expect(page).toHaveURL(/nye=0/);
    await expect(page.getByLabel('Bare de som tar imot nye')).not.toBeChecked();
    // Page on until a full activity of each kind is seen: with and without a waiting list.
    let similarHref: string | null = null;
    let listedHref: string | null = null;
    for (let n = 0; n < 15 && !(similarHref && listedHref); n++) {
      if (n) await page.getByRole('link', { name: 'Neste' }).click();
      const cards = await page.locator('.result-card:has(.result-card__full)').evaluateAll((els) =>
        els.map((el) => ({
          href: el.querySelector('.result-card__title a')?.getAttribute('href') ?? null,
          text: el.querySelector('.result-card__full')?.textContent ?? '',
          links: [...el.querySelectorAll('.result-card__full a')].map((a) => a.textContent),
        })),
      );
      for (const card of cards) {
        expect(card.text).toContain('Tar ikke imot nye nå');
        if (card.links.includes('Se lignende aktiviteter')) similarHref ??= card.href;
        if (card.links.includes('Venteliste: du kan melde interesse.')) listedHref ??= card.href;
      }
      if (n === 0) await checkPage(page, false);
    }
    expect(similarHref, 'a full activity without a waiting list').not.toBeNull();
    expect(listedHref, 'a full activity with a waiting list').not.toBeNull();

    // Without a waiting list: no form, but similar activities that take new members.
    await page.goto(similarHref!);
    await expect(page.locator('.notice--full')).toContainText('Tar ikke imot nye medlemmer nå.');
    await expect(page.getByRole('heading', { name: 'Lignende aktiviteter som tar imot nye' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Meld interesse' })).toHaveCount(0);
    await checkPage(page, false);

    // With one: the form puts the child on the waiting list.
    await page.goto(listedHref!);
    await expect(page.locator('.notice--full')).toContainText('Klubben har venteliste.');
    await expect(page.getByRole('heading', { name: 'Sett barnet på ventelisten' })).toBeVisible();
    await checkPage(page, false);

    // The same pages pass axe in a browser with JavaScript, at 360 px: one in Arabic, one in bokmål.
    // (A context made here inherits this block's javaScriptEnabled: false unless told otherwise.)
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 360, height: 740 } });
    const js = await context.newPage();
    for (const [href, lng] of [[similarHref!, 'ar'], [listedHref!, 'nb']]) {
      await js.goto(`${href.replace(/\?.*$/, '')}?lng=${lng}`);
      await expect(js.locator('.notice--full')).toBeVisible();
      await checkPage(js);
    }
    await context.close();
  });
});

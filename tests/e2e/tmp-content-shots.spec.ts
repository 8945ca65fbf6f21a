import { signIn, test } from './fixtures';
const dir = '/tmp/content-shots';
test.use({ viewport: { width: 360, height: 780 } });
test('shots', async ({ page, browser }) => {
  test.setTimeout(180_000);
  for (const lng of ['nb', 'ar']) {
    await page.goto(`/utstyr?lng=${lng}`);
    await page.screenshot({ path: `${dir}/utstyr-${lng}.png`, fullPage: true });
    await page.goto(`/stotte?kommune=modum&lng=${lng}`);
    await page.screenshot({ path: `${dir}/stotte-${lng}.png`, fullPage: true });
    await page.goto(`/aktiviteter?q=Fotballskole&lng=${lng}`);
    const hrefs = await page.locator('a[href*="/aktiviteter/fotballskole"]').evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))]);
    for (const href of hrefs) {
      await page.goto(href.includes('lng=') ? href : `${href}${href.includes('?') ? '&' : '?'}lng=${lng}`);
      if (lng === 'nb' || (await page.locator('h1 [lang="ar"]').count())) break;
    }
    await page.locator('#equipment').scrollIntoViewIfNeeded();
    await page.locator('section[aria-labelledby="equipment"]').screenshot({ path: `${dir}/activity-eq-${lng}.png` });
    await page.locator('section[aria-labelledby="cost"]').screenshot({ path: `${dir}/activity-cost-${lng}.png` });
    const ctx = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const p = await ctx.newPage();
    await p.goto(`/pamelding/borte?lng=${lng}`);
    await p.screenshot({ path: `${dir}/gone-${lng}.png`, fullPage: true });
    await ctx.close();
  }
  // A sign-up and its page, in Arabic.
  await page.goto(`/aktiviteter?q=Fotballskole&lng=ar`);
  const first = await page.locator('a[href*="/aktiviteter/fotballskole"]').first().getAttribute('href');
  await page.goto(first!.includes('lng=') ? first! : `${first}?lng=ar`);
  await page.screenshot({ path: `${dir}/form-ar.png`, fullPage: true });
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.locator('table a, .activity-list a').first().click();
  await page.getByRole('link', { name: 'Oversettelser' }).click();
  await page.screenshot({ path: `${dir}/translate-nb.png`, fullPage: true });
  await page.goto(page.url().replace(/\?.*$/, '') + '?sprak=ar&lng=ar');
  await page.screenshot({ path: `${dir}/translate-ar.png`, fullPage: true });
});

import type { Page } from '@playwright/test';
import { expect, expectAccessible, sentMail, signIn, test, waitForHydration } from './fixtures';

// Issue 11, parts 7 and 9 in a real browser: a confirmation after a redirect shows once and is gone on the
// next page; a secondary button looks secondary; the header's focus ring has 3:1 against the header; the
// accessibility statement passes axe at 360 px in bokmål and Arabic, and its form reaches the kommune.

/** WCAG contrast of two CSS colours as the browser computed them (rgb()/rgba(), alpha ignored). */
function contrast(a: string, b: string) {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function registerPendingClub(page: Page, name: string) {
  const stamp = Date.now().toString(36);
  await page.goto('/registrer-klubb');
  await page.getByLabel('Navn på klubben').fill(name);
  await page.getByLabel('Kommune').selectOption('modum');
  await page.getByLabel('Ditt navn').fill('Mona Meldingsen');
  await page.getByLabel('E-postadresse').fill(`melding-${stamp}@klubb.example`);
  await page.getByLabel('Nytt passord').fill('vi trener hver onsdag 2026');
  await page.getByRole('button', { name: 'Registrer' }).click();
  await expect(page.getByText('Sjekk e-posten din').first()).toBeVisible();
}

test('approving a club: secondary and primary buttons differ, the confirmation shows once and is gone on the next page', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Meldingsklubben ${Date.now().toString(36)}`;
  await registerPendingClub(page, name);
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/kommune/modum/moderering');
  await waitForHydration(page);
  const card = page.locator('article', { hasText: name });
  const approve = card.getByRole('button', { name: 'Godkjenn' });
  const reject = card.getByRole('button', { name: 'Avslå' });
  const look = (el: typeof approve) => el.evaluate((b) => {
    const s = getComputedStyle(b);
    return { background: s.backgroundColor, color: s.color, border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}` };
  });
  const [primary, secondary] = [await look(approve), await look(reject)];
  expect(secondary.background).not.toBe(primary.background);
  expect(secondary.color).not.toBe(primary.color);
  expect(secondary.border).not.toBe(primary.border);
  // Secondary: light with a coloured border; primary: filled.
  expect(contrast(secondary.background, 'rgb(255, 255, 255)')).toBeLessThan(1.2);
  expect(contrast(primary.background, 'rgb(255, 255, 255)')).toBeGreaterThan(4.5);
  await expect(page.getByRole('status')).toHaveCount(0);

  await approve.click();
  await expect(page).toHaveURL(/\/kommune\/modum\/moderering$/);
  await expect(page.getByRole('status')).toHaveText('Klubben er godkjent. Klubbens administratorer har fått e-post om det.');
  await expect(page.locator('article', { hasText: name })).toHaveCount(0);
  await expectAccessible(page);
  // The next page (a client-side navigation) and a reload of the same page: gone.
  await page.getByRole('link', { name: 'Min side' }).click();
  await expect(page).toHaveURL(/\/konto$/);
  await expect(page.getByRole('status')).toHaveCount(0);
  await page.goto('/kommune/modum/moderering');
  await expect(page.getByRole('status')).toHaveCount(0);
  // The club's admin was told it is approved.
  await expect.poll(async () => (await sentMail()).some((m) => m.subject === `${name} er godkjent`), { timeout: 20_000 }).toBe(true);
});

test('the confirmation without JavaScript: shown after the redirect, gone on the next page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO' });
  const page = await context.newPage();
  await page.goto('/logg-inn?lng=nb');
  await page.getByLabel('E-postadresse').fill('klubbleder@demo.fritidsportal.example');
  await page.getByLabel('Passord').fill('demo-passord-2026');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.goto('/konto');
  await page.getByRole('button', { name: 'Logg ut på alle enheter' }).click();
  await expect(page).toHaveURL(/\/logg-inn$/);
  await expect(page.getByRole('status')).toHaveText('Du er logget ut på alle enheter. Logg inn igjen for å fortsette.');
  await page.reload();
  await expect(page.getByRole('status')).toHaveCount(0);
  await context.close();
});

test("the header's focus ring has at least 3:1 against the header, for the brand, every menu link and the language switcher", async ({ page }) => {
  await page.goto('/');
  const header = await page.locator('.site-header').evaluate((h) => getComputedStyle(h).backgroundColor);
  const targets = page.locator('.site-header a, .site-header select, .site-header button');
  const count = await targets.count();
  expect(count).toBeGreaterThanOrEqual(8);
  let seen = 0;
  // Walk with the keyboard, as the user does: :focus-visible is what keyboard focus shows.
  for (let i = 0; i < 20 && seen < count; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest('.site-header') || !el.matches(':focus-visible')) return null;
      const s = getComputedStyle(el);
      return { color: s.outlineColor, width: parseFloat(s.outlineWidth), style: s.outlineStyle, text: el.textContent?.trim() ?? el.tagName };
    });
    if (!ring) continue;
    seen++;
    expect(ring.style, ring.text).not.toBe('none');
    expect(ring.width, ring.text).toBeGreaterThanOrEqual(2);
    expect(contrast(ring.color, header), `${ring.text}: ${ring.color} on ${header}`).toBeGreaterThanOrEqual(3);
  }
  expect(seen).toBe(count);
});

for (const lng of ['nb', 'ar'] as const) {
  test(`the accessibility statement at 360 px in ${lng}: linked from the footer, passes axe, no sideways scrolling`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: lng === 'ar' ? 'ar' : 'nb-NO' });
    const page = await context.newPage();
    await page.goto(`/?lng=${lng}`);
    await page.locator('.site-footer a[href^="/tilgjengelighet"]').click();
    await expect(page).toHaveURL(new RegExp(`/tilgjengelighet\\?lng=${lng}$`));
    await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
    await expect(page.locator('h1')).toHaveText(lng === 'ar' ? 'بيان إمكانية الوصول' : 'Tilgjengelighetserklæring');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    // The head carries the description, one canonical and twelve alternates with absolute addresses.
    expect(await page.locator('meta[name="description"]').count()).toBe(1);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`^http://127\\.0\\.0\\.1:\\d+/tilgjengelighet\\?lng=${lng}$`));
    expect(await page.locator('link[rel="alternate"][hreflang]').count()).toBe(12);
    await context.close();
  });
}

test('reporting a problem: errors beside the fields, then a confirmation, and the kommune admin gets the mail', async ({ page }) => {
  await page.goto('/tilgjengelighet');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Send meldingen' }).click();
  await expect(page.locator('#field-kommune-error')).toHaveText('Dette feltet må fylles ut.');
  await expect(page.locator('#field-message-error')).toHaveText('Dette feltet må fylles ut.');
  await expectAccessible(page);
  const text = `Kartknappene har for liten kontrast ${Date.now().toString(36)}`;
  await page.getByLabel('Kommune').selectOption('modum');
  await page.getByLabel('Hva er problemet?').fill(text);
  await page.getByRole('button', { name: 'Send meldingen' }).click();
  await expect(page).toHaveURL(/\/tilgjengelighet\?sendt=1#melding$/);
  await expect(page.getByRole('status')).toHaveText('Takk! Meldingen er sendt til kommunen.');
  // The admin's mail says that a report has come and links to the kommune's page; the text is only there.
  const notice = async () => (await sentMail()).filter((m) => m.to.includes('kommune@demo.fritidsportal.example') && m.subject === 'Ny melding om tilgjengelighet i Fritidsportalen').at(-1);
  await expect.poll(async () => (await notice())?.text ?? '', { timeout: 20_000 }).toContain('/kommune/modum/tilgjengelighet');
  const mail = (await notice())!;
  expect(mail.text).not.toContain(text);
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto(/(\/kommune\/modum\/tilgjengelighet\S*)/.exec(mail.text)![1]);
  const report = page.locator('.report-list li', { hasText: text });
  await expect(report).toBeVisible();
  await expectAccessible(page);
  await report.getByRole('button', { name: 'Merk som behandlet' }).click();
  await expect(page.locator('.flash')).toHaveText('Meldingen er merket som behandlet.');
  await expect(page.locator('.report-list li', { hasText: text })).toContainText('Behandlet');
});

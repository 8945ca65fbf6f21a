import type { Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test, waitForHydration } from './fixtures';

/** No sideways scrolling: the page is no wider than the phone. */
async function expectNoOverflow(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
  expect(widths.doc, 'document width at 360 px').toBeLessThanOrEqual(widths.view);
  expect(widths.body, 'body width at 360 px').toBeLessThanOrEqual(widths.view);
}

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

for (const lng of ['nb', 'ar'] as const) {
  test(`the activity editor on a 360 px phone in ${lng}: every error in words beside its field, linked from the summary, nothing wider than the screen`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 360, height: 780 });
    await signIn(page, 'klubbleder@demo.fritidsportal.example');
    const own = await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().getAttribute('href');
    await page.goto(`${own!.split('?')[0]}/aktiviteter/ny?lng=${lng}`);
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
    await expectNoOverflow(page);

    // Every input, select and text area fits in its field (none sticks out of the form).
    const form = await page.locator('form.editor').boundingBox();
    for (const box of await page.locator('form.editor :is(input:not([type=checkbox]):not([type=hidden]), select, textarea)').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.left).toBeGreaterThanOrEqual(form!.x - 1);
      expect(box.right).toBeLessThanOrEqual(form!.x + form!.width + 1);
    }

    await byId(page, 'field-title').fill('Bt');
    await byId(page, 'field-category').selectOption('annet');
    await byId(page, 'field-description').fill('Vi spiller bordtennis hver uke, og alle kan være med.');
    await byId(page, 'field-ageMin').fill('8');
    await byId(page, 'field-ageMax').fill('14');
    await byId(page, 'field-seasonStart').fill('2026-08-15');
    await byId(page, 'field-seasonEnd').fill('2027-06-15');
    await byId(page, 'field-sessions.0.weekday').selectOption('2');
    await byId(page, 'field-sessions.0.start').fill('17:00');
    await byId(page, 'field-sessions.0.end').fill('18:00');
    await byId(page, 'field-noSessionDates').fill('23.12.2026');
    await byId(page, 'field-venueId').selectOption('new');
    await byId(page, 'field-venue.name').fill('Racketen');
    await byId(page, 'field-venue.postcode').fill('3360');
    await byId(page, 'field-venue.place').fill('Geithus');
    await byId(page, 'field-venue.lat').fill('99,5');
    await byId(page, 'field-venue.lon').fill('9,97');
    await byId(page, 'field-costs.0.kind').selectOption('membership');
    await byId(page, 'field-costs.0.amount').fill('1 250,50');
    await byId(page, 'field-costs.1.kind').selectOption('training_fee');
    await byId(page, 'field-costs.1.amount').fill('12,3,4');
    await page.locator('form.editor button[type=submit]').click();

    const summary = page.locator('.error-summary');
    await expect(summary).toBeVisible();
    const expected = ['title', 'categoryOther', 'venue.address', 'venue.lat', 'costs.1.amount', 'noSessionDates'];
    await expect(summary.locator('a')).toHaveCount(expected.length);
    for (const name of expected) {
      const input = byId(page, `field-${name}`);
      await expect(input, name).toHaveAttribute('aria-invalid', 'true');
      const error = byId(page, `field-${name}-error`);
      await expect(error, name).toBeVisible();
      expect((await input.getAttribute('aria-describedby'))?.split(' '), name).toContain(`field-${name}-error`);
      // Beside the field: in the same field box as the input and its label, right above the input.
      const field = page.locator('.field', { has: input }).last();
      await expect(field.locator(`[id="field-${name}-error"]`), name).toHaveCount(1);
      const label = (await field.locator('label').first().innerText()).replace(/\s*\*$/, '').trim();
      await expect(error, name).toContainText(label);
      const [e, i] = [await error.boundingBox(), await input.boundingBox()];
      expect(i!.y - (e!.y + e!.height), `${name}: gap between message and input`).toBeLessThan(24);
      // The summary links to the input itself.
      await expect(summary.locator(`a[href="#field-${name}"]`), name).toHaveText(await error.innerText());
    }
    // The decimal comma was accepted: the first cost has no error.
    await expect(byId(page, 'field-costs.0.amount')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(byId(page, 'field-venue.lon')).not.toHaveAttribute('aria-invalid', 'true');
    // The exception date names the weekday it falls on and the days the activity meets on.
    await expect(byId(page, 'field-noSessionDates-error')).toContainText(lng === 'ar' ? 'الأربعاء' : 'onsdag');
    await expect(byId(page, 'field-noSessionDates-error')).toContainText(lng === 'ar' ? 'الثلاثاء' : 'tirsdag');
    // A summary link moves to its field, and the errors stay.
    await summary.locator('a[href="#field-venue.lat"]').click();
    await expect(byId(page, 'field-venue.lat')).toBeFocused();
    await expect(byId(page, 'field-venue.lat-error')).toBeVisible();
    await expect(summary).toBeVisible();

    await expectNoOverflow(page);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/editor-360-${lng}.png`, fullPage: true });
  });
}

test('the category "other" shows the club’s own kind on the search card and the activity page, in nb and ar', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  for (const lng of ['nb', 'ar']) {
    await page.goto(`/aktiviteter?q=bordtennis&lng=${lng}`);
    const card = page.locator('.result-card').first();
    await expect(card.locator('.result-card__org [lang="nb"][dir="auto"]')).toHaveText('bordtennis');
    await page.screenshot({ path: `test-results/annet-card-${lng}.png` });
    await card.getByRole('link').first().click();
    await expect(page.locator('.eyebrow [lang="nb"][dir="auto"]')).toHaveText('bordtennis');
    // The kind is one short word: it never widens the page (the page's tables are another matter, see app.css).
    const eyebrow = await page.locator('.eyebrow').boundingBox();
    expect(eyebrow!.x + eyebrow!.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `test-results/annet-page-${lng}.png` });
    await expectAccessible(page);
  }
});

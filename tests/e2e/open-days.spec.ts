import { expect, expectAccessible, signIn, test } from './fixtures';

// Issue 12, part 3, on a small phone: the demo club leader announces a trial session from the activity
// editor, gets an error beside the end time first, translates it into Somali, and families find it on
// /apne-dager in Somali, on the activity's page and in its calendar file; deleting asks first.
type Page = import('@playwright/test').Page;

async function checkPhoneLayout(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
}

test('a club announces a trial session, translates it, families find it everywhere, and deleting asks first', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  // A published activity, so families can see what is announced for it.
  const row = page.locator('tbody tr', { hasText: 'Publisert' }).first();
  await row.locator('a[href*="/aktiviteter/"]').first().click();
  await page.getByRole('link', { name: 'Åpne dager og prøvetimer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Åpne dager og prøvetimer');
  await checkPhoneLayout(page);
  await page.getByRole('link', { name: 'Ny åpen dag eller prøvetime' }).click();
  await checkPhoneLayout(page);

  const title = `Prøv bandy ${Date.now().toString(36)}`;
  const day = new Date(Date.now() + 8 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Hva slags').selectOption('trial');
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Dato').fill(day);
  await page.getByLabel('Starter').fill('18:00');
  await page.getByLabel('Slutter').fill('17:00');
  await page.getByLabel('Mer om dagen').fill('Ta med hjelm hvis du har.');
  await page.getByRole('button', { name: 'Lagre den åpne dagen' }).click();
  await expect(page.locator('#field-end-error')).toHaveText('En økt må slutte etter at den begynner.');
  await expect(page.getByLabel('Tittel')).toHaveValue(title);
  await checkPhoneLayout(page);
  await page.getByLabel('Slutter').fill('19:30');
  await page.getByRole('button', { name: 'Lagre den åpne dagen' }).click();
  await expect(page.getByRole('status')).toHaveText('Den åpne dagen er lagret. Familier ser den nå.');
  await checkPhoneLayout(page);
  const editUrl = page.url();

  // Somali, from the open day's translation page.
  await page.getByRole('link', { name: 'Oversett til andre språk' }).click();
  await page.getByRole('link', { name: 'Soomaali' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Soomaali');
  await page.getByLabel('Tittel').fill(`Tijaabi bandy ${title.split(' ').pop()}`);
  await page.getByLabel('Mer om dagen').fill('Keen koofiyad haddii aad leedahay.');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByRole('status')).toHaveText('Oversettelsen er lagret. Familier leser den nå.');
  await expect(page.getByLabel('Tittel')).toHaveAttribute('lang', 'so');
  await checkPhoneLayout(page);

  // Families: /apne-dager in Somali, the activity's page, its calendar.
  await page.goto('/apne-dager?lng=so');
  const somali = page.locator('.open-days li', { hasText: `Tijaabi bandy ${title.split(' ').pop()}` });
  await expect(somali).toBeVisible();
  await expect(somali.locator('[lang="so"]').first()).toBeVisible();
  await checkPhoneLayout(page);
  await somali.getByRole('link').click();
  await expect(page).toHaveURL(/\/aktiviteter\/[^/?]+/);
  await expect(page.locator('.open-days li', { hasText: 'Tijaabi bandy' })).toBeVisible();
  const slug = new URL(page.url()).pathname.split('/').pop()!;
  await page.goto(`/aktiviteter/${slug}?lng=nb`);
  const here = page.locator('.open-days li', { hasText: title });
  await expect(here).toContainText('Prøvetime');
  await expect(here).toContainText('18:00–19:30');
  await checkPhoneLayout(page);
  const ics = await (await request.get(`/aktiviteter/${slug}/kalender.ics?lng=nb`)).text();
  expect(ics).toContain(`SUMMARY:Prøvetime: ${title}`);

  // In Arabic, right to left, the club's list still fits the phone and passes axe.
  await page.goto(`${new URL(editUrl).pathname.replace(/\/\d+$/, '')}?lng=ar`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await checkPhoneLayout(page);

  // Deleting asks first, then confirms; the day is gone for families.
  await page.goto(`${new URL(editUrl).pathname}?lng=nb`);
  await page.getByRole('link', { name: 'Slett den åpne dagen' }).click();
  await expect(page.getByRole('heading', { name: 'Slette denne åpne dagen?' })).toBeVisible();
  await checkPhoneLayout(page);
  await page.getByRole('button', { name: 'Ja, slett' }).click();
  await expect(page.getByRole('status')).toHaveText('Den åpne dagen er slettet.');
  await page.goto('/apne-dager?lng=nb');
  await expect(page.locator('.open-days li', { hasText: title })).toHaveCount(0);
});

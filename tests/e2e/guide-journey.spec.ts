import { expect, expectAccessible, signIn, test, waitForHydration } from './fixtures';

// Issue 5's journey: a teacher refers a child (bokmål); the guardian consents on a phone in Arabic; the
// coordinator assigns the top-ranked guide, who speaks Arabic; the guide places the child with a free
// place through the ordinary sign-up; the club accepts it like any other; follow-up, closure, and after
// the retention period only anonymous counts remain.
type Page = import('@playwright/test').Page;

async function signOut(page: Page) {
  await page.goto('/konto');
  await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
  await expect(page).toHaveURL('/');
}

async function refer(page: Page, childName: string) {
  await signIn(page, 'henviser@demo.fritidsportal.example');
  await page.goto('/henvisning/ny');
  await page.getByLabel('Barnets fornavn').fill(childName);
  await page.getByLabel('Fødselsår').fill('2016');
  await page.getByLabel('Område').selectOption({ label: 'Åmot' });
  await page.getByRole('group', { name: 'Språk hjemme' }).getByLabel('arabisk').check();
  await page.getByRole('group', { name: 'Interesser' }).getByLabel('Fotball').check();
  await page.getByLabel('Økonomi').check();
  await page.getByLabel('Foresattes navn').fill('Layla Foresatt');
  await page.getByLabel('Telefon').fill(`+47 400 ${Math.floor(10000 + Math.random() * 89999)}`);
  await page.getByLabel('Foresattes språk').selectOption('ar');
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  await expect(page).toHaveURL(/\/henvisninger$/);
  await expect(page.getByRole('status')).toHaveText('Henvisningen er sendt.');
  await expect(page.locator('tbody tr').first()).toContainText('Venter på samtykke');
  await signOut(page);
}

/** The newest consent link sent by SMS (SMS goes to the dev mailbox in demo mode). */
// Links already used by earlier tests in this file (one worker runs them in order).
const seenLinks: string[] = [];

/** Links already in the demo mailbox (other specs' referrals) are not this test's. */
async function markSeen(page: Page, seen: string[] = seenLinks) {
  await page.goto('/dev/epost');
  for (const b of await page.locator('.dev-message', { hasText: '/samtykke/' }).locator('pre').allTextContents()) {
    const u = new URL(b.match(/https?:\/\/\S+\/samtykke\/\S+/)![0]);
    seen.push(`${u.pathname}${u.search}`);
  }
}

async function consentLink(page: Page, seen: string[] = seenLinks) {
  let link = '';
  // The outbox worker sends within a few seconds; reload until the new SMS is there.
  await expect(async () => {
    await page.goto('/dev/epost');
    const bodies = await page.locator('.dev-message', { hasText: '/samtykke/' }).locator('pre').allTextContents();
    const fresh = bodies
      .map((b) => new URL(b.match(/https?:\/\/\S+\/samtykke\/\S+/)![0]))
      .map((u) => `${u.pathname}${u.search}`)
      .find((p) => !seen.includes(p));
    expect(fresh).toBeTruthy();
    link = fresh!;
  }).toPass({ timeout: 30_000 });
  seen.push(link);
  // The link in the SMS carries the guardian's language.
  expect(link).toMatch(/\?lng=ar$/);
  return link;
}

test('the whole fritidsguide journey, with a subsidised place nobody at the club can see', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const title = `Fotball for alle ${stamp}`;
  // No personal data in any address the browsers request.
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));

  // The club has an activity with free places and a leader who speaks Arabic (imported from CSV).
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.getByRole('link', { name: 'Importer fra CSV' }).click();
  const csv = `title,category,description,age_min,age_max,weekday,start,end,season_start,season_end,venue,membership_kr,free_places,leader_languages,trial\n${title},fotball,Vi spiller fotball sammen. Alle kan være med.,8,12,2,17:00,18:00,2026-08-15,2027-06-15,Åmot flerbrukshall,300,2,ar,ja\n`;
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'aktiviteter.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('status')).toContainText('1 aktivitet er importert');
  await page.goto('/konto');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.locator('tr', { hasText: title }).getByRole('button', { name: 'Publiser' }).click();
  await expect(page.locator('tr', { hasText: title })).toContainText('Publisert');
  await signOut(page);

  // 1. A teacher refers the child, in bokmål.
  await markSeen(page);
  await refer(page, 'Amal');

  // 2. The guardian opens the link on a phone, in Arabic, and consents.
  let link = await consentLink(page);
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'ar' });
  const guardian = await phone.newPage();
  await guardian.goto(link);
  await expect(guardian.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(guardian.getByRole('heading', { level: 1 })).toHaveText('الموافقة على مرشد وقت الفراغ');
  await expect(guardian.locator('.consent-page')).toContainText('Amal');
  await expectAccessible(guardian);
  await guardian.getByRole('button', { name: 'نعم، أوافق' }).click();
  await expect(guardian.getByRole('status')).toBeVisible();

  // 3. The coordinator assigns the top-ranked guide, who speaks Arabic.
  await signIn(page, 'koordinator@demo.fritidsportal.example', true);
  await page.goto('/koordinator');
  await page.locator('tr', { hasText: 'Venter på fritidsguide' }).last().getByRole('link').click();
  const top = page.locator('.guide-choice').first();
  await expect(top).toContainText('Amina Guidesen');
  await expect(top).toContainText('Snakker arabisk');
  await expectAccessible(page);
  await top.getByRole('button', { name: 'Tildel' }).click();
  await expect(page).toHaveURL(/\/koordinator\/\d+$/);
  await expect(page.getByRole('status')).toHaveText('Fritidsguiden er tildelt og har fått beskjed.');
  await signOut(page);

  // 4. The guide sees the child and recommendations with reasons, and sends the sign-up with a free place.
  await signIn(page, 'guide@demo.fritidsportal.example', true);
  await page.goto('/guide');
  await page.getByRole('link', { name: /Henvisning/ }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Amal');
  const card = page.locator('.recommendation', { hasText: title });
  await expect(card).toContainText('Gratis plass ledig');
  await expect(card).toContainText('Leder snakker arabisk');
  await expectAccessible(page);
  await card.getByRole('button', { name: 'Send påmelding' }).click();
  await expect(page.getByText('Foresatte må si ja til at klubben får vite barnets navn')).toBeVisible();
  // The guide asks the guardian through a new link (SMS, in Arabic) rather than on the phone.
  await page.locator('.recommendation', { hasText: title }).getByRole('button', { name: 'Spør foresatte på SMS eller e-post' }).click();
  await expect(page.getByRole('status')).toContainText('Foresatte har fått en lenke');
  await expect(page.getByText('Venter på svar fra foresatte')).toBeVisible();
  const caseUrl = page.url().split('?')[0];
  link = await consentLink(page);
  await guardian.goto(link);
  await expect(guardian.locator('#club-question')).toBeVisible();
  await expectAccessible(guardian);
  await guardian.locator('button[value="club-yes"]').click();
  await expect(guardian.getByRole('status')).toBeVisible();
  await page.goto(caseUrl);
  await expect(page.getByText('Venter på svar fra foresatte')).toHaveCount(0);
  const again = page.locator('.recommendation', { hasText: title });
  await again.getByLabel('Bruk en gratis plass').check();
  await again.getByRole('button', { name: 'Send påmelding' }).click();
  await expect(page.getByRole('status')).toContainText('Påmeldingen er sendt');
  await signOut(page);

  // A self-paying family signs up for the same activity.
  const family = await browser.newContext();
  const parent = await family.newPage();
  await parent.goto(`/aktiviteter?q=${encodeURIComponent(title)}`);
  await parent.locator('.result-card__title a', { hasText: title }).click();
  await parent.getByLabel('Barnets fornavn').fill('Sofie');
  await parent.getByLabel('Barnets fødselsår').fill('2016');
  await parent.getByLabel('Ditt navn (foresatt)').fill('Siri Betaler');
  await parent.getByLabel('Din e-post').fill(`siri-${stamp}@example.no`);
  // Same answer language as the placed child's guardian, so only names and contacts may differ.
  await parent.getByLabel('Hvilket språk vil du ha svar på?').selectOption('ar');
  await parent.getByRole('button', { name: 'Send' }).click();
  // The sign-up page opens in the language the family chose for answers (issue 11).
  await expect(parent.getByRole('heading', { level: 1 })).toHaveText('طلبك');
  await expect(parent.locator('html')).toHaveAttribute('dir', 'rtl');
  await family.close();

  // 5. The club sees two requests that differ only in names and contacts, and accepts the placed child.
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Påmeldinger', exact: true }).first().click();
  const placed = page.locator('.signup-card', { hasText: 'Amal' });
  const paying = page.locator('.signup-card', { hasText: 'Sofie' });
  const shape = async (l: typeof placed) =>
    (await l.innerText()).replace(/Amal|Sofie|Layla Foresatt|Siri Betaler|\+47 [\d ]+|siri-\w+@example\.no/g, '…').replace(/· …( · …)?/g, '· …');
  expect(await shape(placed)).toEqual(await shape(paying));
  await placed.getByRole('button', { name: 'Gi plass' }).click();
  await expect(page.locator('.signup-card', { hasText: 'Amal' })).toContainText('Du har fått plass');
  await signOut(page);

  // 6. The guide records the first session and closes the referral.
  await signIn(page, 'guide@demo.fritidsportal.example', true);
  await page.goto(caseUrl);
  await page.getByLabel('Hva', { exact: true }).selectOption('first_session');
  await page.getByLabel('Hvordan gikk det').fill('Kom på første trening, hadde det gøy');
  await page.getByRole('button', { name: 'Lagre oppfølging' }).click();
  await expect(page.getByRole('status')).toContainText('Oppfølgingen er lagret');
  // The plan has the next milestones with their dates; the guide arranges equipment and tells the family.
  await expect(page.getByRole('table', { name: 'Plan for oppfølging' })).toContainText('Etter 1 måned');
  await page.getByLabel('Andre ting').fill('hjelm');
  // A date in the past first: a clear error, and what was typed and ticked stays.
  const today = await page.getByLabel('Kan hentes fra').inputValue();
  await page.getByLabel('Kan hentes fra').fill('2020-01-01');
  await page.getByLabel(/Send familien beskjed/).uncheck();
  await page.getByRole('button', { name: 'Lagre avtalen' }).click();
  await expect(page.getByText('Velg en dato fra i dag').first()).toBeVisible();
  await expect(page.getByLabel('Andre ting')).toHaveValue('hjelm');
  await expect(page.getByLabel(/Send familien beskjed/)).not.toBeChecked();
  await page.getByLabel(/Send familien beskjed/).check();
  await page.getByLabel('Kan hentes fra').fill(today);
  await page.getByRole('button', { name: 'Lagre avtalen' }).click();
  await expect(page.getByRole('status')).toContainText('familien har fått beskjed');
  await expectAccessible(page);
  // Through the link, the guardian sees what is now held: the club told, the sign-up, the follow-up, the equipment.
  await guardian.goto(link);
  await expect(guardian.locator('#held ~ *').getByText(title).first()).toBeVisible();
  await expect(guardian.getByText('Kom på første trening, hadde det gøy')).toBeVisible();
  await expect(guardian.getByText('hjelm', { exact: false }).first()).toBeVisible();
  await expectAccessible(guardian);
  await page.getByLabel('Resultat').selectOption('active');
  await page.getByLabel('Jeg vil avslutte').check();
  await page.getByRole('button', { name: 'Avslutt henvisningen' }).click();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByRole('status')).toHaveText('Saken er avsluttet.');
  await signOut(page);

  // 7. After the retention period (the demo clock moved 91 days), the data is gone; counts remain.
  await page.goto('/dev/klokke');
  await page.getByLabel('Antall dager fram').fill('91');
  await page.getByRole('button', { name: 'Kjør slettingen' }).click();
  await expect(page.getByRole('status')).toContainText('slettet');
  await expect(page.locator('tbody')).toContainText('active');
  guardian.on('request', (r) => urls.push(r.url()));
  expect((await guardian.goto(link))?.status()).toBe(404);
  await phone.close();
  expect(urls.filter((u) => /Amal|Layla|Foresatt|\+47|%2B47/i.test(decodeURIComponent(u)))).toEqual([]);
});

test('withdrawal mid-way removes the guide’s access at once', async ({ page, browser, consoleErrors }) => {
  test.setTimeout(120_000);
  await markSeen(page);
  await refer(page, 'Yusuf');
  const link = await consentLink(page);
  const phone = await browser.newContext({ locale: 'ar' });
  const guardian = await phone.newPage();
  await guardian.goto(link);
  await guardian.getByRole('button', { name: 'نعم، أوافق' }).click();
  await expect(guardian.getByRole('status')).toBeVisible();

  await signIn(page, 'koordinator@demo.fritidsportal.example', true);
  await page.goto('/koordinator');
  await page.locator('tr', { hasText: 'Venter på fritidsguide' }).last().getByRole('link').click();
  await page.locator('.guide-choice').first().getByRole('button', { name: 'Tildel' }).click();
  await signOut(page);

  await signIn(page, 'guide@demo.fritidsportal.example', true);
  await page.goto('/guide');
  await page.getByRole('link', { name: /Henvisning/ }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Yusuf');
  const caseUrl = page.url();
  await page.goto('/guide');
  const casesBefore = await page.getByRole('link', { name: /Henvisning/ }).count();

  // The guardian withdraws (asked first), from the same link.
  await guardian.goto(link);
  // One click, as easy as saying yes.
  await guardian.locator('form button[value="withdraw"]').click();
  await expect(guardian.getByRole('status')).toBeVisible();
  await phone.close();

  const res = await page.goto(caseUrl);
  expect(res?.status()).toBe(403);
  await page.goto('/guide');
  await expect(page.getByRole('link', { name: /Henvisning/ })).toHaveCount(casesBefore - 1);
  // The browser reported the 403 it was given; that one is the point of this test.
  expect(consoleErrors).toEqual([expect.stringMatching(/403/)]);
  consoleErrors.length = 0;
});

import { expect, expectAccessible, sentMail, signIn, test } from './fixtures';

// Issue 9's ends of a case, seen from each side. A guardian who withdraws after a placement sees on a
// phone, in Arabic, what the withdrawal did; the club sees the sign-up withdrawn exactly as a family's
// own withdrawal; the guide's access is gone. The kommune settles only an ended period and closes a
// year only with the box ticked, with each error beside its field; the club sees totals, never counts.
type Page = import('@playwright/test').Page;

async function signOut(page: Page) {
  await page.goto('/konto?lng=nb');
  await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
  await expect(page).toHaveURL('/');
}

/** Guardian links already in the demo mailbox (other tests' referrals) are not this test's. */
async function linksNow(page: Page) {
  await page.goto('/dev/epost');
  const bodies = await page.locator('.dev-message', { hasText: '/samtykke/' }).locator('pre').allTextContents();
  return bodies.map((b) => new URL(b.match(/https?:\/\/\S+\/samtykke\/\S+/)![0])).map((u) => `${u.pathname}${u.search}`);
}

/** The guardian's link the outbox sends after `seen` was taken (polled: the worker sends within seconds). */
async function newLink(page: Page, seen: string[]) {
  let link = '';
  await expect(async () => {
    const fresh = (await linksNow(page)).find((p) => !seen.includes(p));
    expect(fresh).toBeTruthy();
    link = fresh!;
  }).toPass({ timeout: 30_000 });
  return link;
}

const noSideways = async (page: Page) => expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);

test('a withdrawal after a placement reaches the club, and the guardian sees what it did', async ({ page, browser, consoleErrors }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const title = `Fotball etter skolen ${stamp}`;
  const child = `Noor${stamp.slice(-4)}`;

  // The club has a published activity with a membership fee and free places (imported from CSV).
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await expect(page).toHaveURL(/\/klubb\/\d+$/);
  const activities = page.url();
  await page.getByRole('link', { name: 'Importer fra CSV' }).click();
  const csv = `title,category,description,age_min,age_max,weekday,start,end,season_start,season_end,venue,membership_kr,free_places,leader_languages,trial\n${title},fotball,Vi spiller fotball etter skolen.,8,12,3,17:00,18:00,2026-08-15,2027-06-15,Åmot flerbrukshall,400,2,ar,ja\n`;
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'aktiviteter.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('status')).toContainText('1 aktivitet er importert');
  await page.goto(activities);
  await page.locator('tr', { hasText: title }).getByRole('button', { name: 'Publiser' }).click();
  await expect(page.locator('tr', { hasText: title })).toContainText('Publisert');
  await signOut(page);

  // A family signs up for the same activity and withdraws it itself: what the club then sees is the yardstick.
  const family = await browser.newContext();
  const parent = await family.newPage();
  await parent.goto(`/aktiviteter?q=${encodeURIComponent(title)}`);
  await parent.locator('.result-card__title a', { hasText: title }).click();
  await parent.getByLabel('Barnets fornavn').fill(`Selv${stamp.slice(-4)}`);
  await parent.getByLabel('Barnets fødselsår').fill('2016');
  await parent.getByLabel('Ditt navn (foresatt)').fill('Siri Betaler');
  await parent.getByLabel('Din e-post').fill(`siri-${stamp}@example.no`);
  await parent.getByRole('button', { name: 'Send' }).click();
  await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Forespørselen din');
  await parent.getByRole('button', { name: 'Trekk forespørselen' }).click();
  await parent.getByRole('button', { name: 'Ja, trekk forespørselen' }).click();
  await expect(parent.locator('.status--withdrawn')).toHaveText('Trukket');
  await family.close();

  // 1. A teacher refers the child; the guardian consented on paper to a guide and to this club.
  const seen = await linksNow(page);
  await signIn(page, 'henviser@demo.fritidsportal.example');
  await page.goto('/henvisning/ny');
  await page.getByLabel('Barnets fornavn').fill(child);
  await page.getByLabel('Fødselsår').fill('2016');
  await page.getByLabel('Område').selectOption({ label: 'Åmot' });
  await page.getByRole('group', { name: 'Språk hjemme' }).getByLabel('arabisk').check();
  await page.getByRole('group', { name: 'Interesser' }).getByLabel('Fotball').check();
  await page.getByLabel('Økonomi').check();
  await page.getByLabel('Foresattes navn').fill('Huda Foresatt');
  await page.getByLabel('Telefon').fill(`+47 402 ${Math.floor(10000 + Math.random() * 89999)}`);
  await page.getByLabel('Foresattes språk').selectOption('ar');
  await page.getByLabel('Samtykke er gitt på papir').check();
  await page.getByText(/Med navngitte klubber/).click();
  await page.getByLabel('Vikersund Ballklubb Blåveis').check();
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  await expect(page).toHaveURL(/\/henvisninger$/);
  const first = page.locator('tbody tr').first();
  await expect(first).toContainText('Venter på fritidsguide');
  const id = (await first.locator('td').first().innerText()).trim();
  expect(id).toMatch(/^\d+$/);
  await signOut(page);
  // The guardian still gets their own link, in their language.
  const link = await newLink(page, seen);
  expect(link).toMatch(/\?lng=ar$/);

  // 2. The coordinator assigns the guide; the case page then says who it is, and since when.
  await signIn(page, 'koordinator@demo.fritidsportal.example', true);
  await page.goto(`/koordinator/${id}`);
  await expect(page.locator('.facts div', { hasText: 'Fritidsguide' }).locator('dd')).toHaveText('Ingen ennå');
  await page.locator('.guide-choice', { hasText: 'Amina Guidesen' }).getByRole('button', { name: 'Tildel' }).click();
  await expect(page).toHaveURL(/\/koordinator\/\d+$/);
  await expect(page.getByRole('status')).toHaveText('Fritidsguiden er tildelt og har fått beskjed.');
  await expect(page.locator('.facts div', { hasText: 'Fritidsguide' }).locator('dd')).toHaveText(/^Amina Guidesen \(demo\), fra \d+\. \p{L}+\.? \d{4}$/u);
  await signOut(page);

  // 3. The guide places the child with a free place (the club is named in the consent: no question to ask).
  await signIn(page, 'guide@demo.fritidsportal.example', true);
  const caseUrl = `/guide/${id}`;
  await page.goto(caseUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(child);
  const card = page.locator('.recommendation', { hasText: title });
  await expect(card).toContainText('Gratis plass ledig');
  await card.getByLabel('Bruk en gratis plass').check();
  await card.getByRole('button', { name: 'Send påmelding' }).click();
  await expect(page.getByRole('status')).toContainText('Påmeldingen er sendt');
  const mailBefore = (await sentMail()).filter((m) => m.subject === 'En sak er avsluttet').length;

  // 4. The guardian withdraws on a small phone, in Arabic, and sees what the withdrawal did.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ar' });
  const guardian = await phone.newPage();
  const guardianErrors: string[] = [];
  guardian.on('pageerror', (e) => guardianErrors.push(e.message));
  await guardian.goto(link);
  await expect(guardian.locator('#held ~ *').getByText(title).first()).toBeVisible();
  await guardian.locator('form button[value="withdraw"]').click();
  await expect(guardian.getByRole('status')).toBeVisible();
  const summary = guardian.locator('ul.ended-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('listitem')).toHaveText([
    'سُحبت طلبات التسجيل التي أرسلها مرشد وقت الفراغ إلى النوادي، تمامًا كما يحدث عندما تسحب العائلة طلب تسجيل.',
    'أُوقف الدعم الذي لم يُدفع بعد.',
    'أُبلغ مرشد وقت الفراغ، دون ذكر أسماء.',
    'أُبلغ المنسّق في البلدية، دون ذكر أسماء.',
  ]);
  await expect(guardian.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(guardian.locator('html')).toHaveAttribute('lang', 'ar');
  await noSideways(guardian);
  await expectAccessible(guardian);
  await guardian.screenshot({ path: '/tmp/qa-withdrawn-ar.png', fullPage: true });
  expect(guardianErrors).toEqual([]);
  await phone.close();

  // 5. The guide's access ended at once; guide and coordinator are told, without names.
  const res = await page.goto(caseUrl);
  expect(res?.status()).toBe(403);
  await expect(async () => {
    const told = (await sentMail()).filter((m) => m.subject === 'En sak er avsluttet');
    expect(told.length).toBeGreaterThanOrEqual(mailBefore + 2);
    const mine = told.slice(mailBefore);
    expect(mine.map((m) => m.to)).toEqual(expect.arrayContaining(['guide@demo.fritidsportal.example', 'koordinator@demo.fritidsportal.example']));
    for (const m of mine) expect(m.text).not.toMatch(new RegExp(`${child}|Huda|Foresatt|${title}`));
  }).toPass({ timeout: 30_000 });
  await signOut(page);
  // The browser reported the 403 it was given; that one is the point of this step.
  expect(consoleErrors).toEqual([expect.stringMatching(/403/)]);
  consoleErrors.length = 0;

  // 6. The club's inbox shows the placed child's sign-up withdrawn, in the words a family's withdrawal shows.
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Påmeldinger', exact: true }).first().click();
  const placed = page.locator('.signup-card', { hasText: child });
  const own = page.locator('.signup-card', { hasText: `Selv${stamp.slice(-4)}` });
  await expect(placed.locator('.status')).toHaveText('Trukket');
  await expect(placed.locator('.status')).toHaveText((await own.locator('.status').innerText()).trim());
  await expect(placed.locator('.status')).toHaveClass(/status--withdrawn/);
  await signOut(page);
});

test('the kommune settles an ended period and closes a year, with errors beside the fields', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.goto('/kommune/modum/oppgjor?lng=nb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oppgjør til klubbene i Modum');
  const period = page.getByLabel('Periode', { exact: true });
  const ended = await period.inputValue();
  expect(ended).toMatch(/^\d{4}-H[12]$/);
  // The period we are in, by the Oslo calendar (the field proposes the one before it).
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  const current = `${y}-${m <= 6 ? 'H1' : 'H2'}`;
  expect(ended).not.toBe(current);

  // The current period: an error beside the field, and nothing settled.
  await period.fill(current);
  await page.getByRole('button', { name: 'Lag oppgjør' }).click();
  const periodError = page.locator('.field', { has: period }).locator('.field__error');
  await expect(periodError).toHaveText('Perioden er ikke over ennå. Bare en periode som er over, kan gjøres opp.');
  await expect(period).toHaveAttribute('aria-invalid', 'true');
  await expect(period).toHaveAttribute('aria-describedby', /field-period-error/);
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(page.locator('table.data-table tbody tr', { hasText: current })).toHaveCount(0);
  await noSideways(page);
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/qa-oppgjor-nb-error.png', fullPage: true });

  // The period that has ended: settled, with a confirmation.
  await page.getByLabel('Periode', { exact: true }).fill(ended);
  await page.getByRole('button', { name: 'Lag oppgjør' }).click();
  // Settled: one total per club, or (the usual case on a fresh database) a period without grants.
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^(Ingen tildelinger i ${ended}, så det er ikke noe å gjøre opp\\.|Oppgjør laget for \\d+ klubbe?r?\\. .+)$`));
  await expect(page.locator('.field__error')).toHaveCount(0);
  await noSideways(page);
  await expectAccessible(page);

  // Closing the year without the box ticked: the error stands beside the checkbox.
  await page.getByRole('button', { name: 'Lukk året' }).click();
  const confirm = page.getByLabel('Jeg forstår at klubbene da ser alle summene for året');
  await expect(confirm).not.toBeChecked();
  await expect(page.locator('.field', { has: confirm }).locator('.field__error')).toHaveText('Kryss av for å bekrefte.');
  await expect(confirm).toHaveAttribute('aria-describedby', 'field-confirm-error');
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(page.getByText(/^Lukkede år/)).toHaveCount(0);
  await noSideways(page);
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/qa-oppgjor-nb-confirm.png', fullPage: true });

  // The same page in Urdu and in Arabic: right to left, accessible, no sideways scrolling.
  for (const lng of ['ur', 'ar']) {
    await page.goto(`/kommune/modum/oppgjor?lng=${lng}`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await noSideways(page);
    await expectAccessible(page);
  }
  await page.goto('/kommune/modum/oppgjor?lng=nb');
  await signOut(page);

  // The club's own page: totals it may see, never a count or anything about a child.
  await signIn(page, 'klubbleder@demo.fritidsportal.example');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.getByRole('link', { name: 'Oppgjør', exact: true }).click();
  await expect(page).toHaveURL(/\/klubb\/\d+\/oppgjor$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oppgjør fra kommunen');
  const main = page.locator('main');
  await expect(main).not.toContainText(/tildeling|holdes tilbake|antall/i);
  await expect(page.getByRole('columnheader', { name: /Tildelinger|Klubben ser det/ })).toHaveCount(0);
  for (const row of await page.locator('table tbody tr').all()) await expect(row.locator('td')).toHaveCount(2);
  await noSideways(page);
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/qa-club-oppgjor-nb.png', fullPage: true });
  await signOut(page);
});

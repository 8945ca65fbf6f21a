import { expect, expectAccessible, sentMail, signIn, test, waitForHydration } from './fixtures';

async function signOut(page: import('@playwright/test').Page) {
  await page.goto('/konto');
  await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
  await expect(page).toHaveURL('/');
}

test("a club's whole path: registers, is approved, publishes with costs, equipment, sessions, a venue on the map and Arabic, and answers a family", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `leder-${stamp}@klubb.example`;
  const password = 'vi trener hver tirsdag 2026';
  const title = `Bandy for alle ${stamp}`;

  // 1. The club registers (a bad organisation number first: a clear error, nothing saved).
  await page.goto('/registrer-klubb');
  await page.getByLabel('Navn på klubben').fill(`Snarum Bandyklubb ${stamp}`);
  await page.getByLabel('Organisasjonsnummer').fill('123456789');
  await page.getByLabel('Kommune').selectOption('modum');
  await page.getByLabel('Ditt navn').fill('Lise Ledersen');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Nytt passord').fill(password);
  await page.getByRole('button', { name: 'Registrer' }).click();
  await expect(page.getByRole('alert')).toContainText('Organisasjonsnummeret er ikke gyldig');
  await page.getByLabel('Organisasjonsnummer').fill('998877660');
  await page.getByLabel('Nytt passord').fill(password);
  await page.getByRole('button', { name: 'Registrer' }).click();
  // The same answer whether or not the address has an account (nothing to enumerate): sign in next.
  await expect(page.getByText('Sjekk e-posten din').first()).toBeVisible();
  await signIn(page, email, false, password);
  await expect(page.getByText('Venter på godkjenning')).toBeVisible();
  await signOut(page);

  // 2. The kommune admin signs in with a second factor and approves the club.
  await signIn(page, 'kommune@demo.fritidsportal.example', true);
  await page.getByRole('link', { name: 'Godkjenn klubber og aktiviteter' }).click();
  await expectAccessible(page);
  const card = page.locator('article', { hasText: `Snarum Bandyklubb ${stamp}` });
  await card.getByRole('button', { name: 'Avslå' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv en begrunnelse');
  await page.locator('article', { hasText: `Snarum Bandyklubb ${stamp}` }).getByRole('button', { name: 'Godkjenn' }).click();
  await expect(page.locator('article', { hasText: `Snarum Bandyklubb ${stamp}` })).toHaveCount(0);
  // The kommune's retention setting: a bad number is refused beside the field; the page passes axe.
  await page.goto('/kommune/modum/personvern');
  await page.getByLabel('Dager før sletting').fill('5');
  await page.getByRole('button', { name: 'Lagre', exact: true }).click();
  await expect(page.locator('#field-retentionDays-error')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Dager før sletting').fill('90');
  await page.getByRole('button', { name: 'Lagre', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Lagret');
  await signOut(page);

  // 3. The club publishes an activity.
  await signIn(page, email, false, password);
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.getByRole('link', { name: 'Ny aktivitet' }).click();
  await waitForHydration(page);
  // Repeated rows are fieldsets named by their legend ("Kostnad 2"); each field in them has its own label.
  const session1 = page.getByRole('group', { name: 'Treningstid 1' });
  const cost = (n: number) => page.getByRole('group', { name: `Kostnad ${n}` });
  const item1 = page.getByRole('group', { name: 'Utstyr 1' });
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Kategori').selectOption('ski');
  await page.getByLabel('Beskrivelse').fill('Vi spiller bandy på isen. Alle kan være med. Vi låner deg utstyr.');
  await page.getByLabel('Fra alder').fill('8');
  await page.getByLabel('Til alder').fill('14');
  await page.getByLabel('Gratis prøvetime').check();
  await page.getByLabel('Sesongen starter').fill('2026-11-01');
  await page.getByLabel('Sesongen slutter').fill('2027-03-15');
  await session1.getByLabel('Ukedag').selectOption('2');
  await session1.getByLabel('Fra').fill('17:00');
  await session1.getByLabel('Til').fill('18:30');
  await page.getByLabel('Sted', { exact: true }).selectOption('new');
  await page.getByLabel('Navn på stedet').fill('Snarum isbane');
  await page.getByLabel('Adresse').fill('Isveien 2');
  await page.getByLabel('Postnummer').fill('3357');
  await page.getByLabel('Poststed').fill('Snarum');
  // Place the venue by clicking the map (tiles may not load here; the map still takes the click).
  await page.getByRole('region', { name: 'Kart for å plassere stedet' }).click({ position: { x: 120, y: 90 } });
  await expect(page.getByLabel('Breddegrad')).not.toHaveValue('');
  await cost(1).getByLabel('Hva', { exact: true }).selectOption('membership');
  await cost(1).getByLabel('Beløp (kr)').fill('400');
  await cost(2).getByLabel('Hva', { exact: true }).selectOption('trips');
  await cost(2).getByLabel('Beløp (kr)').fill('900');
  await cost(2).getByLabel('Valgfritt').check();
  await item1.getByLabel('Hva trengs').fill('Bandykølle');
  await item1.getByLabel('Hvordan').selectOption('lend');
  await item1.getByLabel('Lånes hos').selectOption({ label: 'BUA Modum' });
  // A session that ends before it starts: the error stands beside that time, and nothing typed is lost.
  await session1.getByLabel('Til').fill('16:00');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(session1.getByLabel('Til')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[id="field-sessions.0.end-error"]')).toBeVisible();
  await expect(page.getByLabel('Navn på stedet')).toHaveValue('Snarum isbane');
  await expect(page.getByLabel('Breddegrad')).not.toHaveValue('');
  await expect(cost(2).getByLabel('Beløp (kr)')).toHaveValue('900');
  await expect(item1.getByLabel('Lånes hos')).toHaveValue(/\d+/);
  await expectAccessible(page);
  await session1.getByLabel('Til').fill('18:30');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lagret.' })).toBeVisible();
  await expectAccessible(page);

  // Arabic translation of the title and description.
  await page.getByRole('link', { name: 'Oversettelser' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'العربية' }).click();
  // The form for Arabic, not the one for English still on screen while the link loads.
  await expect(page).toHaveURL(/sprak=ar/);
  await page.getByLabel('Tittel', { exact: true }).fill(`باندي للجميع ${stamp}`);
  await page.getByLabel('Beskrivelse', { exact: true }).fill('نلعب الباندي على الجليد. يمكن للجميع المشاركة.');
  await page.getByRole('button', { name: 'Lagre oversettelsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Oversettelsen er lagret.' })).toBeVisible();

  await page.goto('/konto');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  // Publishing waits until the e-mail address is confirmed: the link from the registration e-mail.
  await page.locator('tr', { hasText: title }).getByRole('button', { name: 'Publiser' }).click();
  await expect(page.getByRole('alert')).toContainText('Bekreft e-postadressen din før du publiserer');
  await expectAccessible(page);
  const verification = (await sentMail()).filter((m) => m.to === email && /Bekreft e-postadressen/.test(m.subject)).pop();
  await page.goto(new URL(/https?:\/\/\S+\/bekreft-epost\/\S+/.exec(verification!.text)![0]).pathname);
  // Opening the link changes nothing (a mail scanner opens it too): the button confirms.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bekreft e-postadressen');
  await page.getByRole('button', { name: 'Bekreft e-postadressen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('E-postadressen er bekreftet');
  await page.goto('/konto');
  await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await page.locator('tr', { hasText: title }).getByRole('button', { name: 'Publiser' }).click();
  await expect(page.locator('tr', { hasText: title })).toContainText('Publisert');

  // 4. It is in the public search, with its whole cost, in Arabic too.
  const family = await browser.newContext({ locale: 'ar', viewport: { width: 390, height: 844 } });
  const parent = await family.newPage();
  await parent.goto(`/aktiviteter?q=${encodeURIComponent(title)}&lng=ar`);
  await expect(parent.locator('.result-card')).toHaveCount(1);
  await parent.locator('.result-card__title a').click();
  await expect(parent.locator('h1')).toContainText(`باندي للجميع ${stamp}`);
  await expect(parent.locator('.cost-total .cost')).toContainText('400');
  await expect(parent.locator('.equipment-list')).toContainText('BUA Modum');

  // 5. A family signs up in Arabic.
  await parent.getByLabel(/الاسم الأول للطفل|اسم الطفل/).fill('Yara');
  await parent.locator('#field-birthYear').fill('2016');
  await parent.locator('#field-guardianName').fill('Huda Testesen');
  await parent.locator('#field-guardianEmail').fill(`huda-${stamp}@example.no`);
  await parent.getByRole('button', { name: 'إرسال' }).click();
  await expect(parent.getByRole('heading', { level: 1 })).toHaveText('طلبك');
  await family.close();

  // 6. The club accepts it in its inbox.
  await page.goto('/konto');
  await page.getByRole('link', { name: 'Påmeldinger', exact: true }).first().click();
  const request = page.locator('.signup-card', { hasText: 'Yara' });
  await expect(request).toContainText('Huda Testesen');
  await request.getByLabel('Svar til familien').fill('Velkommen! Vi møtes ved isbanen.');
  await request.getByRole('button', { name: 'Gi plass' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Svaret er lagret' })).toBeVisible();
  await expect(page.locator('.signup-card', { hasText: 'Yara' })).toContainText('Du har fått plass');

  await expectAccessible(page);

  // 7. The family's e-mails arrived at the SMTP server in Arabic, without the child's name.
  await expect(async () => {
    const toFamily = (await sentMail()).filter((m) => m.to === `huda-${stamp}@example.no`);
    expect(toFamily).toHaveLength(2); // the receipt, then the club's answer
    for (const m of toFamily) {
      expect(m.subject).toMatch(/[\u0600-\u06FF]/);
      expect(`${m.subject} ${m.text}`).not.toContain('Yara');
    }
  }).toPass({ timeout: 20_000 });
});

test('a club user cannot open another club or the kommune pages', async ({ page }) => {
  await signIn(page, 'redaktor@demo.fritidsportal.example');
  const own = await page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().getAttribute('href');
  const ownId = Number(own!.split('/')[2]);
  const res = await page.request.get(`/klubb/${ownId + 1}`);
  expect(res.status()).toBe(403);
  expect((await page.request.get('/kommune/modum/moderering')).status()).toBe(403);
});

test('signing in with a wrong password says so, and sign-in pages pass axe', async ({ page }) => {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill('klubbleder@demo.fritidsportal.example');
  await page.getByLabel('Passord').fill('feil passord her');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('alert')).toContainText('E-postadressen eller passordet er feil');
  await expectAccessible(page);
  await page.goto('/registrer-klubb');
  await expectAccessible(page);
});

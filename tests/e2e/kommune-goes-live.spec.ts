import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { freePort, startProductionPortal, type ProductionPortal } from './production-portal';
import { startBrregServer } from '../setup/brreg-server';
import { startTestProvider, type TestProvider } from '../setup/oidc-provider';

// Issue 12, "done when": from nothing to a family reading the kommune's own support scheme in Somali.
// A production portal on an empty database; the operator adds Modum with the command; its first admin
// accepts the invitation through the local OpenID Connect provider, adds an area, a support scheme with
// a Somali translation and a lender; a club registers from its organisation number (the recorded
// register answers of tests/fixtures/brreg), is approved, and publishes an activity whose membership fee
// the scheme covers; the activity page in Somali says so. Every page on the way passes axe at 360 px.

const ADMIN = 'kari.live@modum.kommune.test';
const CLUB = 'leder.live@fjellbygd.example';
const CLUB_PASSWORD = 'vi trener hver tirsdag 2026';
let portal: ProductionPortal;
let op: TestProvider;
let brreg: Awaited<ReturnType<typeof startBrregServer>>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  op = await startTestProvider(`http://localhost:${port}`);
  brreg = await startBrregServer();
  portal = await startProductionPortal({
    port,
    env: {
      OIDC_PROVIDERS: JSON.stringify([{ id: 'idporten', kind: 'idporten', issuer: op.issuer, clientId: op.clientId, kommuner: ['modum'] }]),
      BRREG_URL: brreg.url,
      // No map tiles from the internet in a test: a local address that answers nothing useful.
      TILE_URL: `http://localhost:${port}/tiles/{z}/{x}/{y}.png`,
    },
  });
});
test.afterAll(async () => {
  await portal?.stop();
  await op?.close();
  await brreg?.stop();
});

async function phone(browser: Browser, locale = 'nb-NO') {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, baseURL: portal.url });
  return { context, page: await context.newPage() };
}

/** Every page on the way: no serious axe violation and nothing wider than the 360 px screen. */
async function checkPage(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), page.url()).toBeLessThanOrEqual(360);
  await expectAccessible(page);
}

test('a kommune goes live: set up by the operator, its own area, scheme in Somali and lender, a club from the register, and a family reads it in Somali', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);

  // 1. The operator's command on the empty production database.
  const added = await portal.runKommuneCli(['add', '--number', '3316', '--name', 'Modum', '--admin', ADMIN]);
  expect(added.code, added.stderr).toBe(0);

  // 2. The first admin accepts the invitation through ID-porten (the provider's second factor: no TOTP).
  const { context: adminContext, page: admin } = await phone(browser);
  const invitation = (await portal.nextMail(ADMIN)).text.match(/https?:\/\/\S+\/invitasjon\/\S+/)![0];
  await admin.goto(invitation);
  await checkPage(admin);
  op.nextAccount = { sub: `idporten-${stamp}`, pid: '01017012345' };
  await admin.getByRole('button', { name: 'Godta med ID-porten' }).click();
  await expect(admin).toHaveURL(/\/konto$/);
  await expect(admin.getByRole('region', { name: 'Kommunen' })).toContainText('Modum');
  await checkPage(admin);

  // 3. An area of its own.
  await admin.getByRole('link', { name: 'Områder', exact: true }).first().click();
  await expect(admin.getByRole('heading', { name: 'Områder i Modum' })).toBeVisible();
  await checkPage(admin);
  await admin.getByRole('link', { name: 'Nytt område' }).click();
  await admin.getByLabel('Navn').fill('Snarum');
  await admin.getByLabel('Type område').selectOption('grend');
  await admin.getByLabel('Breddegrad (nord)').fill('60,02');
  await admin.getByLabel('Lengdegrad (øst)').fill('9,90');
  await admin.getByRole('button', { name: 'Lagre' }).click();
  await expect(admin.getByText('Området er lagret.')).toBeVisible();
  await checkPage(admin);

  // 4. A support scheme covering the membership fee, published, with a Somali translation.
  const scheme = `Kontingentstøtte Modum ${stamp}`;
  const schemeSo = `Taageerada khidmadda Modum ${stamp}`;
  await admin.goto('/konto?lng=nb');
  await admin.getByRole('link', { name: 'Støtteordninger' }).first().click();
  await checkPage(admin);
  await admin.getByRole('link', { name: 'Ny støtteordning' }).click();
  await admin.getByLabel('Navn').fill(scheme);
  await admin.getByLabel('Type ordning').selectOption('activity_fund');
  await admin.getByLabel('Medlemskontingent').check();
  await admin.getByLabel('Høyeste beløp i kroner').fill('1 500');
  await admin.getByLabel('Hvem kan få støtte').fill('Barn i familier med lav inntekt i Modum.');
  await admin.getByLabel('Slik søker man').fill('Ta kontakt med servicetorget.');
  await admin.getByLabel('Beskrivelse').fill('Dekker medlemskontingenten i en klubb.');
  await admin.getByRole('button', { name: 'Lagre' }).click();
  await expect(admin.getByText('Støtteordningen er lagret.')).toBeVisible();
  await admin.getByRole('button', { name: 'Publiser' }).click();
  await expect(admin.getByText('Støtteordningen er publisert.')).toBeVisible();
  await checkPage(admin);
  await admin.getByRole('link', { name: 'Oversett tekstene' }).click();
  await admin.getByRole('link', { name: 'Soomaali' }).click();
  await expect(admin.getByRole('heading', { level: 2 })).toHaveText('Soomaali');
  await admin.getByLabel('Navn').fill(schemeSo);
  await admin.getByLabel('Beskrivelse').fill('Waxay daboolaysaa khidmadda xubinnimada naadiga.');
  await admin.getByLabel('Hvem kan få støtte').fill('Carruurta qoysaska dakhligoodu hooseeyo ee Modum.');
  await admin.getByLabel('Slik søker man').fill('La xiriir xafiiska adeegga.');
  await admin.getByRole('button', { name: 'Lagre oversettelsen' }).click();
  await expect(admin.getByText('Oversettelsen er lagret. Familier ser den nå.')).toBeVisible();
  await checkPage(admin);

  // 5. A lender (BUA) with its opening hours and what it lends.
  await admin.goto('/konto?lng=nb');
  await admin.getByRole('link', { name: 'Utlånssteder' }).first().click();
  await checkPage(admin);
  await admin.getByRole('link', { name: 'Nytt utlånssted' }).click();
  await admin.getByLabel('Navn').fill(`BUA Modum ${stamp}`);
  await admin.getByLabel('Adresse').fill('Storgata 10, 3370 Vikersund');
  await admin.getByLabel('Breddegrad').fill('59,97');
  await admin.getByLabel('Lengdegrad').fill('10,03');
  await admin.getByLabel('Dette kan lånes').fill('Bandykølle\nSkøyter\nHjelm');
  await admin.locator('[id="field-hours.0.weekday"]').selectOption('3');
  await admin.locator('[id="field-hours.0.opens"]').fill('15:00');
  await admin.locator('[id="field-hours.0.closes"]').fill('19:00');
  await admin.getByRole('button', { name: 'Lagre' }).click();
  await expect(admin.getByText('Utlånsstedet er lagret.')).toBeVisible();
  await checkPage(admin);

  // 6. A club registers from its organisation number: name, address and register status filled in.
  const { context: clubContext, page: club } = await phone(browser);
  await club.goto('/registrer-klubb?lng=nb');
  await club.getByLabel('Organisasjonsnummer').fill('998877660');
  await club.getByRole('button', { name: 'Slå opp i Enhetsregisteret' }).click();
  await expect(club.getByTestId('register-found')).toContainText('Registrert i Frivillighetsregisteret');
  await expect(club.getByLabel('Navn på klubben')).toHaveValue('FJELLBYGD IDRETTSLAG');
  await checkPage(club);
  await club.getByLabel('Kommune').selectOption('modum');
  await club.getByLabel('Ditt navn').fill('Lise Ledersen');
  await club.getByLabel('E-postadresse').fill(CLUB);
  await club.getByLabel('Nytt passord').fill(CLUB_PASSWORD);
  await club.getByRole('button', { name: 'Registrer' }).click();
  await expect(club.getByText('Sjekk e-posten din').first()).toBeVisible();
  await checkPage(club);

  // 7. The admin sees the register's status and approves it.
  await admin.goto('/kommune/modum/moderering?lng=nb');
  const card = admin.locator('article', { hasText: 'FJELLBYGD IDRETTSLAG' });
  await expect(card).toContainText('Aktiv i Enhetsregisteret.');
  await expect(card).toContainText('Registrert i Frivillighetsregisteret.');
  await checkPage(admin);
  await card.getByRole('button', { name: 'Godkjenn' }).click();
  await expect(admin.locator('article', { hasText: 'FJELLBYGD IDRETTSLAG' })).toHaveCount(0);
  await adminContext.close();

  // 8. The club confirms its address, signs in, and publishes an activity that lists the scheme.
  const verify = (await portal.nextMail(CLUB)).text.match(/https?:\/\/\S+\/bekreft-epost\/\S+/)![0];
  await club.goto(new URL(verify).pathname);
  await club.getByRole('button', { name: 'Bekreft e-postadressen' }).click();
  await expect(club.getByRole('heading', { level: 1 })).toContainText('E-postadressen er bekreftet');
  await club.goto('/logg-inn?lng=nb');
  await club.getByLabel('E-postadresse').fill(CLUB);
  await club.getByLabel('Passord').fill(CLUB_PASSWORD);
  await club.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await expect(club).toHaveURL(/\/konto/);
  await club.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await club.getByRole('link', { name: 'Ny aktivitet' }).click();
  const title = `Bandy for alle ${stamp}`;
  await club.getByLabel('Tittel').fill(title);
  await club.getByLabel('Kategori').selectOption('ski');
  await club.getByLabel('Beskrivelse').fill('Vi spiller bandy på isen. Alle kan være med.');
  await club.getByLabel('Fra alder').fill('8');
  await club.getByLabel('Til alder').fill('14');
  await club.getByLabel('Sesongen starter').fill('2026-11-01');
  await club.getByLabel('Sesongen slutter').fill('2027-03-15');
  const session1 = club.getByRole('group', { name: 'Treningstid 1' });
  await session1.getByLabel('Ukedag').selectOption('2');
  await session1.getByLabel('Fra').fill('17:00');
  await session1.getByLabel('Til').fill('18:30');
  await club.getByLabel('Sted', { exact: true }).selectOption('new');
  await club.getByLabel('Navn på stedet').fill('Snarum isbane');
  await club.getByLabel('Adresse').fill('Isveien 2');
  await club.getByLabel('Postnummer').fill('3357');
  await club.getByLabel('Poststed').fill('Snarum');
  await club.getByLabel('Breddegrad').fill('60.02');
  await club.getByLabel('Lengdegrad').fill('9.90');
  const cost1 = club.getByRole('group', { name: 'Kostnad 1' });
  await cost1.getByLabel('Hva', { exact: true }).selectOption('membership');
  await cost1.getByLabel('Beløp (kr)').fill('400');
  await club.getByLabel(scheme).check();
  await club.getByRole('button', { name: 'Lagre' }).click();
  await expect(club.getByRole('status').filter({ hasText: 'Lagret.' })).toBeVisible();
  await checkPage(club);
  await club.goto('/konto?lng=nb');
  await club.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await club.locator('tr', { hasText: title }).getByRole('button', { name: 'Publiser' }).click();
  await expect(club.locator('tr', { hasText: title })).toContainText('Publisert');
  await checkPage(club);
  await clubContext.close();

  // 9. A Somali family reads the activity page: the membership fee can be covered by the scheme, in Somali.
  const [{ slug }] = await portal.query<{ slug: string }>('select slug from activity where title = $1', [title]);
  const { context: familyContext, page: family } = await phone(browser, 'so');
  await family.goto(`/aktiviteter/${slug}?lng=so`);
  await expect(family.locator('html')).toHaveAttribute('lang', 'so');
  const covered = family.locator('[lang="so"]', { hasText: schemeSo });
  await expect(covered.first()).toBeVisible();
  await checkPage(family);
  await familyContext.close();
});

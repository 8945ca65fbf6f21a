import { mkdirSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, sentMail, seriousViolations, signIn, test } from './fixtures';

// Issue 11, part 5 and "done when": every page, public and private, at 360 px in bokmål, Somali and Arabic
// (right to left) has no sideways scrolling and no serious or critical axe violation. Each role signs in
// once (its session is kept in a storage state file) and walks its pages in sequence.
//
// Adding a page is one line in `pages`. A page file in app/routes that is neither listed there nor in
// `notVisited` fails the first test, so a new route cannot be forgotten.

type Role = 'anonymous' | 'pending_second_factor' | 'referrer' | 'coordinator' | 'guide' | 'kommune_admin' | 'club_admin' | 'club_editor';
/** What the setup found or made: ids and tokens for the addresses below. */
type Data = {
  orgId: string;
  activityId: string;
  activitySlug: string;
  organisationSlug: string;
  signupPath: string;
  consentPath: string;
  referralId: string;
  guideUserId: string;
  verifyPath: string;
  invitationPath: string;
  resetPath: string;
  schemeId: string;
  openDayId: string;
  /** Two areas of Modum: one whose page is visited, one it is asked to merge into. */
  areaId: string;
  otherAreaId: string;
  lenderId: string;
};
/** `status` is what the page answers when it is right to answer something else than 200 (a page that explains a refusal). */
type Visit = { file: string; as: Role; path: (d: Data) => string; status: number };
const visit = (file: string, as: Role, path: string | ((d: Data) => string), status = 200): Visit => ({
  file,
  as,
  path: typeof path === 'string' ? () => path : path,
  status,
});

const pages: Visit[] = [
  visit('_index', 'anonymous', '/'),
  visit('aktiviteter._index', 'anonymous', '/aktiviteter'),
  visit('aktiviteter._index', 'anonymous', '/aktiviteter?q=fotball&alder=10&omrade=amot&gratis=1&utstyr=1'),
  visit('aktiviteter._index', 'anonymous', '/aktiviteter?q=zzzqqq&kategori=sjakk'),
  visit('aktiviteter.$slug', 'anonymous', (d) => `/aktiviteter/${d.activitySlug}`),
  visit('organisasjoner.$slug', 'anonymous', (d) => `/organisasjoner/${d.organisationSlug}`),
  visit('apne-dager', 'anonymous', '/apne-dager'),
  visit('stotte', 'anonymous', '/stotte'),
  visit('utstyr', 'anonymous', '/utstyr'),
  visit('tilgjengelighet', 'anonymous', '/tilgjengelighet'),
  visit('openactive._index', 'anonymous', '/openactive'),
  visit('fritidsguide', 'anonymous', '/fritidsguide'),
  visit('logg-inn._index', 'anonymous', '/logg-inn'),
  visit('glemt-passord', 'anonymous', '/glemt-passord'),
  visit('registrer-klubb', 'anonymous', '/registrer-klubb'),
  visit('samtykke.$token', 'anonymous', (d) => d.consentPath),
  visit('pamelding.$token', 'anonymous', (d) => d.signupPath),
  visit('bekreft-epost.$token', 'anonymous', (d) => d.verifyPath),
  visit('invitasjon.$token', 'anonymous', (d) => d.invitationPath),
  visit('nytt-passord.$token', 'anonymous', (d) => d.resetPath),
  visit('dev.epost', 'anonymous', '/dev/epost'),
  visit('dev.klokke', 'anonymous', '/dev/klokke'),
  visit('logg-inn.kode', 'pending_second_factor', '/logg-inn/kode'),
  // Reached without a sign-in attempt (no state), the callback explains the refusal with a 400.
  visit('logg-inn.oidc.callback', 'anonymous', '/logg-inn/oidc/callback', 400),
  visit('logg-inn.oidc.$provider', 'anonymous', '/logg-inn/oidc/idporten'),
  visit('konto._index', 'referrer', '/konto'),
  visit('konto.tofaktor', 'referrer', '/konto/tofaktor'),
  visit('henvisning.ny', 'referrer', '/henvisning/ny'),
  visit('henvisninger', 'referrer', '/henvisninger'),
  visit('konto._index', 'coordinator', '/konto'),
  visit('koordinator._index', 'coordinator', '/koordinator'),
  visit('koordinator.$id', 'coordinator', (d) => `/koordinator/${d.referralId}`),
  visit('koordinator.guider._index', 'coordinator', '/koordinator/guider'),
  visit('koordinator.guider.$userId', 'coordinator', (d) => `/koordinator/guider/${d.guideUserId}`),
  visit('konto._index', 'guide', '/konto'),
  visit('guide._index', 'guide', '/guide'),
  visit('guide.$id', 'guide', (d) => `/guide/${d.referralId}`),
  visit('konto._index', 'kommune_admin', '/konto'),
  visit('kommune.$kommune.moderering', 'kommune_admin', '/kommune/modum/moderering'),
  visit('kommune.$kommune.import', 'kommune_admin', '/kommune/modum/import'),
  visit('kommune.$kommune.oppgjor', 'kommune_admin', '/kommune/modum/oppgjor'),
  visit('kommune.$kommune.personvern', 'kommune_admin', '/kommune/modum/personvern'),
  visit('kommune.$kommune.stotte._index', 'kommune_admin', '/kommune/modum/stotte'),
  visit('kommune.$kommune.stotte.$id', 'kommune_admin', '/kommune/modum/stotte/ny'),
  visit('kommune.$kommune.stotte.$id', 'kommune_admin', (d) => `/kommune/modum/stotte/${d.schemeId}`),
  visit('kommune.$kommune.stotte.$id_.oversettelse', 'kommune_admin', (d) => `/kommune/modum/stotte/${d.schemeId}/oversettelse?sprak=so`),
  visit('kommune.$kommune.stotte.$id_.forhandsvis', 'kommune_admin', (d) => `/kommune/modum/stotte/${d.schemeId}/forhandsvis?sprak=ar`),
  visit('kommune.$kommune.omrader._index', 'kommune_admin', '/kommune/modum/omrader'),
  visit('kommune.$kommune.omrader.$id', 'kommune_admin', '/kommune/modum/omrader/ny'),
  visit('kommune.$kommune.omrader.$id', 'kommune_admin', (d) => `/kommune/modum/omrader/${d.areaId}`),
  visit('kommune.$kommune.omrader.$id', 'kommune_admin', (d) => `/kommune/modum/omrader/${d.areaId}?slaSammen=${d.otherAreaId}`),
  visit('kommune.$kommune.omrader.$id', 'kommune_admin', (d) => `/kommune/modum/omrader/${d.areaId}?slett=1`),
  visit('kommune.$kommune.utstyr._index', 'kommune_admin', '/kommune/modum/utstyr'),
  visit('kommune.$kommune.utstyr.$id', 'kommune_admin', '/kommune/modum/utstyr/ny'),
  visit('kommune.$kommune.utstyr.$id', 'kommune_admin', (d) => `/kommune/modum/utstyr/${d.lenderId}`),
  visit('kommune.$kommune.utstyr.$id', 'kommune_admin', (d) => `/kommune/modum/utstyr/${d.lenderId}?slett=1`),
  visit('kommune.$kommune.tilgjengelighet', 'kommune_admin', '/kommune/modum/tilgjengelighet'),
  visit('kommune.$kommune.innsikt', 'kommune_admin', '/kommune/modum/innsikt'),
  visit('konto._index', 'club_admin', '/konto'),
  visit('klubb.$orgId._index', 'club_admin', (d) => `/klubb/${d.orgId}`),
  visit('klubb.$orgId.pameldinger', 'club_admin', (d) => `/klubb/${d.orgId}/pameldinger`),
  visit('klubb.$orgId.aktiviteter.$activityId._index', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/ny`),
  visit('klubb.$orgId.aktiviteter.$activityId._index', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}`),
  visit('klubb.$orgId.aktiviteter.$activityId.oversettelse', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}/oversettelse?sprak=ar`),
  visit('klubb.$orgId.aktiviteter.$activityId.forhandsvis', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}/forhandsvis`),
  visit('klubb.$orgId.aktiviteter.$activityId.apne-dager._index', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}/apne-dager`),
  visit('klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}/apne-dager/ny`),
  visit('klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}/apne-dager/${d.openDayId}?slett`),
  visit('klubb.$orgId.aktiviteter.$activityId.apne-dager.$openDayId_.oversettelse', 'club_admin', (d) => `/klubb/${d.orgId}/aktiviteter/${d.activityId}/apne-dager/${d.openDayId}/oversettelse?sprak=ar`),
  visit('klubb.$orgId.import', 'club_admin', (d) => `/klubb/${d.orgId}/import`),
  visit('klubb.$orgId.medlemmer', 'club_admin', (d) => `/klubb/${d.orgId}/medlemmer`),
  visit('klubb.$orgId.oppgjor', 'club_admin', (d) => `/klubb/${d.orgId}/oppgjor`),
  visit('konto._index', 'club_editor', '/konto'),
  visit('klubb.$orgId._index', 'club_editor', (d) => `/klubb/${d.orgId}`),
];

/** Pages deliberately left out, each with its reason (resource routes have no default export and are not pages). */
const notVisited: Record<string, string> = {
};

const languages = ['nb', 'so', 'ar'] as const;
// axe takes most of the walk's time (1–3 s a page) and its rules do not depend on the words, only on the
// markup and the direction: once left to right, once right to left. Somali, the longest words, is measured.
const axeIn = new Set<string>(['nb', 'ar']);
const roles: Role[] = [...new Set(pages.map((p) => p.as))];
const email: Record<Exclude<Role, 'anonymous'>, string> = {
  pending_second_factor: 'guide2@demo.fritidsportal.example',
  referrer: 'henviser@demo.fritidsportal.example',
  coordinator: 'koordinator@demo.fritidsportal.example',
  guide: 'guide@demo.fritidsportal.example',
  kommune_admin: 'kommune@demo.fritidsportal.example',
  club_admin: 'klubbleder@demo.fritidsportal.example',
  club_editor: 'redaktor@demo.fritidsportal.example',
};
const secondFactor = new Set<Role>(['coordinator', 'guide', 'kommune_admin']);
const stateDir = 'test-results/every-page';
const stateFile = (role: Role) => `${stateDir}/${role}.json`;
const viewport = { width: 360, height: 740 };
// Kept in a file, not only in memory: after a failed test Playwright starts a new worker, and the next
// role's walk must still run (each test reports its own pages).
const dataFile = `${stateDir}/data.json`;

test.use({ viewport });

test('every page in app/routes is in the list of pages to check', () => {
  const files = readdirSync('app/routes')
    .filter((f) => !f.startsWith('.') && !/\.test\.tsx?$/.test(f))
    .filter((f) => /export default/.test(readFileSync(`app/routes/${f}`, 'utf8')))
    .map((f) => f.replace(/\.tsx?$/, ''));
  const listed = new Set([...pages.map((p) => p.file), ...Object.keys(notVisited)]);
  expect(files.filter((f) => !listed.has(f)), 'pages nobody checks at 360 px').toEqual([]);
  expect([...listed].filter((f) => !files.includes(f)), 'listed pages that do not exist').toEqual([]);
});

/** A context for a role, signed in once; its session is saved for the role's walk. */
async function signedIn(browser: Browser, role: Exclude<Role, 'anonymous'>) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (role === 'pending_second_factor') {
    // Past the password, before the code: the page that asks for the second factor.
    await page.goto('/logg-inn?lng=nb');
    await page.getByLabel('E-postadresse').fill(email[role]);
    await page.getByLabel('Passord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/logg-inn\/kode/);
  } else {
    await signIn(page, email[role], secondFactor.has(role));
  }
  return { context, page };
}

async function referral(page: Page, childName: string, phone: string) {
  await page.goto('/henvisning/ny?lng=nb');
  await page.getByLabel('Barnets fornavn').fill(childName);
  await page.getByLabel('Fødselsår').fill('2016');
  await page.getByLabel('Foresattes navn').fill('Layla Foresatt');
  await page.getByLabel('Telefon').fill(phone);
  await page.getByLabel('Foresattes språk').selectOption('so');
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  // The confirmation is a flash message on the list now, not a flag in the address.
  await expect(page).toHaveURL(/\/henvisninger$/);
  await expect(page.locator('.flash')).not.toBeEmpty();
}

/** The consent link the outbox sent by SMS to this phone (SMS lands in the demo mailbox). */
async function consentLink(page: Page, phone: string) {
  let link = '';
  await expect(async () => {
    await page.goto('/dev/epost');
    const [body] = await page.locator('.dev-message', { hasText: phone }).locator('pre').allTextContents();
    expect(body).toMatch(/\/samtykke\//);
    link = new URL(body.match(/https?:\/\/\S+\/samtykke\/\S+/)![0]).pathname;
  }).toPass({ timeout: 30_000 });
  return link;
}

/** The last path segment of a link (links keep the page's ?lng=, which is not part of an id). */
const lastSegment = (href: string) => new URL(href, 'http://x').pathname.split('/').pop()!;

async function mailedPath(to: string, pattern: RegExp) {
  let path = '';
  await expect(async () => {
    const mail = (await sentMail()).filter((m) => m.to === to && pattern.test(m.text)).pop();
    expect(mail).toBeTruthy();
    path = new URL(pattern.exec(mail!.text)![0]).pathname;
  }).toPass({ timeout: 30_000 });
  return path;
}

test('setup: every role signs in once, and a sign-up, a referral with a guide, an invitation and a new club give the token pages', async ({ page, browser }) => {
  test.setTimeout(180_000);
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const data = {} as Data;
  const stamp = Date.now().toString(36);
  const phoneWaiting = `+47 402 ${Math.floor(10000 + Math.random() * 89999)}`;
  const phoneGiven = `+47 403 ${Math.floor(10000 + Math.random() * 89999)}`;

  const referrer = await signedIn(browser, 'referrer');
  await referral(referrer.page, 'Hodan', phoneWaiting);
  await referral(referrer.page, 'Ayaan', phoneGiven);
  await referrer.context.storageState({ path: stateFile('referrer') });
  await referrer.context.close();

  // The guardian of the second child says yes; the first one's page stays unanswered for the walk.
  data.consentPath = await consentLink(page, phoneWaiting);
  await page.goto(`${await consentLink(page, phoneGiven)}?lng=nb`);
  await page.getByRole('button', { name: 'Ja, jeg samtykker' }).click();
  await expect(page.getByRole('status')).toBeVisible();

  // The coordinator gives the consented child a guide; the guide then has a case page.
  const coordinator = await signedIn(browser, 'coordinator');
  await coordinator.page.goto('/koordinator?lng=nb');
  await coordinator.page.locator('tr', { hasText: 'Venter på fritidsguide' }).last().getByRole('link').first().click();
  await expect(coordinator.page).toHaveURL(/\/koordinator\/\d+/);
  data.referralId = /\/koordinator\/(\d+)/.exec(coordinator.page.url())![1];
  await coordinator.page.locator('.guide-choice', { hasText: 'Amina Guidesen' }).getByRole('button', { name: 'Tildel' }).click();
  await expect(coordinator.page.locator('.flash')).not.toBeEmpty();
  await coordinator.page.goto('/koordinator/guider?lng=nb');
  const profile = await coordinator.page.locator('a[href^="/koordinator/guider/"]').first().getAttribute('href');
  data.guideUserId = lastSegment(profile!);
  await coordinator.context.storageState({ path: stateFile('coordinator') });
  await coordinator.context.close();

  // The club: its id, an activity, its public pages, a sign-up from a family and an invitation.
  const club = await signedIn(browser, 'club_admin');
  await club.page.getByRole('link', { name: 'Aktiviteter', exact: true }).first().click();
  await expect(club.page).toHaveURL(/\/klubb\/\d+/);
  data.orgId = /\/klubb\/(\d+)/.exec(club.page.url())![1];
  const editorHref = await club.page.locator(`tbody a[href^="/klubb/${data.orgId}/aktiviteter/"]`).first().getAttribute('href');
  data.activityId = lastSegment(editorHref!);
  // An open day of that activity, for its edit and translation pages.
  await club.page.goto(`/klubb/${data.orgId}/aktiviteter/${data.activityId}/apne-dager/ny?lng=nb`);
  await club.page.getByLabel('Tittel').fill('Åpen trening');
  await club.page.getByLabel('Dato').fill(new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10));
  await club.page.getByLabel('Starter').fill('17:00');
  await club.page.getByLabel('Slutter').fill('18:30');
  await club.page.getByRole('button', { name: 'Lagre den åpne dagen' }).click();
  await expect(club.page).toHaveURL(/\/apne-dager\/\d+/);
  data.openDayId = lastSegment(club.page.url());
  await club.page.goto(`/klubb/${data.orgId}/aktiviteter/${data.activityId}/forhandsvis?lng=nb`);
  data.organisationSlug = lastSegment((await club.page.locator('main a[href^="/organisasjoner/"]').first().getAttribute('href'))!);
  const invited = `invitert-${stamp}@klubb.example`;
  await club.page.goto(`/klubb/${data.orgId}/medlemmer?lng=nb`);
  await club.page.getByLabel('E-postadresse').fill(invited);
  await club.page.getByRole('button', { name: 'Send invitasjon' }).click();
  data.invitationPath = await mailedPath(invited, /https?:\/\/\S+\/invitasjon\/\S+/);
  await club.context.storageState({ path: stateFile('club_admin') });
  await club.context.close();

  await page.goto(`/organisasjoner/${data.organisationSlug}?lng=nb`);
  data.activitySlug = lastSegment((await page.locator('main a[href^="/aktiviteter/"]').first().getAttribute('href'))!);
  await page.goto(`/aktiviteter/${data.activitySlug}?lng=nb`);
  await page.getByLabel('Barnets fornavn').fill('Hodan');
  await page.getByLabel('Barnets fødselsår').fill('2015');
  await page.getByLabel('Ditt navn (foresatt)').fill('Faadumo Foresatt');
  await page.getByLabel('Din e-post').fill(`foresatt-${stamp}@familie.example`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page).toHaveURL(/\/pamelding\/[^/?]+\?ny=1/);
  data.signupPath = new URL(page.url()).pathname;

  // A new club registers (its confirmation link), and a forgotten password (its reset link).
  const founder = `leder-${stamp}@klubb.example`;
  await page.goto('/registrer-klubb?lng=nb');
  await page.getByLabel('Navn på klubben').fill(`Smalskjerm idrettslag ${stamp}`);
  await page.getByLabel('Organisasjonsnummer').fill('998877660'); // active in the recorded register (tests/fixtures/brreg)
  await page.getByLabel('Kommune').selectOption('modum');
  await page.getByLabel('Ditt navn').fill('Lise Ledersen');
  await page.getByLabel('E-postadresse').fill(founder);
  await page.getByLabel('Nytt passord').fill('vi trener hver tirsdag 2026');
  await page.getByRole('button', { name: 'Registrer' }).click();
  await expect(page.getByText('Sjekk e-posten din').first()).toBeVisible();
  data.verifyPath = await mailedPath(founder, /https?:\/\/\S+\/bekreft-epost\/\S+/);
  await page.goto('/glemt-passord?lng=nb');
  await page.getByLabel('E-postadresse').fill(email.pending_second_factor);
  await page.getByRole('button', { name: 'Send lenke' }).click();
  data.resetPath = await mailedPath(email.pending_second_factor, /https?:\/\/\S+\/nytt-passord\/\S+/);

  for (const role of ['guide', 'kommune_admin', 'club_editor', 'pending_second_factor'] as const) {
    const { context, page: rolePage } = await signedIn(browser, role);
    if (role === 'kommune_admin') {
      await rolePage.goto('/kommune/modum/stotte?lng=nb');
      data.schemeId = lastSegment((await rolePage.locator('main a[href^="/kommune/modum/stotte/"]:not([href*="/stotte/ny"])').first().getAttribute('href'))!);
      await rolePage.goto('/kommune/modum/omrader?lng=nb');
      const areaLinks = rolePage.locator('main a[href^="/kommune/modum/omrader/"]:not([href*="/omrader/ny"])');
      data.areaId = lastSegment((await areaLinks.nth(0).getAttribute('href'))!);
      data.otherAreaId = lastSegment((await areaLinks.nth(1).getAttribute('href'))!);
      await rolePage.goto('/kommune/modum/utstyr?lng=nb');
      data.lenderId = lastSegment((await rolePage.locator('main a[href^="/kommune/modum/utstyr/"]:not([href*="/utstyr/ny"])').first().getAttribute('href'))!);
    }
    await context.storageState({ path: stateFile(role) });
    await context.close();
  }
  writeFileSync(dataFile, JSON.stringify(data));
});

/** Where the page is wider than the viewport, and which elements stick out furthest. */
function overflow() {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return null;
  const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
  // How far an element or its content reaches past the viewport's edge (0 if it stays inside).
  const reach = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return 0;
    return rtl ? Math.max(0, -Math.min(r.left, r.right - el.scrollWidth)) : Math.max(0, Math.max(r.right, r.left + el.scrollWidth) - width);
  };
  // Content clipped by an ancestor that does not itself stick out (a map's tiles) widens nothing.
  const clipped = (el: Element) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && reach(a) <= 1) return true;
    }
    return false;
  };
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
  // The innermost culprits: elements that stick out while none of their children do.
  const culprits = [...document.body.querySelectorAll('*')].filter((el) => reach(el) > 1 && ![...el.children].some((c) => reach(c) > 1) && !clipped(el));
  const widest = culprits
    .map((el) => ({ el, w: Math.round(Math.max(el.getBoundingClientRect().width, el.scrollWidth)) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map(({ el, w }) => `${el.parentElement ? `${name(el.parentElement)} > ` : ''}${name(el)} (${w} px: ${(el.textContent ?? '').trim().slice(0, 40)})`);
  return `${scrollWidth} px wide; widest: ${widest.join('; ') || 'none found'}`;
}

for (const role of roles) {
  test.describe(`as ${role}`, () => {
    if (role !== 'anonymous') test.use({ storageState: stateFile(role) });

    test(`${role}: every page at 360 px in nb, so and ar has no sideways scrolling and no serious axe violation`, async ({ page }) => {
      test.setTimeout(240_000);
      const problems: string[] = [];
      const data = JSON.parse(readFileSync(dataFile, 'utf8')) as Data;
      for (const p of pages.filter((v) => v.as === role)) {
        const path = p.path(data);
        for (const lng of languages) {
          const url = `${path}${path.includes('?') ? '&' : '?'}lng=${lng}`;
          const response = await page.goto(url);
          const where = `${url} (${p.file})`;
          if (response?.status() !== p.status) problems.push(`${where}: answered ${response?.status()}`);
          if (new URL(page.url()).pathname !== new URL(url, page.url()).pathname) problems.push(`${where}: redirected to ${page.url()}`);
          const lang = await page.locator('html').getAttribute('lang');
          if (lang !== lng) problems.push(`${where}: <html lang="${lang}">`);
          const wide = await page.evaluate(overflow);
          if (wide) problems.push(`${where}: ${wide}`);
          if (axeIn.has(lng)) for (const v of await seriousViolations(page)) problems.push(`${where}: axe ${v}`);
        }
      }
      expect(problems, `pages of ${role}`).toEqual([]);
    });
  });
}

// The editor's form tables were wider than a desktop screen too (the cost table: 1319 px at 1280 px);
// its repeated rows are now fieldsets (one per session, cost and equipment item).
test.describe('as club_admin on a desktop', () => {
  test.use({ storageState: stateFile('club_admin'), viewport: { width: 1280, height: 900 } });

  test('the activity editor, with its rows of sessions, costs and equipment, fits a 1280 px screen', async ({ page }) => {
    const data = JSON.parse(readFileSync(dataFile, 'utf8')) as Data;
    for (const path of [`/klubb/${data.orgId}/aktiviteter/ny`, `/klubb/${data.orgId}/aktiviteter/${data.activityId}`]) {
      await page.goto(`${path}?lng=so`);
      await expect(page.locator('main fieldset.editor-row').nth(2)).toBeVisible();
      expect(await page.evaluate(overflow), path).toBeNull();
    }
  });
});

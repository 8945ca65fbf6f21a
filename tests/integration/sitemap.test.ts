import { eq, ne, sql } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as s from '../../db/schema/index';
import { languages } from '../../app/i18n';
import { sitemapFiles, sitemapPages } from '../../app/domain/catalogue/sitemap.server';
import * as indexRoute from '../../app/routes/sitemap[.]xml';
import * as fileRoute from '../../app/routes/sitemap.$file';
import * as robotsRoute from '../../app/routes/robots[.]txt';
import { publicUrl } from '../../app/utils/env.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { statusOf } from '../setup/users';

// Issue 14, part 4 (the sitemap and robots.txt): every public page in every language with hreflang,
// nothing private, in files small enough for search engines.
useTestDatabase();

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name) });
type Url = { loc: string; lastmod?: string; 'xhtml:link': { rel: string; hreflang: string; href: string }[] };

async function fetchXml(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toContain('application/xml');
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text);
}

test('robots.txt lets crawlers read the public pages, keeps them out of private ones and one-time links, and names the sitemap', async () => {
  const res = robotsRoute.loader();
  const text = await res.text();
  expect(text).toContain('User-agent: *');
  for (const p of ['/konto', '/kommune/', '/klubb/', '/koordinator', '/guide', '/pamelding/', '/samtykke/', '/invitasjon/', '/nytt-passord/']) expect(text).toContain(`Disallow: ${p}\n`);
  expect(text).not.toMatch(/Disallow: \/aktiviteter|Disallow: \/fritidsguide|Disallow: \/stotte/);
  expect(text).toContain(`Sitemap: ${publicUrl()}/sitemap.xml`);
});

test('the sitemap lists every public activity and approved club once per language, each naming all its alternates, and nothing else', async () => {
  const index = await fetchXml(await indexRoute.loader());
  const files = index.sitemapindex.sitemap.map((x: { loc: string }) => x.loc);
  expect(files).toEqual([`${publicUrl()}/sitemap/1.xml`]);
  const set = (await fetchXml((await fileRoute.loader({ request: new Request('http://x/sitemap/1.xml'), params: { file: '1.xml' }, context: {} })) as Response)).urlset;
  const urls = set.url as Url[];
  const paths = new Set(urls.map((u) => new URL(u.loc).pathname));
  // Public: published and not past its expiry (a listing not confirmed in time leaves the search too).
  const isPublic = sql`${s.activity.status} = 'published' and (${s.activity.expiresAt} is null or ${s.activity.expiresAt} > now())`;
  const published = await db().select({ slug: s.activity.slug }).from(s.activity).where(isPublic);
  const hidden = await db().select({ slug: s.activity.slug }).from(s.activity).where(sql`not (${isPublic})`);
  expect(hidden.length).toBeGreaterThan(0);
  const approved = await db().select({ slug: s.organisation.slug }).from(s.organisation).where(eq(s.organisation.status, 'approved'));
  const pending = await db().select({ slug: s.organisation.slug }).from(s.organisation).where(ne(s.organisation.status, 'approved'));
  for (const a of published) expect(paths.has(`/aktiviteter/${a.slug}`), a.slug).toBe(true);
  for (const a of hidden) expect(paths.has(`/aktiviteter/${a.slug}`), a.slug).toBe(false);
  for (const o of approved) expect(paths.has(`/organisasjoner/${o.slug}`), o.slug).toBe(true);
  for (const o of pending) expect(paths.has(`/organisasjoner/${o.slug}`), o.slug).toBe(false);
  expect([...paths].filter((p) => /^\/(konto|kommune|klubb|koordinator|guide|pamelding|samtykke|invitasjon)/.test(p))).toEqual([]);
  // Each page: one address per language and one without (x-default), each listing the same 12 alternates.
  const variants = [...languages, 'x-default'];
  for (const path of paths) {
    const entries = urls.filter((u) => new URL(u.loc).pathname === path);
    expect(entries).toHaveLength(variants.length);
    for (const e of entries) {
      expect(e['xhtml:link'].map((l) => l.hreflang)).toEqual(variants);
      expect(e['xhtml:link'].map((l) => l.href)).toContain(e.loc);
    }
  }
  expect(urls.find((u) => u.loc === `${publicUrl()}/aktiviteter/${published[0].slug}?lng=ar`)!.lastmod).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(urls.length).toBeLessThanOrEqual(50_000);
  // A file past the last, or a name that is not one, is not found.
  expect(await statusOf(() => fileRoute.loader({ request: new Request('http://x'), params: { file: '2.xml' }, context: {} }))).toBe(404);
  expect(await statusOf(() => fileRoute.loader({ request: new Request('http://x'), params: { file: 'x.xml' }, context: {} }))).toBe(404);
});

test('split into files, every page is in exactly one of them', async () => {
  const perFile = 7;
  const files = await sitemapFiles(perFile);
  expect(files).toBeGreaterThan(3);
  const all: string[] = [];
  for (let n = 1; n <= files; n++) {
    const pages = await sitemapPages(n, perFile);
    expect(pages.length).toBeLessThanOrEqual(perFile);
    if (n < files) expect(pages).toHaveLength(perFile);
    all.push(...pages.map((p) => p.path));
  }
  expect(new Set(all).size).toBe(all.length);
  expect(all).toEqual((await sitemapPages(1, 100_000)).map((p) => p.path));
});

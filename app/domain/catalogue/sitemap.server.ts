import { and, asc, count, eq } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { languages } from '../../i18n';
import { db } from '../../utils/db.server';
import { isPublic } from './public.server';

// sitemap.xml for search engines: every public page, each in every language with its hreflang
// alternates (the same addresses the pages' own <link rel="alternate"> give, app/utils/seo.ts). At
// national scale that is far more than one file may hold (50 000 addresses), so /sitemap.xml is an
// index of numbered files, each with PAGES_PER_FILE pages × (languages + x-default) addresses.

export const PAGES_PER_FILE = 4000;

/** Pages that exist without data: the front page and the public lists. */
const fixedPages = ['/', '/aktiviteter', '/apne-dager', '/stotte', '/utstyr', '/fritidsguide', '/registrer-klubb', '/tilgjengelighet', '/openactive'];

const publicActivities = () => db().select({ slug: s.activity.slug, modified: s.activity.updatedAt }).from(s.activity).where(isPublic()).orderBy(asc(s.activity.id));
const approvedOrganisations = () => db().select({ slug: s.organisation.slug }).from(s.organisation).where(eq(s.organisation.status, 'approved')).orderBy(asc(s.organisation.id));

/** How many numbered files the index lists (at least one). */
export async function sitemapFiles(perFile = PAGES_PER_FILE) {
  const [[a], [o]] = await Promise.all([
    db().select({ n: count() }).from(s.activity).where(isPublic()),
    db().select({ n: count() }).from(s.organisation).where(and(eq(s.organisation.status, 'approved'))),
  ]);
  return Math.max(1, Math.ceil((fixedPages.length + o.n + a.n) / perFile));
}

/** The pages of file `n` (1-based): the fixed pages, then organisations, then activities, in a stable order. */
export async function sitemapPages(n: number, perFile = PAGES_PER_FILE): Promise<{ path: string; modified?: Date }[]> {
  const from = (n - 1) * perFile;
  const to = from + perFile;
  const out: { path: string; modified?: Date }[] = fixedPages.slice(from, to).map((path) => ({ path }));
  let offset = Math.max(0, from - fixedPages.length);
  if (out.length < perFile) {
    const [{ n: orgCount }] = await db().select({ n: count() }).from(s.organisation).where(eq(s.organisation.status, 'approved'));
    if (offset < orgCount) {
      const orgs = await approvedOrganisations().limit(perFile - out.length).offset(offset);
      out.push(...orgs.map((o) => ({ path: `/organisasjoner/${o.slug}` })));
    }
    offset = Math.max(0, offset - orgCount);
    if (out.length < perFile) {
      const activities = await publicActivities().limit(perFile - out.length).offset(offset);
      out.push(...activities.map((a) => ({ path: `/aktiviteter/${a.slug}`, modified: a.modified })));
    }
  }
  return out;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const inLanguage = (origin: string, path: string, lng: string | null) => `${origin}${path}${lng ? `?lng=${lng}` : ''}`;

export function sitemapIndexXml(origin: string, files: number) {
  const entries = Array.from({ length: files }, (_, i) => `<sitemap><loc>${xml(`${origin}/sitemap/${i + 1}.xml`)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

/** Each page once per language, every entry naming all the others (Google's rule for hreflang in sitemaps). */
export function sitemapXml(origin: string, pages: { path: string; modified?: Date }[]) {
  const variants = [...languages, null];
  const urls = pages.flatMap((p) => {
    const alternates = variants.map((l) => `<xhtml:link rel="alternate" hreflang="${l ?? 'x-default'}" href="${xml(inLanguage(origin, p.path, l))}"/>`).join('');
    const lastmod = p.modified ? `<lastmod>${p.modified.toISOString()}</lastmod>` : '';
    return variants.map((l) => `<url><loc>${xml(inLanguage(origin, p.path, l))}</loc>${lastmod}${alternates}</url>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

/** What crawlers may read: the public pages; never the private ones, nor the one-time links. */
export function robotsTxt(origin: string) {
  const disallow = ['/konto', '/kommune/', '/klubb/', '/koordinator', '/guide', '/henvis', '/logg-inn', '/pamelding/', '/samtykke/', '/invitasjon/', '/bekreft-epost/', '/nytt-passord/', '/glemt-passord', '/dev/', '/locales/'];
  return ['User-agent: *', 'Allow: /', ...disallow.map((p) => `Disallow: ${p}`), '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

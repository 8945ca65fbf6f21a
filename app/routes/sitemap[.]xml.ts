import { sitemapFiles, sitemapIndexXml } from '~/domain/catalogue/sitemap.server';
import { publicUrl } from '~/utils/env.server';

/** The sitemap index: the numbered files of public pages (app/domain/catalogue/sitemap.server.ts). */
export async function loader() {
  return new Response(sitemapIndexXml(publicUrl(), await sitemapFiles()), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}

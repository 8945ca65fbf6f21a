import type { LoaderFunctionArgs } from '@remix-run/node';
import { sitemapFiles, sitemapPages, sitemapXml } from '~/domain/catalogue/sitemap.server';
import { publicUrl } from '~/utils/env.server';

/** One numbered file of the sitemap: `/sitemap/1.xml`, … as the index lists them. */
export async function loader({ params }: LoaderFunctionArgs) {
  const n = Number(/^(\d{1,6})\.xml$/.exec(params.file ?? '')?.[1]);
  if (!n || n > (await sitemapFiles())) throw new Response('Not found', { status: 404 });
  return new Response(sitemapXml(publicUrl(), await sitemapPages(n)), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}

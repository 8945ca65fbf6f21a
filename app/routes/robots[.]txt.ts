import { robotsTxt } from '~/domain/catalogue/sitemap.server';
import { publicUrl } from '~/utils/env.server';

export function loader() {
  return new Response(robotsTxt(publicUrl()), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' } });
}

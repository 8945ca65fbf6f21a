import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { parseSearchParams } from '~/domain/catalogue/search-params.server';
import { searchMapPoints } from '~/domain/catalogue/search.server';
import { localise } from '~/domain/content.server';
import { getFixedT, getLocale } from '~/i18n.server';

/** The search's matches as map points (the same filters as the list). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { params } = parseSearchParams(new URL(request.url).searchParams);
  const locale = await getLocale(request);
  const rows = await localise('activity', await searchMapPoints(params), ['title'], locale);
  const points = rows.map((r) => ({ slug: r.slug, title: r.texts.title.text, lat: r.lat, lon: r.lon }));
  return json({ points }, { headers: { 'Cache-Control': 'public, max-age=60' } });
}

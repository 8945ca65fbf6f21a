import type { LoaderFunctionArgs } from '@remix-run/node';
import { toQueryString } from '~/domain/catalogue/search-params';
import { parseSearchParams } from '~/domain/catalogue/search-params.server';
import { searchAtom } from '~/domain/catalogue/subscriptions.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicUrl } from '~/utils/env.server';

/** A search as a news feed (Atom) of new and changed activities: the search page's address with /nye.atom. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { params } = parseSearchParams(new URL(request.url).searchParams);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'catalogue');
  const query = toQueryString({ ...params, side: undefined }, { lng: locale });
  const origin = publicUrl();
  const body = await searchAtom(params, locale, { self: `${origin}/aktiviteter/nye.atom${query}`, page: `${origin}/aktiviteter${query}`, origin }, { title: t('subscribe.feedTitle'), subtitle: t('subscribe.feedSubtitle') });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=900' } });
}

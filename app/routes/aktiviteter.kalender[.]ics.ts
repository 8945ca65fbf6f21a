import type { LoaderFunctionArgs } from '@remix-run/node';
import { parseSearchParams } from '~/domain/catalogue/search-params.server';
import { searchCalendar } from '~/domain/catalogue/subscriptions.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicUrl } from '~/utils/env.server';

/** A search as a calendar to subscribe to: the same address as the search page's, with /kalender.ics. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { params } = parseSearchParams(new URL(request.url).searchParams);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'catalogue');
  const body = await searchCalendar(params, locale, publicUrl(), {
    name: t('subscribe.calendarName'),
    kinds: { open_day: t('openDays.kind.open_day'), trial: t('openDays.kind.trial') },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="fritidsportalen.ics"', 'Cache-Control': 'public, max-age=900' },
  });
}

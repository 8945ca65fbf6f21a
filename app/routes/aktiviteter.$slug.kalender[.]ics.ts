import type { LoaderFunctionArgs } from '@remix-run/node';
import { getPublicActivity } from '~/domain/catalogue/activity.server';
import { activityCalendar } from '~/domain/catalogue/ical';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicUrl } from '~/utils/env.server';

/** The activity's weekly sessions and its open days as an iCalendar file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const activity = await getPublicActivity(params.slug ?? '', locale);
  if (!activity) throw new Response('Not found', { status: 404 });
  const url = `${publicUrl()}/aktiviteter/${activity.slug}`;
  const t = await getFixedT(locale, 'catalogue');
  const kinds = { open_day: t('openDays.kind.open_day'), trial: t('openDays.kind.trial') };
  return new Response(activityCalendar(activity, url, new Date(), kinds), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${activity.slug}.ics"`,
    },
  });
}

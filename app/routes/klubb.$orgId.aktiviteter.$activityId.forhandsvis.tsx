import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { getPublicActivity } from '~/domain/catalogue/activity.server';
import { activityJsonLd } from '~/domain/catalogue/json-ld';
import { publicUrl } from '~/utils/env.server';
import { openActiveWords } from '~/domain/opendata/openactive';
import { editorData } from '~/domain/club/activities.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { idParam } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';
import ActivityPage from './aktiviteter.$slug';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'catalogue', 'signup', 'club'] };

/** The public page as it will look, for a draft too; only the club sees it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  const activityId = idParam(params.activityId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const data = await editorData(orgId, activityId);
  if (!data) throw new Response('Not found', { status: 404 });
  const locale = await getLocale(request);
  const activity = await getPublicActivity(data.activity.slug, locale, new Date(), { includeUnpublished: true });
  if (!activity) throw new Response('Not found', { status: 404 });
  return json({
    locale,
    preview: true,
    activity,
    dates: {
      lastConfirmed: activity.lastConfirmedAt ? formatDate(activity.lastConfirmedAt, locale) : null,
      seasonStart: activity.seasonStart ? formatDate(`${activity.seasonStart}T12:00:00Z`, locale) : null,
      seasonEnd: activity.seasonEnd ? formatDate(`${activity.seasonEnd}T12:00:00Z`, locale) : null,
      openDays: [],
      noSessions: activity.noSessionDates,
    },
    jsonLd: activityJsonLd(activity, publicUrl(), openActiveWords(await getFixedT(locale, 'catalogue'))),
  }, { headers: { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' } });
}

export default ActivityPage;

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { activityOpenDays } from '~/domain/club/open-days.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { idParam } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'club', 'catalogue'] };

// The open days and trial sessions a club has announced for one activity, from today on.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const data = await activityOpenDays(orgId, idParam(params.activityId));
  if (!data) throw new Response('Not found', { status: 404 });
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'club');
  return json(
    {
      orgId,
      activity: data.activity,
      openDays: data.openDays.map((o) => ({ ...o, day: formatDate(o.startsAt, locale, { dateStyle: 'full' }) })),
      title: t('openDays.listTitle', { activity: data.activity.title }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function ActivityOpenDays() {
  const { orgId, activity, openDays } = useLoaderData<typeof loader>();
  const { t } = useTranslation('club');
  const { t: tc } = useTranslation('catalogue');
  const base = `/klubb/${orgId}/aktiviteter/${activity.id}`;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={base}>{t('openDays.back')}</AppLink>
      </p>
      <h1>
        {t('openDays.heading')}: <span lang="nb" dir="ltr">{activity.title}</span>
      </h1>
      <p>{t('openDays.lead')}</p>
      <p>
        <AppLink to={`${base}/apne-dager/ny`} className="button">
          {t('openDays.new')}
        </AppLink>
      </p>
      {openDays.length === 0 ? (
        <p>{t('openDays.none')}</p>
      ) : (
        <ul className="plain-list open-days">
          {openDays.map((o) => (
            <li key={o.id}>
              <span className="tag">{tc(`openDays.kind.${o.kind}`)}</span>{' '}
              <AppLink to={`${base}/apne-dager/${o.id}`}>
                <span lang="nb" dir="ltr">
                  {o.title}
                </span>
              </AppLink>
              <br />
              {o.day}{' '}
              <span dir="ltr">
                {o.start}–{o.end}
              </span>
              {o.venue ? (
                <>
                  {' · '}
                  <span lang="nb" dir="ltr">
                    {o.venue}
                  </span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <AppLink to={`/aktiviteter/${activity.slug}`}>{t('openDays.publicLink')}</AppLink>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

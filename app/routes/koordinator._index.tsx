import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Pager } from '~/components/pager';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { coordinatorQueue } from '~/domain/referral/casework.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { requireKommunePermission } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral', 'guides'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { kommuneId } = await requireKommunePermission(request, 'read:referral:own-kommune');
  // A page number from the address; anything else is the first page.
  const side = Number(new URL(request.url).searchParams.get('side'));
  const locale = await getLocale(request);
  const [queue, t] = await Promise.all([coordinatorQueue(kommuneId, Number.isInteger(side) && side > 0 && side < 10_000 ? side : 1), getFixedT(locale, 'referral')]);
  // Past the last page (the queue got shorter): the last page instead of an empty table.
  if (queue.page > queue.pages) throw redirect(`/koordinator?side=${queue.pages}`);
  const rows = queue.rows.map((r) => ({ ...r, nextFollowUp: r.nextFollowUp ? { ...r.nextFollowUp, due: formatDate(r.nextFollowUp.dueAt, locale, { dateStyle: 'medium' }) } : null }));
  return json({ queue: { ...queue, rows }, title: t('queue.title') }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function Queue() {
  const { queue } = useLoaderData<typeof loader>();
  const { t } = useTranslation('referral');
  return (
    <div className="page">
      <h1>{t('queue.title')}</h1>
      <ul className="plain-list">
        <li>
          <AppLink to="/henvisning/ny">{t('mine.new')}</AppLink>
        </li>
        <li>
          <AppLink to="/koordinator/guider">{t('guides:list.link')}</AppLink>
        </li>
      </ul>
      {queue.total === 0 ? <p>{t('queue.empty')}</p> : null}
      <table className="data-table stack-table">
        <caption className="visually-hidden">{t('queue.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mine.number')}</th>
            <th scope="col">{t('mine.status')}</th>
            <th scope="col">{t('new.area')}</th>
            <th scope="col">{t('queue.waiting')}</th>
            <th scope="col">{t('guide.followUp')}</th>
          </tr>
        </thead>
        <tbody>
          {queue.rows.map((r) => (
            <tr key={r.id}>
              <td data-label={t('mine.number')}>
                <AppLink to={`/koordinator/${r.id}`}>{t('queue.open', { id: r.id })}</AppLink>
              </td>
              <td data-label={t('mine.status')}>
                <span className="status">{t(`status.${r.status}`)}</span>
              </td>
              <td data-label={t('new.area')}>{r.areaName ?? '—'}</td>
              <td data-label={t('queue.waiting')}>{t('queue.days', { count: r.waitingDays })}</td>
              <td data-label={t('guide.followUp')}>
                {r.nextFollowUp ? (
                  <>
                    {t('guide.nextFollowUp', { kind: t(`followUp.${r.nextFollowUp.kind}`), date: r.nextFollowUp.due })}
                    {r.nextFollowUp.overdue ? <span className="status status--declined"> {t('guide.overdue')}</span> : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={queue.page} pages={queue.pages} hrefFor={(p) => `/koordinator?side=${p}`} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

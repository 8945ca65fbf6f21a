import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { coordinatorQueue } from '~/domain/referral/casework.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { requireKommunePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'referral', 'guides'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { kommuneId } = await requireKommunePermission(request, 'read:referral:own-kommune');
  const [queue, t] = await Promise.all([coordinatorQueue(kommuneId), getLocale(request).then((l) => getFixedT(l, 'referral'))]);
  return json({ queue, title: t('queue.title') }, { headers: { 'Cache-Control': 'private, no-store' } });
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
      {queue.length === 0 ? <p>{t('queue.empty')}</p> : null}
      <table className="data-table">
        <caption className="visually-hidden">{t('queue.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mine.number')}</th>
            <th scope="col">{t('mine.status')}</th>
            <th scope="col">{t('new.area')}</th>
            <th scope="col">{t('queue.waiting')}</th>
          </tr>
        </thead>
        <tbody>
          {queue.map((r) => (
            <tr key={r.id}>
              <td>
                <AppLink to={`/koordinator/${r.id}`}>{t('queue.open', { id: r.id })}</AppLink>
              </td>
              <td>
                <span className="status">{t(`status.${r.status}`)}</span>
              </td>
              <td>{r.areaName ?? '—'}</td>
              <td>{t('queue.days', { count: r.waitingDays })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

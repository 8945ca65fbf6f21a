import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { referralsByReferrer } from '~/domain/referral/casework.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { requireKommunePermission } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral'] };

/** The referrer's view: each referral's status only, never what the guide writes. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireKommunePermission(request, 'create:referral:own-kommune');
  const locale = await getLocale(request);
  const [rows, t] = await Promise.all([referralsByReferrer(user.id), getFixedT(locale, 'referral')]);
  return json({ referrals: rows.map((r) => ({ id: r.id, status: r.status, created: formatDate(r.createdAt, locale, { dateStyle: 'medium' }) })), title: t('mine.title') }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function MyReferrals() {
  const { referrals } = useLoaderData<typeof loader>();
  const { t } = useTranslation('referral');
  return (
    <div className="page narrow">
      <h1>{t('mine.title')}</h1>
      <p>
        <AppLink to="/henvisning/ny" className="button">
          {t('mine.new')}
        </AppLink>
      </p>
      {referrals.length === 0 ? <p>{t('mine.none')}</p> : null}
      <table className="data-table stack-table">
        <caption className="visually-hidden">{t('mine.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mine.number')}</th>
            <th scope="col">{t('mine.sent')}</th>
            <th scope="col">{t('mine.status')}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((r) => (
            <tr key={r.id}>
              <td data-label={t('mine.number')}>{r.id}</td>
              <td data-label={t('mine.sent')}>{r.created}</td>
              <td data-label={t('mine.status')}>
                <span className="status">{t(`status.${r.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

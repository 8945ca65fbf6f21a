import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { anonymousCounts } from '~/domain/referral/casework.server';
import { purgeReferrals } from '~/domain/referral/retention.server';
import { env } from '~/utils/env.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club'] };

// Demo mode only: run the retention purge as if the clock were N days ahead, to show (and test in the
// browser) that personal data goes and only anonymous counts stay. Absent in production.
export async function loader(_: LoaderFunctionArgs) {
  if (!env().isDemo) throw new Response('Not found', { status: 404 });
  return json({ counts: await anonymousCounts() }, { headers: { 'Cache-Control': 'no-store' } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (!env().isDemo) throw new Response('Not found', { status: 404 });
  const days = Number((await request.formData()).get('days'));
  if (!Number.isInteger(days) || days < 0 || days > 3650) return json({ purged: null }, { status: 400 });
  return json({ purged: await purgeReferrals(new Date(Date.now() + days * 24 * 3600 * 1000)) });
}

export default function DevClock() {
  const { counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('club');
  return (
    <div className="page narrow">
      <h1>{t('dev.clockTitle')}</h1>
      <p className="notice notice--warning">{t('dev.warning')}</p>
      <Form method="post" className="inline-actions">
        <div className="field">
          <label htmlFor="days">{t('dev.days')}</label>
          <input id="days" name="days" type="number" min={0} defaultValue={91} />
        </div>
        <button type="submit">{t('dev.purge')}</button>
      </Form>
      {result?.purged !== undefined && result.purged !== null ? (
        <p role="status" className="success">
          {t('dev.purged', { count: result.purged })}
        </p>
      ) : null}
      <h2>{t('dev.counts')}</h2>
      <table className="data-table stack-table">
        <thead>
          <tr>
            <th scope="col">{t('dev.quarter')}</th>
            <th scope="col">{t('dev.outcome')}</th>
            <th scope="col">{t('dev.count')}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c, i) => (
            <tr key={i}>
              <td data-label={t('dev.quarter')}>{c.quarter}</td>
              <td data-label={t('dev.outcome')}>{c.outcome}</td>
              <td data-label={t('dev.count')}>{c.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

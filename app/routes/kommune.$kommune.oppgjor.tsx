import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { periodOf, settlePeriod } from '~/domain/support/grants.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'club'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'settle:support:own-kommune', { kommuneId: k.id });
  return json({ kommune: k.name, period: periodOf(new Date()) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'settle:support:own-kommune', { kommuneId: k.id });
  const period = String((await request.formData()).get('period') ?? '');
  if (!/^\d{4}-H[12]$/.test(period)) return json({ error: 'invalid' }, { status: 400 });
  const clubs = await settlePeriod(k.id, period);
  return redirect(`/kommune/${params.kommune}/oppgjor?klubber=${clubs}`);
}

export default function KommuneSettlement() {
  const { kommune, period } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation('club');
  return (
    <div className="page narrow">
      <h1>{t('settlement.kommuneTitle', { kommune })}</h1>
      <p>{t('settlement.kommuneLead')}</p>
      {search.get('klubber') ? (
        <p className="success" role="status">
          {t('settlement.done', { count: Number(search.get('klubber')) })}
        </p>
      ) : null}
      <Form method="post" className="form">
        <div className="field">
          <label htmlFor="period">{t('settlement.period')}</label>
          <input id="period" name="period" defaultValue={period} pattern="\d{4}-H[12]" />
        </div>
        <div>
          <button type="submit">{t('settlement.settle')}</button>
        </div>
      </Form>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Money } from '~/components/activity-bits';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { closeYear, kommuneSettlements, MIN_GRANTS_SHOWN, periodOf, settlePeriod } from '~/domain/support/grants.server';
import { osloDayPlus } from '~/utils/dates';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'club', 'catalogue'] };

/** The period before the one we are in: the latest that can be settled. */
const lastEndedPeriod = (now: Date) => {
  const current = periodOf(now);
  const [year, half] = current.split('-');
  return half === 'H2' ? `${year}-H1` : `${Number(year) - 1}-H2`;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'settle:support:own-kommune', { kommuneId: k.id });
  const now = new Date();
  const { rows, closedYears } = await kommuneSettlements(k.id);
  return json({ kommune: k.name, period: lastEndedPeriod(now), lastYear: Number(osloDayPlus(now, 0).slice(0, 4)) - 1, rows, closedYears, minShown: MIN_GRANTS_SHOWN });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const user = await requirePermission(request, 'settle:support:own-kommune', { kommuneId: k.id });
  const form = await request.formData();
  if (form.get('intent') === 'close-year') {
    // Irreversible (the clubs then see every total of the year): only with the box ticked.
    if (form.get('confirm') !== 'on') return json({ errors: { confirm: 'club:settlement.confirmRequired' } }, { status: 400 });
    const result = await closeYear(k.id, Number(form.get('year')), user.id);
    if (!result.ok) return json({ errors: { year: `club:settlement.errors.${result.field}.${result.reason}` } }, { status: 400 });
    return json({ closed: { shown: result.shown } });
  }
  const result = await settlePeriod(k.id, String(form.get('period') ?? '').trim());
  if (!result.ok) return json({ errors: { period: `club:settlement.errors.${result.field}.${result.reason}` } }, { status: 400 });
  return json({ settled: { clubs: result.clubs, shown: result.shown } });
}

export default function KommuneSettlement() {
  const { kommune, period, lastYear, rows, closedYears, minShown } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; settled?: { clubs: number; shown: number }; closed?: { shown: number } } | undefined;
  const { t } = useTranslation('club');
  const tc = useTranslation('catalogue').t;
  return (
    <div className="page narrow">
      <h1>{t('settlement.kommuneTitle', { kommune })}</h1>
      <p>{t('settlement.kommuneLead')}</p>
      <p>{t('settlement.rule', { min: minShown })}</p>
      {data?.settled ? (
        <p className="success" role="status">
          {t('settlement.done', { count: data.settled.clubs })} {t('settlement.shownNow', { shown: data.settled.shown })}
        </p>
      ) : null}
      {data?.closed ? (
        <p className="success" role="status">
          {t('settlement.yearClosed', { shown: data.closed.shown })}
        </p>
      ) : null}
      <ErrorSummary errors={data?.errors} />
      <Form method="post" className="form">
        <Field name="period" label={t('settlement.period')} hint={t('settlement.periodHint')} defaultValue={period} error={data?.errors?.period} />
        <div>
          <button type="submit">{t('settlement.settle')}</button>
        </div>
      </Form>
      <h2>{t('settlement.closeYearTitle')}</h2>
      <p>{t('settlement.closeYearLead')}</p>
      {closedYears.length ? <p>{t('settlement.closedYears', { years: closedYears.join(', ') })}</p> : null}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="close-year" />
        <Field name="year" label={t('settlement.year')} inputMode="numeric" defaultValue={lastYear} error={data?.errors?.year} />
        <div className={`field${data?.errors?.confirm ? ' field--error' : ''}`}>
          {data?.errors?.confirm ? (
            <span id="field-confirm-error" className="field__error">
              {t(data.errors.confirm)}
            </span>
          ) : null}
          <label className="checks">
            <span>
              <input type="checkbox" id="field-confirm" name="confirm" aria-describedby={data?.errors?.confirm ? 'field-confirm-error' : undefined} /> {t('settlement.closeYearConfirm')}
            </span>
          </label>
        </div>
        <div>
          <button type="submit" className="button--secondary">
            {t('settlement.closeYear')}
          </button>
        </div>
      </Form>
      <h2>{t('settlement.listTitle')}</h2>
      {rows.length === 0 ? <p>{t('settlement.none')}</p> : null}
      {rows.length ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('settlement.period')}</th>
              <th scope="col">{t('settlement.club')}</th>
              <th scope="col">{t('settlement.total')}</th>
              <th scope="col">{t('settlement.grants')}</th>
              <th scope="col">{t('settlement.visible')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.period}-${r.organisation}`}>
                <td>{r.period}</td>
                <td>{r.organisation}</td>
                <td>
                  <Money ore={r.totalOre} t={tc} />
                </td>
                <td>{r.grantCount}</td>
                <td>{r.shown ? t('settlement.shown') : t('settlement.held')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

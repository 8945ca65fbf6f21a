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
import { RouteErrorBoundary } from '~/components/error-boundary';

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
  const period = String(form.get('period') ?? '').trim();
  const result = await settlePeriod(k.id, period);
  if (!result.ok) return json({ errors: { period: `club:settlement.errors.${result.field}.${result.reason}` } }, { status: 400 });
  return json({ settled: { period, clubs: result.clubs, shown: result.shown } });
}

export default function KommuneSettlement() {
  const { kommune, period, lastYear, rows, closedYears, minShown } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; settled?: { period: string; clubs: number; shown: number }; closed?: { shown: number } } | undefined;
  const { t } = useTranslation('club');
  const tc = useTranslation('catalogue').t;
  return (
    <div className="page narrow">
      <h1>{t('settlement.kommuneTitle', { kommune })}</h1>
      <p>{t('settlement.kommuneLead')}</p>
      <p>{t('settlement.rule', { min: minShown })}</p>
      {data?.settled ? (
        <p className="success" role="status">
          {/* A period without grants is settled too, but "for 0 clubs" would read as a failure. */}
          {data.settled.clubs === 0 ? t('settlement.nothingToSettle', { period: data.settled.period }) : `${t('settlement.done', { count: data.settled.clubs })} ${t('settlement.shownNow', { shown: data.settled.shown })}`}
        </p>
      ) : null}
      {data?.closed ? (
        <p className="success" role="status">
          {t('settlement.yearClosed', { shown: data.closed.shown })}
        </p>
      ) : null}
      <ErrorSummary errors={data?.errors} />
      <Form method="post" className="form">
        {/* A period is a code (2026-H1): left to right on a right-to-left page too, as it is typed. */}
        <Field name="period" label={t('settlement.period')} hint={t('settlement.periodHint')} defaultValue={period} error={data?.errors?.period} dir="ltr" />
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
      <h2 id="settlement-list">{t('settlement.listTitle')}</h2>
      {rows.length === 0 ? <p>{t('settlement.none')}</p> : null}
      {rows.length ? (
        // Five columns do not fit a phone: below 40rem each row stacks as label–value pairs (app.css, .stack-table).
        <table className="data-table stack-table" aria-labelledby="settlement-list">
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
                <td data-label={t('settlement.period')}>
                  <span dir="ltr" className="period-code">
                    {r.period}
                  </span>
                </td>
                <td data-label={t('settlement.club')}>{r.organisation}</td>
                <td data-label={t('settlement.total')}>
                  <Money ore={r.totalOre} t={tc} />
                </td>
                <td data-label={t('settlement.grants')}>{r.grantCount}</td>
                <td data-label={t('settlement.visible')}>{r.shown ? t('settlement.shown') : t('settlement.held')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

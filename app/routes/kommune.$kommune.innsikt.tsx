import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { BarChart, InsightTable, type Bar } from '~/components/insight';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { insightDashboard } from '~/domain/insight/dashboard.server';
import { insightAnswers, saveIndicatorAnswers } from '~/domain/insight/indicators.server';
import type { TableModel } from '~/domain/insight/table';
import { can } from '~/domain/auth/permissions';
import { directionOf } from '~/i18n';
import { getFixedT, getLocale } from '~/i18n.server';
import { formError } from '~/utils/forms.server';
import { formatDate } from '~/utils/format';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'insight', 'catalogue'] };

// The kommune dashboard of the Fritidserklæringen (issue 14, part 6): the offer, families' reach and the
// fritidsguide part, small counts of children hidden (domain/insight/suppression.ts), and the ALLEMED
// indicators with the kommune admin's own answers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'read:insight:own-kommune', { kommuneId: k.id });
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'insight');
  const dashboard = await insightDashboard(k.id);
  return json(
    {
      kommune: { name: k.name, slug: k.slug },
      ...dashboard,
      reachFrom: formatDate(`${dashboard.reach.from}T12:00:00Z`, locale),
      indicators: dashboard.indicators.map((i) => ({ ...i, answeredOn: i.answer ? formatDate(i.answer.answeredAt, locale) : null })),
      canAnswer: can(u.membership, 'answer:insight:own-kommune', { kommuneId: k.id }),
      // The choices of the form (a .server module's constant does not reach the browser).
      answers: insightAnswers,
      dir: directionOf(locale),
      title: t('title', { kommune: k.name }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'answer:insight:own-kommune', { kommuneId: k.id });
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const result = await saveIndicatorAnswers(k.id, values, u.id);
  if (!result.ok) return formError(result.errors, values);
  return redirectWithFlash(`/kommune/${k.slug}/innsikt#indikatorer`, 'insight:indicators.savedFlash');
}

const byId = (tables: TableModel[], id: string) => tables.find((x) => x.id === id)!;

export default function KommuneInsight() {
  const data = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation(['insight', 'catalogue']);
  const { kommune, offer, reach, guide, indicators, canAnswer, answers, dir } = data;
  const offerTables = offer.tables as TableModel[];
  const reachTables = reach.tables as TableModel[];
  const guideTables = guide.tables as TableModel[];
  const measures = byId(offerTables, 'offer-measures');
  const offerBars: Bar[] = measures.rows.slice(0, -1).map((label, i) => ({ label, value: measures.cells[i][0] }));
  const languagesTable = byId(reachTables, 'reach-languages');
  const languageBars: Bar[] = languagesTable.rows.map((label, i) => ({ label, value: languagesTable.cells[i][0] })).filter((b) => b.value);
  const signups = byId(reachTables, 'reach-signups');
  const signupBars: Bar[] = signups.rows.map((label, i) => ({ label, value: signups.rowTotals?.[i] ?? null }));
  const referred = byId(guideTables, 'guide-referred');
  const referralBars: Bar[] = referred.cols.map((label, j) => ({ label, value: referred.colTotals?.[j] ?? null }));
  const csv = (part: string) => `/kommune/${kommune.slug}/innsikt.csv?del=${part}`;
  const v = sent?.values;
  return (
    <div className="page insight-page">
      <h1>{data.title}</h1>
      <p>{t('lead')}</p>
      <nav aria-label={t('contents')}>
        <ul className="inline-list">
          <li>
            <a href="#tilbudet">{t('offer.title')}</a>
          </li>
          <li>
            <a href="#rekkevidde">{t('reach.title')}</a>
          </li>
          <li>
            <a href="#fritidsguide">{t('guide.title')}</a>
          </li>
          <li>
            <a href="#indikatorer">{t('indicators.title')}</a>
          </li>
        </ul>
      </nav>
      <p className="hint">{t('smallCounts')}</p>

      <section aria-labelledby="tilbudet">
        <h2 id="tilbudet">{t('offer.title')}</h2>
        <p>{t('offer.lead', { n: offer.total })}</p>
        <h3>{t('offer.gapsTitle')}</h3>
        {offer.gaps.length ? (
          <ul className="insight-gaps">
            {offer.gaps.map((g, i) => (
              <li key={i}>{t(g.key, { band: g.band, area: g.area })}</li>
            ))}
          </ul>
        ) : (
          <p>{t('offer.noGaps')}</p>
        )}
        <BarChart id="chart-offer" title={t('offer.chartTitle')} bars={offerBars} dir={dir} />
        {offerTables.map((x) => (
          <InsightTable key={x.id} table={x} />
        ))}
        <p>
          <AppLink to={csv('offer')} reloadDocument>
            {t('csv.download', { part: t('offer.title') })}
          </AppLink>
        </p>
      </section>

      <section aria-labelledby="rekkevidde">
        <h2 id="rekkevidde">{t('reach.title')}</h2>
        <p>{t('reach.lead', { days: reach.days, from: data.reachFrom, kommune: kommune.name })}</p>
        {languageBars.length ? <BarChart id="chart-languages" title={t('reach.chartLanguages')} bars={languageBars} dir={dir} /> : null}
        {reachTables.slice(0, 3).map((x) => (
          <InsightTable key={x.id} table={x} />
        ))}
        <p className="hint">{t('reach.queriesRule')}</p>
        <BarChart id="chart-signups" title={t('reach.chartSignups')} bars={signupBars} dir={dir} />
        <InsightTable table={signups} />
        <p className="hint">{t('reach.signupsRule')}</p>
        <p>
          <AppLink to={csv('reach')} reloadDocument>
            {t('csv.download', { part: t('reach.title') })}
          </AppLink>
        </p>
      </section>

      <section aria-labelledby="fritidsguide">
        <h2 id="fritidsguide">{t('guide.title')}</h2>
        <p>{t('guide.lead')}</p>
        {referralBars.length ? <BarChart id="chart-referrals" title={t('guide.chartReferrals')} bars={referralBars} dir={dir} /> : null}
        {guideTables.map((x) => (
          <InsightTable key={x.id} table={x} />
        ))}
        <p className="hint">{t('guide.rule')}</p>
        <p>
          <AppLink to={csv('guide')} reloadDocument>
            {t('csv.download', { part: t('guide.title') })}
          </AppLink>
        </p>
      </section>

      <section aria-labelledby="indikatorer">
        <h2 id="indikatorer">{t('indicators.title')}</h2>
        <p>{t('indicators.lead')}</p>
        <dl className="insight-indicators">
          {indicators.map((i) => (
            <div key={i.id}>
              <dt>{t(`indicators.name.${i.id}`)}</dt>
              <dd>
                {t('indicators.fromData', { answer: t(`answer.${i.data.answer}`) })} {t(i.data.key, i.data.values)}
              </dd>
              <dd>
                {i.answer
                  ? t('indicators.kommuneAnswer', { answer: t(`answer.${i.answer.answer}`), date: i.answeredOn })
                  : t('indicators.notAnswered')}
                {i.answer?.note ? (
                  <>
                    {' '}
                    <span dir="auto">{i.answer.note}</span>
                  </>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
        {canAnswer ? (
          <>
            <h3>{t('indicators.formTitle')}</h3>
            <ErrorSummary errors={sent?.errors} />
            <Form method="post" className="form">
              {indicators.map((i) => (
                <fieldset key={i.id}>
                  <legend>{t(`indicators.name.${i.id}`)}</legend>
                  <Field
                    as="select"
                    name={`${i.id}.answer`}
                    label={t('indicators.answerLabel')}
                    placeholder={t('indicators.noAnswer')}
                    options={answers.map((a) => ({ value: a, label: t(`answer.${a}`) }))}
                    defaultValue={v?.[`${i.id}.answer`] ?? i.answer?.answer ?? ''}
                    error={sent?.errors?.[`${i.id}.answer`]}
                  />
                  <Field name={`${i.id}.note`} label={t('indicators.noteLabel')} hint={t('indicators.noteHint')} defaultValue={v?.[`${i.id}.note`] ?? i.answer?.note ?? ''} error={sent?.errors?.[`${i.id}.note`]} />
                </fieldset>
              ))}
              <div>
                <button type="submit">{t('indicators.save')}</button>
              </div>
            </Form>
          </>
        ) : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

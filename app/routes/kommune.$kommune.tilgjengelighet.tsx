import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { Ltr, UserText } from '~/components/local-text';
import { kommuneReports, markReportHandled } from '~/domain/accessibility/report.server';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { idParam } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common'] };

// The kommune admin reads the accessibility reports sent from /tilgjengelighet for this kommune and
// marks them handled. The e-mail that announced a report links here; the report itself is only here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'read:accessibility-report:own-kommune', { kommuneId: k.id });
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'common');
  const languageName = new Intl.DisplayNames([locale], { type: 'language' });
  const reports = (await kommuneReports(k.id)).map((r) => ({
    ...r,
    language: languageName.of(r.language) ?? r.language,
    createdAt: formatDate(r.createdAt, locale, { dateStyle: 'medium', timeStyle: 'short' }),
    handledAt: r.handledAt ? formatDate(r.handledAt, locale, { dateStyle: 'medium' }) : null,
  }));
  return json({ kommune: k.name, reports, title: t('a11y.admin.title', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'read:accessibility-report:own-kommune', { kommuneId: k.id });
  const form = await request.formData();
  const id = idParam(String(form.get('report') ?? ''));
  // Another kommune's report, one already handled or a made-up id change nothing and say so.
  const done = await markReportHandled(k.id, id, u.id);
  return redirectWithFlash(`/kommune/${params.kommune}/tilgjengelighet`, done ? 'common:a11y.admin.handledFlash' : 'common:a11y.admin.notHandledFlash');
}

export default function AccessibilityReports() {
  const { kommune, reports } = useLoaderData<typeof loader>();
  const { t } = useTranslation('common');
  return (
    <div className="page narrow">
      <h1>{t('a11y.admin.title', { kommune })}</h1>
      <p>{t('a11y.admin.lead')}</p>
      {reports.length === 0 ? <p>{t('a11y.admin.none')}</p> : null}
      <ol className="report-list">
        {reports.map((r) => (
          <li key={r.id} className="card">
            <p className="hint">
              {t('a11y.admin.received', { date: r.createdAt })} · {t('a11y.admin.language', { language: r.language })}
            </p>
            {r.page ? (
              <p>
                {t('a11y.admin.page')}: <UserText text={r.page} />
              </p>
            ) : null}
            <UserText as="p" text={r.message} className="report-list__message" />
            <p>
              {t('a11y.admin.replyTo')}: {r.replyTo ? <Ltr>{r.replyTo}</Ltr> : t('a11y.admin.noReply')}
            </p>
            {r.handledAt ? (
              <p className="success">{t('a11y.admin.handledOn', { date: r.handledAt })}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="report" value={r.id} />
                <button type="submit" className="button--secondary">
                  {t('a11y.admin.markHandled')}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

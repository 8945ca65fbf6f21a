import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Honeypot } from '~/components/ui/form-bits';
import { ErrorSummary, Field } from '~/components/ui/field';
import { reportInput, sendAccessibilityReport, STATEMENT_DATE } from '~/domain/accessibility/report.server';
import { lookupPlaces } from '~/domain/catalogue/places.server';
import { isLanguage } from '~/i18n';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { clientAddress, formError, parseForm } from '~/utils/forms.server';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common'] };

export const headers = publicPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const [places, t] = await Promise.all([lookupPlaces(), getFixedT(locale, 'common')]);
  return json({
    kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })),
    date: formatDate(`${STATEMENT_DATE}T12:00:00Z`, locale, { dateStyle: 'long' }),
    // A public page stays cookie-free, so the confirmation after sending travels in the address.
    sent: new URL(request.url).searchParams.get('sendt') === '1',
    title: t('a11y.title'),
    description: await pageDescription(request, 'accessibility'),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, reportInput);
  if (!parsed.ok) return parsed.response;
  const locale = await getLocale(request);
  const result = await sendAccessibilityReport(parsed.data, locale, clientAddress(context));
  if (!result.ok) {
    const values = { ...parsed.data } as Record<string, string>;
    if (result.reason === 'locked') {
      const locked = formError({ form: 'locked' }, values, 429);
      locked.headers.set('Retry-After', String(result.retryAfterSeconds ?? 60));
      return locked;
    }
    return formError({ [result.field]: result.reason === 'noRecipient' ? 'common:a11y.errors.noRecipient' : 'required' }, values);
  }
  const lng = new URL(request.url).searchParams.get('lng');
  return redirect(`/tilgjengelighet?sendt=1${isLanguage(lng) ? `&lng=${lng}` : ''}#melding`);
}

const TESTED = ['axe', 'width', 'keyboard', 'noJs', 'languages'] as const;
const GAPS = ['screenReader', 'audit', 'translations', 'clubTexts', 'map', 'documents'] as const;

export default function AccessibilityStatement() {
  const { kommuner, date, sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('common');
  const errors = data?.errors as Record<string, string> | undefined;
  const v = (data?.values ?? {}) as Record<string, string>;
  return (
    <div className="page narrow">
      <h1>{t('a11y.title')}</h1>
      <p className="lead">{t('a11y.lead')}</p>
      <p>{t('a11y.dateLabel', { date })}</p>
      <h2>{t('a11y.statusTitle')}</h2>
      <p>{t('a11y.status')}</p>
      <h3>{t('a11y.testedTitle')}</h3>
      <ul>
        {TESTED.map((k) => (
          <li key={k}>{t(`a11y.tested.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('a11y.gapsTitle')}</h2>
      <ul>
        {GAPS.map((k) => (
          <li key={k}>{t(`a11y.gaps.${k}`)}</li>
        ))}
      </ul>
      <h2 id="melding">{t('a11y.reportTitle')}</h2>
      {sent ? (
        <p className="success" role="status">
          {t('a11y.sent')}
        </p>
      ) : null}
      <p>{t('a11y.reportLead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate aria-labelledby="melding">
        <Field name="kommune" as="select" label={t('a11y.form.kommune')} placeholder={t('a11y.form.choose')} options={kommuner.map((k) => ({ value: k.slug, label: k.name }))} required defaultValue={v.kommune} error={errors?.kommune} />
        <Field name="page" label={t('a11y.form.page')} hint={t('a11y.form.pageHint')} defaultValue={v.page} error={errors?.page} dir="auto" />
        <Field name="message" as="textarea" label={t('a11y.form.message')} hint={t('a11y.form.messageHint')} required defaultValue={v.message} error={errors?.message} dir="auto" />
        <Field name="email" type="email" autoComplete="email" label={t('a11y.form.email')} hint={t('a11y.form.emailHint')} defaultValue={v.email} error={errors?.email} dir="ltr" />
        <Honeypot />
        <div>
          <button type="submit">{t('a11y.form.submit')}</button>
        </div>
      </Form>
      <p>{t('a11y.complaint')}</p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

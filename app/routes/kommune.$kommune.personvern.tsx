import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { retentionInput, setRetentionDays } from '~/domain/referral/retention.server';
import { privacyContactInput, privacyContactSettings, setPrivacyContact } from '~/domain/referral/privacy-contact.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral'] };

// The kommune admin sets how long a closed referral's personal data is kept before the purge, and who
// the guardian's consent page names as data controller and privacy officer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:privacy:own-kommune', { kommuneId: k.id });
  const t = await getFixedT(await getLocale(request), 'referral');
  const contact = await privacyContactSettings(k.id);
  return json({ kommune: k.name, retentionDays: k.retentionDays, contact, title: t('retention.title', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:privacy:own-kommune', { kommuneId: k.id });
  const form = await request.formData();
  // Two forms on one page; the retention form was here first and sends no intent.
  if (form.get('intent') === 'contact') {
    const parsed = await parseForm(form, privacyContactInput);
    if (!parsed.ok) return parsed.response;
    await setPrivacyContact(k.id, parsed.data, u.id);
    return redirectWithFlash(`/kommune/${params.kommune}/personvern`, 'referral:privacyContact.saved');
  }
  const parsed = await parseForm(form, retentionInput);
  if (!parsed.ok) return parsed.response;
  await setRetentionDays(k.id, parsed.data.retentionDays, u.id);
  return redirectWithFlash(`/kommune/${params.kommune}/personvern`, 'referral:retention.saved');
}

export default function RetentionSettings() {
  const { kommune, retentionDays, contact } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation('referral');
  return (
    <div className="page narrow">
      <h1>{t('retention.title', { kommune })}</h1>
      <p>{t('retention.lead')}</p>
      <ErrorSummary errors={data?.errors} />
      <Form method="post" className="form" noValidate>
        <Field name="retentionDays" label={t('retention.days')} hint={t('retention.hint')} inputMode="numeric" required defaultValue={data?.values?.retentionDays ?? retentionDays} error={data?.errors?.retentionDays} />
        <div>
          <button type="submit">{t('retention.save')}</button>
        </div>
      </Form>
      <section aria-labelledby="kontakt">
        <h2 id="kontakt">{t('privacyContact.title')}</h2>
        <p>{t('privacyContact.lead', { kommune })}</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="contact" />
          <Field name="privacyController" lang="nb" dir="auto" label={t('privacyContact.controller')} hint={t('privacyContact.controllerHint', { kommune })} defaultValue={data?.values?.privacyController ?? contact.privacyController ?? ''} error={data?.errors?.privacyController} />
          <Field name="privacyOfficerName" label={t('privacyContact.officerName')} defaultValue={data?.values?.privacyOfficerName ?? contact.privacyOfficerName ?? ''} error={data?.errors?.privacyOfficerName} />
          <Field name="privacyOfficerEmail" type="email" dir="ltr" autoComplete="off" label={t('privacyContact.officerEmail')} defaultValue={data?.values?.privacyOfficerEmail ?? contact.privacyOfficerEmail ?? ''} error={data?.errors?.privacyOfficerEmail} />
          <Field name="privacyOfficerPhone" type="tel" dir="ltr" inputMode="tel" autoComplete="off" label={t('privacyContact.officerPhone')} hint={t('privacyContact.phoneHint')} defaultValue={data?.values?.privacyOfficerPhone ?? contact.privacyOfficerPhone ?? ''} error={data?.errors?.privacyOfficerPhone} />
          <div>
            <button type="submit">{t('privacyContact.save')}</button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

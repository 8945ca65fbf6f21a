import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { retentionInput, setRetentionDays } from '~/domain/referral/retention.server';
import { kommuneContact, kommuneContactInput, setKommuneContact } from '~/domain/kommune/contact.server';
import { privacyContactInput, privacyContactSettings, setPrivacyContact } from '~/domain/referral/privacy-contact.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral'] };

// The kommune's facts for families and guardians: how long a closed referral's personal data is kept
// before the purge, who the guardian's consent page names as data controller and privacy officer, and
// where families ask about leisure (shown beside the kommune's support schemes on /stotte).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:privacy:own-kommune', { kommuneId: k.id });
  const t = await getFixedT(await getLocale(request), 'referral');
  const [contact, familyContact] = await Promise.all([privacyContactSettings(k.id), kommuneContact(k.id)]);
  return json({ kommune: k.name, retentionDays: k.retentionDays, contact, familyContact, title: t('retention.title', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:privacy:own-kommune', { kommuneId: k.id });
  const form = await request.formData();
  // Three forms on one page; the retention form was here first and sends no intent.
  if (form.get('intent') === 'familyContact') {
    const parsed = await parseForm(form, kommuneContactInput);
    if (!parsed.ok) return parsed.response;
    await setKommuneContact(k.id, parsed.data, u.id);
    return redirectWithFlash(`/kommune/${params.kommune}/personvern`, 'referral:kommuneContact.saved');
  }
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
  const { kommune, retentionDays, contact, familyContact } = useLoaderData<typeof loader>();
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
      <section aria-labelledby="familier">
        <h2 id="familier">{t('kommuneContact.title')}</h2>
        <p>{t('kommuneContact.lead')}</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="familyContact" />
          <Field name="contactName" lang="nb" dir="auto" label={t('kommuneContact.name')} hint={t('kommuneContact.nameHint')} defaultValue={data?.values?.contactName ?? familyContact.contactName ?? ''} error={data?.errors?.contactName} />
          <Field name="contactEmail" type="email" dir="ltr" autoComplete="off" label={t('kommuneContact.email')} defaultValue={data?.values?.contactEmail ?? familyContact.contactEmail ?? ''} error={data?.errors?.contactEmail} />
          <Field name="contactPhone" type="tel" dir="ltr" inputMode="tel" autoComplete="off" label={t('kommuneContact.phone')} hint={t('privacyContact.phoneHint')} defaultValue={data?.values?.contactPhone ?? familyContact.contactPhone ?? ''} error={data?.errors?.contactPhone} />
          <Field name="contactUrl" type="url" dir="ltr" label={t('kommuneContact.url')} defaultValue={data?.values?.contactUrl ?? familyContact.contactUrl ?? ''} error={data?.errors?.contactUrl} />
          <div>
            <button type="submit">{t('kommuneContact.save')}</button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

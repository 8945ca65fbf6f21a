import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { retentionInput, setRetentionDays } from '~/domain/referral/retention.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { parseForm } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'referral'] };

// The kommune admin sets how long a closed referral's personal data is kept before the purge.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:privacy:own-kommune', { kommuneId: k.id });
  const t = await getFixedT(await getLocale(request), 'referral');
  return json({ kommune: k.name, retentionDays: k.retentionDays, title: t('retention.title', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:privacy:own-kommune', { kommuneId: k.id });
  const parsed = await parseForm(request, retentionInput);
  if (!parsed.ok) return parsed.response;
  await setRetentionDays(k.id, parsed.data.retentionDays, u.id);
  return redirect(`/kommune/${params.kommune}/personvern?lagret=1`);
}

export default function RetentionSettings() {
  const { kommune, retentionDays } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation('referral');
  return (
    <div className="page narrow">
      <h1>{t('retention.title', { kommune })}</h1>
      <p>{t('retention.lead')}</p>
      {search.get('lagret') ? (
        <p className="success" role="status">
          {t('retention.saved')}
        </p>
      ) : null}
      <ErrorSummary errors={data?.errors} />
      <Form method="post" className="form" noValidate>
        <Field name="retentionDays" label={t('retention.days')} hint={t('retention.hint')} inputMode="numeric" required defaultValue={data?.values?.retentionDays ?? retentionDays} error={data?.errors?.retentionDays} />
        <div>
          <button type="submit">{t('retention.save')}</button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

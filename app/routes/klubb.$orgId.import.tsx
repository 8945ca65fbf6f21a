import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { CsvColumns, ImportForm } from '~/components/import-form';
import { uploadedText } from '~/utils/upload.server';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ImportResult } from '~/components/import-result';
import { AppLink } from '~/components/link';
import { importActivitiesCsv, importColumns } from '~/domain/club/csv-import.server';
import { getOrganisation } from '~/domain/club/organisations.server';
import { idParam } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const org = await getOrganisation(orgId);
  if (!org) throw new Response('Not found', { status: 404 });
  return json({ organisation: { id: org.id, name: org.name }, columns: importColumns.filter((c) => c !== 'organisation') });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const u = await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const text = await uploadedText(request);
  if (text === null) return json({ ok: false as const, errors: [{ row: 0, column: '-', error: 'csvTooLarge' }] }, { status: 400 });
  const result = await importActivitiesCsv({ organisationId: orgId }, u.id, text);
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function ImportActivities() {
  const { organisation, columns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(['club', 'common']);
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={`/klubb/${organisation.id}`}>{t('editor.back', { organisation: organisation.name })}</AppLink>
      </p>
      <h1>{t('import.title')}</h1>
      <p>{t('import.lead')}</p>
      <p className="hint">
        {t('import.columns')} <CsvColumns columns={columns} />
      </p>
      <ImportResult result={result} />
      <ImportForm />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

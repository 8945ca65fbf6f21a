import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { CsvColumns, ImportForm } from '~/components/import-form';
import { uploadedText } from '~/utils/upload.server';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ImportResult } from '~/components/import-result';
import { importActivitiesCsv, importColumns } from '~/domain/club/csv-import.server';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { requirePermission } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'import:activity:own-kommune', { kommuneId: k.id });
  return json({ kommune: k.name, columns: importColumns });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'import:activity:own-kommune', { kommuneId: k.id });
  const text = await uploadedText(request);
  if (text === null) return json({ ok: false as const, errors: [{ row: 0, column: '-', error: 'csvTooLarge' }] }, { status: 400 });
  const result = await importActivitiesCsv({ kommuneId: k.id }, u.id, text);
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function KommuneImport() {
  const { kommune, columns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('club');
  return (
    <div className="page narrow">
      <h1>{t('import.kommuneTitle', { kommune })}</h1>
      <p>{t('import.kommuneLead')}</p>
      <p className="hint">
        {t('import.columns')} <CsvColumns columns={columns} />
      </p>
      <ImportResult result={result} />
      <ImportForm />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

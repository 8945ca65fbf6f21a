import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ImportResult } from '~/components/import-result';
import { importActivitiesCsv, importColumns } from '~/domain/club/csv-import.server';
import { kommuneBySlug } from '~/domain/club/organisations.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'club'] };

async function kommuneOr404(slug: string | undefined) {
  const k = slug ? await kommuneBySlug(slug) : null;
  if (!k) throw new Response('Not found', { status: 404 });
  return k;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await kommuneOr404(params.kommune);
  await requirePermission(request, 'import:activity:own-kommune', { kommuneId: k.id });
  return json({ kommune: k.name, columns: importColumns });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await kommuneOr404(params.kommune);
  const u = await requirePermission(request, 'import:activity:own-kommune', { kommuneId: k.id });
  let text = '';
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 1_000_000 }));
    const file = form.get('file');
    text = file && typeof file !== 'string' ? await file.text() : '';
  } catch {
    return json({ ok: false as const, errors: [{ row: 0, column: '-', error: 'csvTooLarge' }] }, { status: 400 });
  }
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
        {t('import.columns')} <code>{columns.join(',')}</code>
      </p>
      <ImportResult result={result} />
      <Form method="post" encType="multipart/form-data" className="form">
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div>
          <button type="submit">{t('import.submit')}</button>
        </div>
      </Form>
    </div>
  );
}

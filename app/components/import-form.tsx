import { Fragment } from 'react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** The CSV upload form shared by the club and the kommune import pages. */
export function ImportForm() {
  const { t } = useTranslation('club');
  return (
    <Form method="post" encType="multipart/form-data" className="form">
      <div className="field">
        <label htmlFor="import-file">{t('import.file')}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div>
        <button type="submit">{t('import.submit')}</button>
      </div>
    </Form>
  );
}

/** The CSV header line as one code, with a line-break opportunity after each comma (a phone breaks there, not mid-name). */
export function CsvColumns({ columns }: { columns: string[] }) {
  return (
    <code>
      {columns.map((c, i) => (
        <Fragment key={c}>
          {i ? (
            <>
              ,<wbr />
            </>
          ) : null}
          {c}
        </Fragment>
      ))}
    </code>
  );
}

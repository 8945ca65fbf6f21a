import { useTranslation } from 'react-i18next';

type Result = { ok: true; imported: number } | { ok: false; errors: { row: number; column: string; error: string }[] };

/** What an import did: how many were imported, or each problem by row and column. */
export function ImportResult({ result }: { result: Result | undefined }) {
  const { t } = useTranslation(['club', 'common']);
  return (
    <>
      {result?.ok ? (
        <p className="success" role="status">
          {t('import.done', { count: result.imported })}
        </p>
      ) : null}
      {result && !result.ok ? (
        <div className="error-summary" role="alert">
          <h2>{t('import.failed')}</h2>
          <table className="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td data-label={t('import.row')}>{e.row}</td>
                  <td data-label={t('import.column')}>
                    <code>{e.column}</code>
                  </td>
                  <td data-label={t('import.problem')}>{t(`common:errors.${e.error}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

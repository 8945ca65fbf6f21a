import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useKeepLng } from './link';

/** A GET form that narrows a page to one kommune. */
export function KommuneFilter({ kommuner, selected, action }: { kommuner: { name: string; slug: string }[]; selected?: string; action: string }) {
  const { t } = useTranslation('catalogue');
  const lng = useKeepLng();
  return (
    <Form method="get" action={action} className="inline-form">
      {lng ? <input type="hidden" name="lng" value={lng} /> : null}
      <label htmlFor="kommune-filter">{t('filter.kommune.label')}</label>
      <select id="kommune-filter" name="kommune" defaultValue={selected ?? ''}>
        <option value="">{t('filter.all')}</option>
        {kommuner.map((k) => (
          <option key={k.slug} value={k.slug}>
            {k.name}
          </option>
        ))}
      </select>
      <button type="submit">{t('filter.show')}</button>
    </Form>
  );
}

import { useLocation, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { languageNames, languages } from '~/i18n';
import type { RootData } from '~/root';

/** A plain GET form: works without JavaScript and keeps the rest of the address (filters, page). */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common');
  const location = useLocation();
  // Without the root's data (the page for an unknown address) the language is the one rendered with.
  const locale = useRouteLoaderData<RootData>('root')?.locale ?? i18n.language;
  const params = [...new URLSearchParams(location.search).entries()].filter(([k]) => k !== 'lng');
  return (
    <form method="get" action={location.pathname} className="language-switcher">
      {params.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor="lng-select">{t('language.label')}</label>
      <select id="lng-select" name="lng" defaultValue={locale}>
        {languages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {languageNames[lng]}
          </option>
        ))}
      </select>
      <button type="submit">{t('language.change')}</button>
    </form>
  );
}

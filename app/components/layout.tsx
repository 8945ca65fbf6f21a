import { useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { RootData } from '~/root';
import { AppLink } from './link';
import { LanguageSwitcher } from './language-switcher';

export function SiteHeader() {
  const { t } = useTranslation('common');
  const user = useRouteLoaderData<RootData>('root')?.user;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <AppLink to="/" className="brand">
          <span aria-hidden="true" className="brand__mark">
            ◆
          </span>
          {t('appName')}
        </AppLink>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            <li>
              <AppLink to="/aktiviteter">{t('nav.activities')}</AppLink>
            </li>
            <li>
              <AppLink to="/apne-dager">{t('nav.openDays')}</AppLink>
            </li>
            <li>
              <AppLink to="/utstyr">{t('nav.lenders')}</AppLink>
            </li>
            <li>
              <AppLink to="/stotte">{t('nav.support')}</AppLink>
            </li>
            <li>{user ? <AppLink to="/konto">{t('nav.account')}</AppLink> : <AppLink to="/logg-inn">{t('nav.signIn')}</AppLink>}</li>
          </ul>
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation('common');
  return (
    <footer className="site-footer">
      <p>{t('footer.about')}</p>
      <p>{t('footer.noTracking')}</p>
      <p>
        <AppLink to="/tilgjengelighet">{t('footer.accessibility')}</AppLink> · <AppLink to="/openactive">{t('footer.openData')}</AppLink>
      </p>
    </footer>
  );
}

import { useTranslation } from 'react-i18next';
import { AppLink } from './link';

/** Previous / numbered / next links; plain links, so paging works without JavaScript. */
export function Pager({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation('common');
  if (pages <= 1) return null;
  const window = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <AppLink to={hrefFor(page - 1)} rel="prev">
              {t('pager.previous')}
            </AppLink>
          </li>
        ) : null}
        {window.map((p, i) => (
          <li key={p}>
            {i > 0 && p - window[i - 1] > 1 ? <span aria-hidden="true">… </span> : null}
            {p === page ? (
              <span aria-current="page" className="pager__current">
                <span className="visually-hidden">{t('pager.page')} </span>
                {p}
              </span>
            ) : (
              <AppLink to={hrefFor(p)} aria-label={t('pager.goTo', { page: p })}>
                {p}
              </AppLink>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <AppLink to={hrefFor(page + 1)} rel="next">
              {t('pager.next')}
            </AppLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

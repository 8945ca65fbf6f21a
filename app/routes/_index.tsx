import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink, useKeepLng } from '~/components/link';
import { CategoryIcon } from '~/components/category-icon';
import { categoryCounts } from '~/domain/catalogue/page-counts.server';
import { categories } from '~/domain/catalogue/taxonomy';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { publicMeta } from '~/utils/seo';

export const handle = { i18n: ['common', 'home', 'catalogue'] };

// The same for every anonymous visitor in a language: served from the micro-cache for a few seconds.
export const headers = publicPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const [counts, t] = await Promise.all([categoryCounts(), getLocale(request).then((l) => getFixedT(l, 'home'))]);
  return json({ counts, title: t('meta.title'), description: t('meta.description') });
}

export default function Home() {
  const { counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['home', 'catalogue']);
  const lng = useKeepLng();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('hero.title')}</h1>
        <p className="lead">{t('hero.lead')}</p>
        <Form method="get" action="/aktiviteter" className="search-box" role="search">
          {lng ? <input type="hidden" name="lng" value={lng} /> : null}
          <label htmlFor="home-q">{t('search.label')}</label>
          <div className="search-box__row">
            <input id="home-q" name="q" type="search" dir="auto" placeholder={t('search.placeholder')} autoComplete="off" />
            <button type="submit">{t('search.submit')}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t('categories.title')}</h2>
        <ul className="category-grid">
          {categories
            .filter((c) => counts[c])
            .map((c) => (
              <li key={c}>
                <AppLink to={`/aktiviteter?kategori=${c}`} className="category-card">
                  <CategoryIcon category={c} />
                  <span className="category-card__name">{t(`catalogue:category.${c}`)}</span>
                  <span className="category-card__count">{t('categories.count', { count: counts[c] })}</span>
                </AppLink>
              </li>
            ))}
        </ul>
      </section>

      <section className="entry-cards" aria-label={t('help.label')}>
        <article className="entry-card">
          <h2>{t('help.costs.title')}</h2>
          <p>{t('help.costs.body')}</p>
          <AppLink to="/stotte">{t('help.costs.link')}</AppLink>
        </article>
        <article className="entry-card">
          <h2>{t('help.guide.title')}</h2>
          <p>{t('help.guide.body')}</p>
          <AppLink to="/fritidsguide">{t('help.guide.link')}</AppLink>
        </article>
        <article className="entry-card">
          <h2>{t('help.free.title')}</h2>
          <p>{t('help.free.body')}</p>
          <AppLink to="/aktiviteter?gratis=1">{t('help.free.link')}</AppLink>
        </article>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AgeRange, Badges, Schedule, TotalCost } from '~/components/activity-bits';
import { CategoryIcon, CategoryName } from '~/components/category-icon';
import { AppLink } from '~/components/link';
import { bokmal, LocalTextInline } from '~/components/local-text';
import { MapToggle } from '~/components/map/map-toggle';
import { Pager } from '~/components/pager';
import { SearchFilters } from '~/components/search-filters';
import { localise } from '~/domain/content.server';
import { lookupPlaces } from '~/domain/catalogue/places.server';
import { toQueryString, type SearchParams } from '~/domain/catalogue/search-params';
import { parseSearchParams } from '~/domain/catalogue/search-params.server';
import { searchActivities } from '~/domain/catalogue/search.server';
import { countSearch } from '~/domain/insight/search-counts.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';
import { groupDigits } from '~/utils/format';

export const handle = { i18n: ['common', 'catalogue'] };

// The same for every anonymous visitor in a language: served from the micro-cache for a few seconds.
export const headers = publicPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { params, invalid } = parseSearchParams(url.searchParams);
  const locale = await getLocale(request);
  // Counted in memory only (flushed every minute): the dashboard's reach, without anything about the visitor.
  const [result, places, t] = await Promise.all([searchActivities(params), lookupPlaces(), getFixedT(locale, 'catalogue'), countSearch(params, locale)]);
  // Only what a result card shows goes to the page (and into the hydration data).
  const hits = (await localise('activity', result.hits, ['title'], locale)).map((h) => ({
    id: h.id,
    slug: h.slug,
    category: h.category,
    categoryOther: h.categoryOther,
    texts: h.texts,
    ageMin: h.ageMin,
    ageMax: h.ageMax,
    totalCostPerYearOre: h.totalCostPerYearOre,
    trialSession: h.trialSession,
    hasLendableEquipment: h.hasLendableEquipment,
    hasSupport: h.hasSupport,
    freePlaces: h.freePlaces,
    dropIn: h.dropIn,
    openForNew: h.openForNew,
    waitingList: h.waitingList,
    kommuneSlug: h.kommuneSlug,
    leaderLanguages: h.leaderLanguages,
    adaptations: h.adaptations.filter((a) => a === 'step_free' || a === 'disability'),
    organisationName: h.organisationName,
    place: [h.venueName, h.areaName, h.kommuneName].filter(Boolean).join(', '),
    distanceKm: h.distanceKm,
    sessions: h.sessions,
  }));
  return json({
    params,
    invalid,
    ...result,
    hits,
    kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })),
    areas: places.areas.map(({ name, slug, kommuneId }) => ({ name, slug, kommune: places.kommuner.find((k) => k.id === kommuneId)?.slug ?? '' })),
    title: t('search.metaTitle'),
    description: await pageDescription(request, 'search'),
    // The subscription links carry the language, so the calendar and the feed read as this page does.
    locale,
  });
}

export default function Search() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalogue');
  const tc = t;
  const params = data.params as SearchParams;
  const hrefFor = (page: number) => `/aktiviteter${toQueryString({ ...params, side: page === 1 ? undefined : page })}`;
  return (
    <div className="page search-page">
      <h1>{t('search.title')}</h1>
      {data.invalid.length ? (
        <p className="notice notice--warning" role="status">
          {t('search.invalid', { fields: data.invalid.map((f) => t(`filter.${f}.label`, { defaultValue: f })).join(', ') })}
        </p>
      ) : null}
      <div className="search-layout">
        <SearchFilters params={params} kommuner={data.kommuner} areas={data.areas} />
        <section aria-labelledby="results-title" className="results">
          <h2 id="results-title" className="results__count" aria-live="polite">
            {data.moreThan ? t('search.countMoreThan', { number: groupDigits(data.total) }) : t('search.count', { count: data.total })}
          </h2>
          {data.total > 0 ? <MapToggle query={toQueryString({ ...params, side: undefined })} /> : null}
          {data.total === 0 ? <EmptyResult params={params} /> : null}
          <ol className="result-list">
            {data.hits.map((hit) => (
              <li key={hit.id} className="result-card">
                <h3 className="result-card__title">
                  <CategoryIcon category={hit.category} />{' '}
                  <AppLink to={`/aktiviteter/${hit.slug}`}>
                    <LocalTextInline value={hit.texts.title} />
                  </AppLink>
                </h3>
                <p className="result-card__org">
                  <LocalTextInline value={bokmal(hit.organisationName)} /> · <CategoryName category={hit.category} other={hit.categoryOther} />
                </p>
                <dl className="facts">
                  <div>
                    <dt>{t('facts.cost')}</dt>
                    <dd>
                      <TotalCost ore={hit.totalCostPerYearOre} t={tc} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('facts.age')}</dt>
                    <dd>
                      <AgeRange min={hit.ageMin} max={hit.ageMax} t={tc} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('facts.where')}</dt>
                    <dd>
                      <LocalTextInline value={bokmal(hit.place)} />
                      {hit.distanceKm !== null ? ` (${t('distance.km', { km: hit.distanceKm.toFixed(1) })})` : null}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('facts.when')}</dt>
                    <dd>
                      <Schedule sessions={hit.sessions} t={tc} />
                    </dd>
                  </div>
                </dl>
                <Badges activity={hit} t={tc} />
                {!hit.openForNew ? (
                  <p className="result-card__full">
                    <strong>{t('full.card')}</strong>{' '}
                    {hit.waitingList ? (
                      <AppLink to={`/aktiviteter/${hit.slug}#signup`}>{t('full.cardWaitingList')}</AppLink>
                    ) : (
                      <AppLink to={`/aktiviteter${toQueryString({ kategori: [hit.category as never], kommune: hit.kommuneSlug })}`}>{t('full.cardSimilar')}</AppLink>
                    )}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <Pager page={data.page} pages={data.pages} hrefFor={hrefFor} />
          {data.total > 0 ? <Subscribe query={toQueryString({ ...params, side: undefined }, { lng: data.locale })} /> : null}
        </section>
      </div>
    </div>
  );
}

const loosenable: (keyof SearchParams)[] = ['q', 'kategori', 'alder', 'omrade', 'kommune', 'dag', 'maks_pris', 'gratis', 'prove', 'utlan', 'stotte', 'dropin', 'nybegynner', 'tilrettelagt', 'sprak', 'kjonn'];

/** Says which filter to remove, each as a link that removes just that one. */
function EmptyResult({ params }: { params: SearchParams }) {
  const { t } = useTranslation('catalogue');
  const active = loosenable.filter((k) => params[k] !== undefined && params[k] !== false);
  // The open-for-new filter is on by default, so it is loosened by setting it off.
  const openOnly = params.nye !== false;
  return (
    <div className="empty-result">
      <p>{t('search.empty')}</p>
      {active.length || openOnly ? (
        <>
          <p>{t('search.loosen')}</p>
          <ul>
            {active.map((k) => (
              <li key={k}>
                <AppLink to={`/aktiviteter${toQueryString({ ...params, [k]: undefined, side: undefined })}`}>{t('search.remove', { filter: t(`filter.${k}.label`) })}</AppLink>
              </li>
            ))}
            {openOnly ? (
              <li>
                <AppLink to={`/aktiviteter${toQueryString({ ...params, nye: false, side: undefined })}`}>{t('search.remove', { filter: t('filter.nye.label') })}</AppLink>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      <p>
        <AppLink to="/aktiviteter">{t('search.clearAll')}</AppLink>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

/** This search as a calendar and as a news feed, for a family that wants to follow it. */
function Subscribe({ query }: { query: string }) {
  const { t } = useTranslation('catalogue');
  return (
    <section aria-labelledby="subscribe-title" className="subscribe">
      <h2 id="subscribe-title">{t('subscribe.heading')}</h2>
      <p>{t('subscribe.lead')}</p>
      <ul className="plain-list">
        <li>
          <a href={`/aktiviteter/kalender.ics${query}`} type="text/calendar">
            {t('subscribe.calendar')}
          </a>
        </li>
        <li>
          <a href={`/aktiviteter/nye.atom${query}`} type="application/atom+xml">
            {t('subscribe.feed')}
          </a>
        </li>
      </ul>
    </section>
  );
}

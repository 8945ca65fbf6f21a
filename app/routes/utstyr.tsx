import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { KommuneFilter } from '~/components/kommune-filter';
import { AppLink } from '~/components/link';
import { OpeningHoursList } from '~/components/opening-hours';
import { bokmal, LocalTextBlock, LocalTextInline } from '~/components/local-text';
import { publicLenders } from '~/domain/catalogue/directory.server';
import { lenderCounts } from '~/domain/catalogue/page-counts.server';
import { kommuneFromUrl, lookupPlaces } from '~/domain/catalogue/places.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';

export const handle = { i18n: ['common', 'catalogue', 'support'] };

// The same for every anonymous visitor in a language: served from the micro-cache for a few seconds.
export const headers = publicPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const kommune = kommuneFromUrl(request.url);
  const locale = await getLocale(request);
  const [lenders, places, t] = await Promise.all([publicLenders(locale, kommune), lookupPlaces(), getFixedT(locale, 'support')]);
  const activityCounts = await lenderCounts(lenders.map((l) => l.id));
  return json({ lenders, activityCounts, kommune, kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })), title: t('lenders.metaTitle'), description: await pageDescription(request, 'lenders') });
}

export default function LendersPage() {
  const { lenders, activityCounts, kommune, kommuner } = useLoaderData<typeof loader>();
  const { t } = useTranslation('support');
  return (
    <div className="page narrow">
      <h1>{t('lenders.title')}</h1>
      <p className="lead">{t('lenders.lead')}</p>
      <KommuneFilter kommuner={kommuner} selected={kommune} action="/utstyr" />
      {lenders.length === 0 ? <p>{t('lenders.none')}</p> : null}
      {lenders.map((l) => (
        <article key={l.id} id={`utlan-${l.slug}`} className="scheme-card">
          <h2>
            <LocalTextInline value={bokmal(l.name)} />
          </h2>
          <p className="eyebrow">{l.kommune.name}</p>
          <dl className="facts facts--wide">
            <div>
              <dt>{t('lenders.address')}</dt>
              <dd>
                <LocalTextInline value={bokmal(l.address)} />
              </dd>
            </div>
            <div>
              <dt>{t('lenders.hours')}</dt>
              <dd>
                {l.hours.length ? (
                  <OpeningHoursList days={l.hours} />
                ) : (
                  t('lenders.noHours')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('lenders.lends')}</dt>
              <dd>
                <LocalTextBlock value={l.texts.lends} as="span" />
              </dd>
            </div>
            {l.url || l.contactEmail || l.contactPhone ? (
              <div>
                <dt>{t('lenders.contact')}</dt>
                <dd>
                  <ul className="plain-list">
                    {l.url ? (
                      <li>
                        <a href={l.url} dir="ltr">
                          {t('lenders.website')}
                        </a>
                      </li>
                    ) : null}
                    {l.contactEmail ? (
                      <li>
                        {t('contact.email')}: <a href={`mailto:${l.contactEmail}`} dir="ltr">{l.contactEmail}</a>
                      </li>
                    ) : null}
                    {l.contactPhone ? (
                      <li>
                        {t('contact.phone')}: <a href={`tel:${l.contactPhone.replace(/\s/g, '')}`} dir="ltr">{l.contactPhone}</a>
                      </li>
                    ) : null}
                  </ul>
                </dd>
              </div>
            ) : null}
          </dl>
          <p>{t('lenders.free')}</p>
          {activityCounts[l.id] ? <p>{t('lenders.activityCount', { count: activityCounts[l.id] })}</p> : null}
          <p>
            <AppLink to={`/aktiviteter?kommune=${l.kommune.slug}&utlan=1`}>{t('lenders.activities')}</AppLink>
          </p>
        </article>
      ))}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

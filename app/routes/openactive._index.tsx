import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { AppLink } from '~/components/link';
import { Ltr } from '~/components/local-text';
import { datasetJsonLd, feedSummary } from '~/domain/opendata/feeds.server';
import { OPEN_DATA_LICENCE } from '~/utils/open-data.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicUrl } from '~/utils/env.server';
import { formatDate } from '~/utils/format';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';

export const handle = { i18n: ['common', 'catalogue'] };

export const headers = publicPageHeaders;

/** The OpenActive dataset site: what the feeds hold, where they are, and under which licence. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const [summary, t] = await Promise.all([feedSummary(), getFixedT(locale, 'catalogue')]);
  const base = publicUrl();
  const feeds = (['session-series', 'scheduled-sessions'] as const).map((feed) => ({
    feed,
    url: `${base}/openactive/${feed}`,
    items: summary[feed]?.items ?? 0,
    modified: summary[feed]?.modified ? formatDate(summary[feed]!.modified!, locale, { dateStyle: 'long', timeStyle: 'short' }) : null,
  }));
  return json({
    feeds,
    base,
    licence: OPEN_DATA_LICENCE.url,
    title: t('openData.metaTitle'),
    description: await pageDescription(request, 'openData'),
    jsonLd: datasetJsonLd(base, { name: t('openData.title'), description: t('openData.lead'), feeds: { 'session-series': t('openData.seriesName'), 'scheduled-sessions': t('openData.sessionsName') } }, locale),
  });
}

export default function OpenActiveDatasetSite() {
  const { feeds, base, licence, jsonLd } = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalogue');
  return (
    <div className="page narrow">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <h1>{t('openData.title')}</h1>
      <p>{t('openData.lead')}</p>
      <p>
        {t('openData.licenceLabel')}: <a href={licence}>{t('openData.licenceName')}</a>
      </p>
      <section aria-labelledby="strommer">
        <h2 id="strommer">{t('openData.feedsHeading')}</h2>
        <p>{t('openData.feedsLead')}</p>
        <ul className="plain-list">
          {feeds.map((f) => (
            <li key={f.feed}>
              <strong>{t(f.feed === 'session-series' ? 'openData.seriesName' : 'openData.sessionsName')}</strong>
              <br />
              <a href={f.url} className="break-anywhere">
                <Ltr>{f.url}</Ltr>
              </a>
              <br />
              {t('openData.items', { count: f.items })}
              {f.modified ? ` · ${t('openData.modified', { date: f.modified })}` : null}
            </li>
          ))}
        </ul>
        <p>{t('openData.notInOpenActive')}</p>
      </section>
      <section aria-labelledby="andre-formater">
        <h2 id="andre-formater">{t('openData.otherHeading')}</h2>
        <ul>
          <li>
            {t('openData.hsds')}: <a href={`${base}/api/hsds`} className="break-anywhere"><Ltr>{`${base}/api/hsds`}</Ltr></a>
          </li>
          <li>
            {t('openData.dcat')}: <a href={`${base}/dcat`} className="break-anywhere"><Ltr>{`${base}/dcat`}</Ltr></a>
          </li>
          <li>
            {t('openData.calendar')} <AppLink to="/aktiviteter">{t('openData.toSearch')}</AppLink>
          </li>
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

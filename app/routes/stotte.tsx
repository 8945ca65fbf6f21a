import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { KommuneFilter } from '~/components/kommune-filter';
import { AppLink } from '~/components/link';
import { SchemeCard } from '~/components/scheme-card';
import { kommuneFromUrl, lookupPlaces } from '~/domain/catalogue/places.server';
import { publicSchemes } from '~/domain/support/schemes.server';
import { schemeCounts } from '~/domain/catalogue/page-counts.server';
import { kommuneContactsBySlug, type KommuneContact } from '~/domain/kommune/contact.server';
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
  const [schemes, places, t] = await Promise.all([publicSchemes(locale, kommune), lookupPlaces(), getFixedT(locale, 'support')]);
  const [contacts, activityCounts] = await Promise.all([kommuneContactsBySlug([...new Set(schemes.map((sc) => sc.kommune.slug))]), schemeCounts(schemes.map((sc) => sc.id))]);
  return json({ schemes, contacts, activityCounts, kommune, kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })), title: t('meta.title'), description: await pageDescription(request, 'support') });
}

export default function SupportPage() {
  const { schemes, contacts, activityCounts, kommune, kommuner } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['support', 'catalogue']);
  const groups = kommuner.filter((k) => schemes.some((s) => s.kommune.slug === k.slug));
  return (
    <div className="page narrow">
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <div className="help-box">
        <h2>{t('discreet.title')}</h2>
        <p>{t('discreet.body')}</p>
      </div>
      <KommuneFilter kommuner={kommuner} selected={kommune} action="/stotte" />
      {groups.length === 0 ? <p>{t('none')}</p> : null}
      {groups.map((k) => (
        <section key={k.slug} aria-labelledby={`k-${k.slug}`}>
          <h2 id={`k-${k.slug}`}>{t('inKommune', { kommune: k.name })}</h2>
          {contacts[k.slug] ? <KommuneContactBox contact={contacts[k.slug]} kommune={k.name} /> : null}
          {schemes
            .filter((s) => s.kommune.slug === k.slug)
            .map((s) => (
              <SchemeCard key={s.id} scheme={s}>
                {activityCounts[s.id] ? <p>{t('schemeActivities', { count: activityCounts[s.id] })}</p> : null}
                <p>
                  <AppLink to={`/aktiviteter?kommune=${k.slug}&stotte=1`}>{t('activitiesWithSupport')}</AppLink>
                </p>
              </SchemeCard>
            ))}
        </section>
      ))}
    </div>
  );
}

/** Where families in the kommune ask: what the kommune admin set on its facts page. */
function KommuneContactBox({ contact: c, kommune }: { contact: KommuneContact; kommune: string }) {
  const { t } = useTranslation('support');
  return (
    <div className="help-box">
      <p>
        {t('contact.ask', { kommune })}
        {c.contactName ? (
          <>
            {' '}
            <span lang="nb" dir="auto">
              {c.contactName}
            </span>
          </>
        ) : null}
      </p>
      <ul className="plain-list">
        {c.contactEmail ? (
          <li>
            {t('contact.email')}: <a href={`mailto:${c.contactEmail}`} dir="ltr">{c.contactEmail}</a>
          </li>
        ) : null}
        {c.contactPhone ? (
          <li>
            {t('contact.phone')}: <a href={`tel:${c.contactPhone.replace(/\s/g, '')}`} dir="ltr">{c.contactPhone}</a>
          </li>
        ) : null}
        {c.contactUrl ? (
          <li>
            <a href={c.contactUrl}>{t('contact.url', { kommune })}</a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

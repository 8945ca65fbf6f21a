import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { KommuneFilter } from '~/components/kommune-filter';
import { AppLink } from '~/components/link';
import { bokmal, Ltr, LocalTextBlock, LocalTextInline } from '~/components/local-text';
import { upcomingOpenDays } from '~/domain/catalogue/directory.server';
import { kommuneFromUrl, lookupPlaces } from '~/domain/catalogue/places.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';

export const handle = { i18n: ['common', 'catalogue'] };

// The same for every anonymous visitor in a language: served from the micro-cache for a few seconds.
export const headers = publicPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const kommune = kommuneFromUrl(request.url);
  const locale = await getLocale(request);
  const [days, places, t] = await Promise.all([upcomingOpenDays(locale, { kommuneSlug: kommune }), lookupPlaces(), getFixedT(locale, 'catalogue')]);
  const byDate = new Map<string, { label: string; items: (typeof days[number] & { time: string })[] }>();
  for (const d of days) {
    const key = formatDate(d.startsAt, 'en-CA', { dateStyle: 'short' });
    if (!byDate.has(key)) byDate.set(key, { label: formatDate(d.startsAt, locale, { dateStyle: 'full' }), items: [] });
    byDate.get(key)!.items.push({ ...d, time: `${formatDate(d.startsAt, 'nb', { timeStyle: 'short' })}–${formatDate(d.endsAt, 'nb', { timeStyle: 'short' })}` });
  }
  return json({ dates: [...byDate.entries()].map(([key, v]) => ({ key, ...v })), kommune, kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })), title: t('openDays.metaTitle'), description: await pageDescription(request, 'openDays') });
}

export default function OpenDaysPage() {
  const { dates, kommune, kommuner } = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalogue');
  return (
    <div className="page narrow">
      <h1>{t('openDays.title')}</h1>
      <p className="lead">{t('openDays.lead')}</p>
      <KommuneFilter kommuner={kommuner} selected={kommune} action="/apne-dager" />
      {dates.length === 0 ? <p>{t('openDays.none')}</p> : null}
      {dates.map((d) => (
        <section key={d.key} aria-labelledby={`d-${d.key}`}>
          <h2 id={`d-${d.key}`}>{d.label}</h2>
          <ul className="plain-list open-days">
            {d.items.map((o) => (
              <li key={o.id}>
                <strong>
                  <Ltr>{o.time}</Ltr>
                </strong>{' '}
                <span className="tag">{t(`openDays.kind.${o.kind}`)}</span>{' '}
                <AppLink to={`/aktiviteter/${o.activitySlug}`}><LocalTextInline value={o.texts.title} /></AppLink>
                <br />
                <LocalTextInline value={bokmal(o.organisation)} /> · <LocalTextInline value={bokmal([o.venue, o.place, o.kommune].filter(Boolean).join(', '))} />
                <LocalTextBlock value={o.texts.description} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

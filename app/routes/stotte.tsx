import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Money } from '~/components/activity-bits';
import { KommuneFilter } from '~/components/kommune-filter';
import { AppLink } from '~/components/link';
import { LocalTextBlock, LocalTextInline } from '~/components/local-text';
import { kommuneFromUrl, lookupPlaces } from '~/domain/catalogue/places.server';
import { publicSchemes } from '~/domain/support/schemes.server';
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
  return json({ schemes, kommune, kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })), title: t('meta.title'), description: await pageDescription(request, 'support') });
}

export default function SupportPage() {
  const { schemes, kommune, kommuner } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['support', 'catalogue']);
  const { t: tc } = useTranslation('catalogue');
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
          {schemes
            .filter((s) => s.kommune.slug === k.slug)
            .map((s) => (
              <article key={s.id} id={`ordning-${s.slug}`} className="scheme-card">
                <h3>
                  <LocalTextInline value={s.texts.name} />
                </h3>
                <p className="eyebrow">{t(`catalogue:schemeKind.${s.kind}`)}</p>
                <LocalTextBlock value={s.texts.description} />
                <dl className="facts facts--wide">
                  <div>
                    <dt>{t('whoCanGet')}</dt>
                    <dd>
                      <LocalTextBlock value={s.texts.whoCanGet} as="span" />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('covers')}</dt>
                    <dd>{s.covers.map((c) => t(`catalogue:costKind.${c}`)).join(', ')}</dd>
                  </div>
                  <div>
                    <dt>{t('amount')}</dt>
                    <dd>{s.maxAmountOre === null ? t('wholeCost') : <>{t('upTo')} <Money ore={s.maxAmountOre} t={tc} /></>}</dd>
                  </div>
                  <div>
                    <dt>{t('howToApply')}</dt>
                    <dd>
                      <LocalTextBlock value={s.texts.howToApply} as="span" />
                    </dd>
                  </div>
                </dl>
                {s.discreetViaGuide ? <p className="hint">{t('viaGuide')}</p> : null}
                <p>
                  <AppLink to={`/aktiviteter?kommune=${k.slug}&stotte=1`}>{t('activitiesWithSupport')}</AppLink>
                </p>
              </article>
            ))}
        </section>
      ))}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

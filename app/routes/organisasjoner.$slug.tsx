import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AgeRange, TotalCost } from '~/components/activity-bits';
import { CategoryIcon } from '~/components/category-icon';
import { AppLink } from '~/components/link';
import { bokmal, LocalTextBlock, LocalTextInline } from '~/components/local-text';
import { getPublicOrganisation } from '~/domain/catalogue/activity.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';

export const handle = { i18n: ['common', 'catalogue'] };

// The same for every anonymous visitor in a language: served from the micro-cache for a few seconds.
export const headers = publicPageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const organisation = await getPublicOrganisation(params.slug ?? '', locale);
  if (!organisation) throw new Response('Not found', { status: 404 });
  return json({ organisation, description: await pageDescription(request, 'organisation', { name: organisation.name, kommune: organisation.kommune }) });
}

export default function OrganisationPage() {
  const { organisation: o } = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalogue');
  const tc = t;
  return (
    <div className="page narrow">
      <p className="eyebrow">
        {t(`organisationKind.${o.kind}`)} · {o.kommune}
      </p>
      <h1>
        <LocalTextInline value={bokmal(o.name)} />
      </h1>
      <LocalTextBlock value={o.description} />
      <p>
        {o.contactEmail ? (
          <a href={`mailto:${o.contactEmail}`} dir="ltr">
            {o.contactEmail}
          </a>
        ) : null}
        {o.contactPhone ? (
          <>
            {' · '}
            <a href={`tel:${o.contactPhone.replace(/\s/g, '')}`} dir="ltr">
              {o.contactPhone}
            </a>
          </>
        ) : null}
      </p>
      <h2>{t('organisation.activities', { count: o.activities.length })}</h2>
      <ul className="result-list">
        {o.activities.map((a) => (
          <li key={a.id} className="result-card">
            <h3 className="result-card__title">
              <CategoryIcon category={a.category} /> <AppLink to={`/aktiviteter/${a.slug}`}><LocalTextInline value={a.texts.title} /></AppLink>
            </h3>
            <p>
              <AgeRange min={a.ageMin} max={a.ageMax} t={tc} /> · <TotalCost ore={a.totalCostPerYearOre} t={tc} />
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? publicMeta(args, { title: args.data.organisation.name, description: args.data.description }) : []);

export const ErrorBoundary = RouteErrorBoundary;

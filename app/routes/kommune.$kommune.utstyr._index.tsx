import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { OpeningHoursList } from '~/components/opening-hours';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { kommuneLenders } from '~/domain/kommune/lenders.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'support'] };

// The kommune's own equipment lenders, each with its opening hours in the reader's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:lenders:own-kommune', { kommuneId: k.id });
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'support');
  const lenders = (await kommuneLenders(k.id, locale)).map((l) => ({ id: l.id, name: l.name, address: l.address, hours: l.hours, items: l.items.length }));
  return json({ kommune: { name: k.name, slug: k.slug }, lenders, title: t('lenderEditor.listTitle', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function KommuneLenders() {
  const { kommune, lenders, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation('support');
  return (
    <div className="page narrow">
      <h1>{title}</h1>
      <p>
        <AppLink to={`/kommune/${kommune.slug}/utstyr/ny`}>{t('lenderEditor.new')}</AppLink>
      </p>
      {lenders.length ? (
        <ul className="list">
          {lenders.map((l) => (
            <li key={l.id}>
              <AppLink to={`/kommune/${kommune.slug}/utstyr/${l.id}`} lang="nb">
                {l.name}
              </AppLink>
              <br />
              <span lang="nb">{l.address}</span> · {t('lenderEditor.itemCount', { count: l.items })}
              {l.hours.length ? (
                <OpeningHoursList days={l.hours} />
              ) : (
                <p>{t('lenders.noHours')}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('lenderEditor.none')}</p>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

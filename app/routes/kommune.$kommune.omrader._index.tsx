import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { kommuneAreas } from '~/domain/kommune/areas.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'areas'] };

// The kommune's own areas, with how many activities and venues use each (what a merge would move).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:areas:own-kommune', { kommuneId: k.id });
  const t = await getFixedT(await getLocale(request), 'areas');
  const areas = (await kommuneAreas(k.id)).map((a) => ({ id: a.id, name: a.name, kind: a.kind, activities: a.activities, venues: a.venues }));
  return json({ kommune: { name: k.name, slug: k.slug }, areas, title: t('list.title', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function KommuneAreas() {
  const { kommune, areas, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation('areas');
  return (
    <div className="page">
      <h1>{title}</h1>
      <p>{t('list.lead')}</p>
      <p>
        <AppLink to={`/kommune/${kommune.slug}/omrader/ny`}>{t('list.new')}</AppLink>
      </p>
      {areas.length ? (
        <table className="data-table stack-table">
          <thead>
            <tr>
              <th scope="col">{t('list.name')}</th>
              <th scope="col">{t('list.kind')}</th>
              <th scope="col">{t('list.activities')}</th>
              <th scope="col">{t('list.venues')}</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <th scope="row" data-label={t('list.name')}>
                  <AppLink to={`/kommune/${kommune.slug}/omrader/${a.id}`} lang="nb">
                    {a.name}
                  </AppLink>
                </th>
                <td data-label={t('list.kind')}>{t(`kind.${a.kind}`)}</td>
                <td data-label={t('list.activities')}>{a.activities}</td>
                <td data-label={t('list.venues')}>{a.venues}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('list.none')}</p>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Money } from '~/components/activity-bits';
import { AppLink } from '~/components/link';
import { getOrganisation } from '~/domain/club/organisations.server';
import { clubSettlements } from '~/domain/support/grants.server';
import { idParam } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club', 'catalogue'] };

/** What the kommune pays the club: one total per period, never per child. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'read:settlement:own-organisation', { organisationId: orgId });
  const org = await getOrganisation(orgId);
  if (!org) throw new Response('Not found', { status: 404 });
  return json({ organisation: { id: org.id, name: org.name }, settlements: await clubSettlements(orgId) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function Settlements() {
  const { organisation, settlements } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['club', 'catalogue']);
  const tc = useTranslation('catalogue').t;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={`/klubb/${organisation.id}`}>{t('editor.back', { organisation: organisation.name })}</AppLink>
      </p>
      <h1>{t('settlement.title')}</h1>
      <p>{t('settlement.lead')}</p>
      {settlements.length === 0 ? <p>{t('settlement.none')}</p> : null}
      {/* No table at all when there is nothing: a header row alone reads as a list that failed to load. */}
      {settlements.length ? (
        <table className="data-table stack-table">
          <caption className="visually-hidden">{t('settlement.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settlement.period')}</th>
              <th scope="col">{t('settlement.total')}</th>
            </tr>
          </thead>
          <tbody>
            {settlements.map((x) => (
              <tr key={x.period}>
                <td data-label={t('settlement.period')}>
                  <span dir="ltr" className="period-code">
                    {x.period}
                  </span>
                </td>
                <td data-label={t('settlement.total')}>
                  <Money ore={x.totalOre} t={tc} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

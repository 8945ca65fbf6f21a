import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { kommuneSchemes } from '~/domain/support/scheme-editor.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'support', 'catalogue'] };

// The kommune's own support schemes: drafts and published, each with its validity and the languages
// still missing a translation.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:support:own-kommune', { kommuneId: k.id });
  const t = await getFixedT(await getLocale(request), 'support');
  const schemes = (await kommuneSchemes(k.id)).map((r) => ({
    id: r.id, name: r.name, kind: r.kind, published: Boolean(r.publishedAt), validFrom: r.validFrom, validTo: r.validTo, missing: r.missing,
  }));
  return json({ kommune: { name: k.name, slug: k.slug }, schemes, title: t('schemeEditor.listTitle', { kommune: k.name }) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function KommuneSchemes() {
  const { kommune, schemes } = useLoaderData<typeof loader>();
  const { t } = useTranslation('support');
  const { t: tc } = useTranslation('catalogue');
  return (
    <div className="page">
      <h1>{t('schemeEditor.listTitle', { kommune: kommune.name })}</h1>
      <p>
        <AppLink to={`/kommune/${kommune.slug}/stotte/ny`}>{t('schemeEditor.new')}</AppLink>
      </p>
      {schemes.length ? (
        <ul className="list">
          {schemes.map((sc) => (
            <li key={sc.id}>
              <AppLink to={`/kommune/${kommune.slug}/stotte/${sc.id}`} lang="nb">
                {sc.name}
              </AppLink>{' '}
              · {tc(`schemeKind.${sc.kind}`)} · {sc.published ? t('schemeEditor.published') : t('schemeEditor.draft')}
              {sc.validFrom || sc.validTo ? <> · {t('schemeEditor.period', { from: sc.validFrom ?? '…', to: sc.validTo ?? '…' })}</> : null}
              <br />
              {sc.missing.length ? t('schemeEditor.missing', { languages: sc.missing.map((l) => tc(`languageName.${l}`)).join(', ') }) : t('schemeEditor.complete')}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('schemeEditor.none')}</p>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

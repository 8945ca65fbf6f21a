import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { SchemeCard } from '~/components/scheme-card';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { previewScheme } from '~/domain/support/scheme-editor.server';
import { directionOf, languageNames, languages } from '~/i18n';
import { getFixedT, getLocale } from '~/i18n.server';
import { idParam } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'catalogue', 'support'] };

// The scheme as families will read it on /stotte, in any language (`?sprak=so`), draft or published:
// the same card, through the same localisation, so what the admin checks is what families get.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:support:own-kommune', { kommuneId: k.id });
  const locale = await getLocale(request);
  const requested = new URL(request.url).searchParams.get('sprak');
  const language = languages.find((l) => l === requested) ?? locale;
  const scheme = await previewScheme(k.id, idParam(params.id), language);
  if (!scheme) throw new Response('Not found', { status: 404 });
  const t = await getFixedT(locale, 'support');
  return json(
    {
      kommune: { slug: k.slug, name: k.name },
      language,
      scheme: { ...scheme, publishedAt: scheme.publishedAt?.toISOString() ?? null },
      title: t('schemePreview.title', { name: scheme.texts.name.text }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function SchemePreview() {
  const { kommune, language, scheme } = useLoaderData<typeof loader>();
  const { t } = useTranslation('support');
  const base = `/kommune/${kommune.slug}/stotte/${scheme.id}`;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={base}>{t('schemeTranslate.back')}</AppLink>
      </p>
      <h1>{t('schemePreview.heading')}</h1>
      <p className={scheme.publishedAt ? undefined : 'notice'}>{scheme.publishedAt ? t('schemePreview.publishedNote') : t('schemePreview.draftNote')}</p>
      <nav aria-label={t('schemePreview.languages')}>
        <ul className="plain-list inline-list">
          {languages.map((l) => (
            <li key={l}>
              <AppLink to={`?sprak=${l}`} aria-current={l === language ? 'page' : undefined}>
                <span lang={l} dir={directionOf(l)}>
                  {languageNames[l]}
                </span>
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="slik-ser-familier" className="preview">
        <h2 id="slik-ser-familier">{t('inKommune', { kommune: kommune.name })}</h2>
        <SchemeCard scheme={scheme} />
      </section>
      <p>
        <AppLink to={`${base}/oversettelse?sprak=${language === 'nb' ? 'en' : language}`}>{t('schemeEditor.translateLink')}</AppLink>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

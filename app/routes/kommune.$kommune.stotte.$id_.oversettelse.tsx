import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { TranslationEditor } from '~/components/translation-editor';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { saveSchemeTranslations, schemeTranslationInput, schemeTranslationLanguages, schemeTranslationOverview, schemeTranslationsOf } from '~/domain/support/scheme-editor.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { idParam, parseForm } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'support'] };

// The kommune admin translates a scheme's texts, one language at a time (`?sprak=so`), and sees for
// every language which texts are still missing. Families read the translation from the next request.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:support:own-kommune', { kommuneId: k.id });
  const overview = await schemeTranslationOverview(k.id, idParam(params.id));
  if (!overview) throw new Response('Not found', { status: 404 });
  const requested = new URL(request.url).searchParams.get('sprak');
  const language = schemeTranslationLanguages.find((l) => l === requested) ?? 'en';
  const t = await getFixedT(await getLocale(request), 'support');
  return json(
    {
      kommune: { slug: k.slug },
      scheme: { id: overview.scheme.id, name: overview.scheme.name },
      language,
      texts: overview.texts,
      status: overview.languages,
      current: await schemeTranslationsOf(overview.scheme.id, language),
      title: t('schemeTranslate.title', { name: overview.scheme.name }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:support:own-kommune', { kommuneId: k.id });
  const id = idParam(params.id);
  const parsed = await parseForm(request, schemeTranslationInput);
  if (!parsed.ok) return parsed.response;
  if (!(await saveSchemeTranslations(k.id, id, parsed.data, u.id))) throw new Response('Not found', { status: 404 });
  return redirectWithFlash(`/kommune/${k.slug}/stotte/${id}/oversettelse?sprak=${parsed.data.language}`, 'support:schemeTranslate.saved');
}

export default function SchemeTranslations() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation('support');
  const label = (field: string) => t(`schemeEditor.${field}`);
  const base = `/kommune/${data.kommune.slug}/stotte/${data.scheme.id}`;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={base}>{t('schemeTranslate.back')}</AppLink>
      </p>
      <h1>
        {t('schemeTranslate.heading')}: <span lang="nb" dir="ltr">{data.scheme.name}</span>
      </h1>
      <p>{t('schemeTranslate.lead')}</p>
      <TranslationEditor
        language={data.language}
        status={data.status}
        texts={data.texts}
        current={data.current}
        actionData={actionData}
        label={label}
        multiline={(field) => field !== 'name'}
        words={{
          languages: t('schemeTranslate.languages'),
          complete: t('schemeTranslate.complete'),
          missing: t('schemeTranslate.missing'),
          original: t('schemeTranslate.original'),
          missingMark: t('schemeTranslate.missingMark'),
          save: t('schemeTranslate.save'),
        }}
      />
      <p>
        <AppLink to={`${base}/forhandsvis?sprak=${data.language}`}>{t('schemeEditor.previewLink')}</AppLink>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

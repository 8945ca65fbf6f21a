import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { saveSchemeTranslations, schemeTranslationInput, schemeTranslationLanguages, schemeTranslationOverview, schemeTranslationsOf } from '~/domain/support/scheme-editor.server';
import { directionOf, languageNames } from '~/i18n';
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
  const dir = directionOf(data.language);
  const label = (field: string) => t(`schemeEditor.${field}`);
  const missingHere = data.status.find((s) => s.language === data.language)?.missing ?? [];
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
      <nav aria-label={t('schemeTranslate.languages')}>
        <ul className="plain-list translation-status">
          {data.status.map((s) => (
            <li key={s.language}>
              <AppLink to={`?sprak=${s.language}`} aria-current={s.language === data.language ? 'page' : undefined}>
                <span lang={s.language} dir={directionOf(s.language)}>
                  {languageNames[s.language]}
                </span>
              </AppLink>{' '}
              {s.missing.length === 0 ? (
                <span className="tag tag--done">{t('schemeTranslate.complete')}</span>
              ) : (
                <span className="translation-status__which">
                  {t('schemeTranslate.missing')}: {s.missing.map(label).join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="language" value={data.language} />
        <h2>
          <span lang={data.language} dir={dir}>
            {languageNames[data.language]}
          </span>
        </h2>
        {data.texts.map((x) => (
          <div key={x.field} className="translation-field">
            <p className="hint">
              {label(x.field)} ({t('schemeTranslate.original')}):{' '}
              <span lang="nb" dir="ltr">
                {x.original}
              </span>{' '}
              {missingHere.includes(x.field) ? <span className="tag tag--missing">{t('schemeTranslate.missingMark')}</span> : null}
            </p>
            <Field
              name={x.field}
              as={x.field === 'name' ? 'input' : 'textarea'}
              label={label(x.field)}
              lang={data.language}
              dir={dir}
              error={actionData?.errors?.[x.field]}
              defaultValue={actionData?.values?.[x.field] ?? data.current[x.field] ?? ''}
            />
          </div>
        ))}
        <div>
          <button type="submit">{t('schemeTranslate.save')}</button>
        </div>
      </Form>
      <p>
        <AppLink to={`${base}/forhandsvis?sprak=${data.language}`}>{t('schemeEditor.previewLink')}</AppLink>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

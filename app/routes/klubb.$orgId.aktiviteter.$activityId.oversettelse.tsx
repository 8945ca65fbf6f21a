import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { editorData, saveTranslations, translationInput, translationsOf } from '~/domain/club/activities.server';
import { translatableFields } from '~/domain/catalogue/taxonomy';
import { directionOf, languageNames, languages, type Language } from '~/i18n';
import { idParam, parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club', 'catalogue'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  const activityId = idParam(params.activityId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const data = await editorData(orgId, activityId);
  if (!data) throw new Response('Not found', { status: 404 });
  const requested = new URL(request.url).searchParams.get('sprak');
  const language = (languages as readonly string[]).includes(requested ?? '') && requested !== 'nb' ? (requested as Language) : 'en';
  const a = data.activity;
  return json({
    orgId,
    activityId,
    language,
    original: Object.fromEntries(translatableFields.map((f) => [f, a[f]])) as Record<(typeof translatableFields)[number], string>,
    current: await translationsOf(activityId, language),
    status: languages
      .filter((l) => l !== 'nb')
      .map((l) => ({ language: l, done: translatableFields.filter((f) => !a[f] || data.translations.some((tr) => tr.language === l && tr.field === f)).length })),
    fields: translatableFields.length,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const activityId = idParam(params.activityId);
  const u = await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const parsedInput = await parseForm(request, translationInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  if (!(await saveTranslations(orgId, activityId, u.id, input))) throw new Response('Not found', { status: 404 });
  return redirectWithFlash(`/klubb/${orgId}/aktiviteter/${activityId}/oversettelse?sprak=${input.language}`, 'club:translate.saved');
}

export default function Translations() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData() as { errors?: Record<string, string> } | undefined;
  const { t } = useTranslation(['club', 'catalogue']);
  const dir = directionOf(data.language);
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={`/klubb/${data.orgId}/aktiviteter/${data.activityId}`}>{t('translate.back')}</AppLink>
      </p>
      <h1>{t('translate.title')}</h1>
      <nav aria-label={t('translate.languages')}>
        <ul className="plain-list translation-status">
          {data.status.map((s) => (
            <li key={s.language}>
              <AppLink to={`?sprak=${s.language}`} aria-current={s.language === data.language ? 'page' : undefined}>
                <span lang={s.language} dir={directionOf(s.language)}>{languageNames[s.language]}</span>
              </AppLink>{' '}
              {s.done === data.fields ? t('translate.complete') : t('translate.missing', { count: data.fields - s.done })}
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="form">
        <input type="hidden" name="language" value={data.language} />
        <h2>
          <span lang={data.language} dir={dir}>{languageNames[data.language]}</span>
        </h2>
        {translatableFields.map((f) =>
          data.original[f] ? (
            <div key={f}>
              <p className="hint">
                {t(`editor.${f}`)} ({t('translate.original')}): <span lang="nb" dir="ltr">{data.original[f]}</span>
              </p>
              <Field name={f} as={f === 'title' ? 'input' : 'textarea'} label={t(`editor.${f}`)} lang={data.language} dir={dir} defaultValue={data.current[f] ?? ''} />
            </div>
          ) : null,
        )}
        <div>
          <button type="submit">{t('translate.save')}</button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

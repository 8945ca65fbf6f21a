import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { saveTranslations, translationInput, translationOverview, translationsOf } from '~/domain/club/activities.server';
import { directionOf, languageNames, type Language } from '~/i18n';
import { idParam, parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club', 'catalogue'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  const activityId = idParam(params.activityId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const overview = await translationOverview(orgId, activityId);
  if (!overview) throw new Response('Not found', { status: 404 });
  const requested = new URL(request.url).searchParams.get('sprak');
  const targetLanguages = translationInput.shape.language.options;
  const language: Language = (targetLanguages as readonly string[]).includes(requested ?? '') ? (requested as Language) : 'en';
  return json({ orgId, activityId, language, texts: overview.texts, status: overview.languages, current: await translationsOf(activityId, language) });
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

type Text = { key: string; kind: string; original: string; input: string };

export default function Translations() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation(['club', 'catalogue']);
  const dir = directionOf(data.language);
  const missingHere = data.status.find((s) => s.language === data.language)?.missing ?? [];
  const name = (x: Text) => (x.kind === 'equipment' ? t('translate.equipmentItem') : t(`editor.${x.kind}`));
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={`/klubb/${data.orgId}/aktiviteter/${data.activityId}`}>{t('translate.back')}</AppLink>
      </p>
      <h1>{t('translate.title')}</h1>
      <p>{t('translate.lead')}</p>
      <nav aria-label={t('translate.languages')}>
        <ul className="plain-list translation-status">
          {data.status.map((s) => (
            <li key={s.language}>
              <AppLink to={`?sprak=${s.language}`} aria-current={s.language === data.language ? 'page' : undefined}>
                <span lang={s.language} dir={directionOf(s.language)}>{languageNames[s.language]}</span>
              </AppLink>{' '}
              {s.missing.length === 0 ? (
                <span className="tag tag--done">{t('translate.complete')}</span>
              ) : (
                <>
                  <span className="tag tag--missing">{t('translate.missing', { count: s.missing.length })}</span>{' '}
                  <span className="translation-status__which">
                    {data.texts
                      .filter((x) => s.missing.includes(x.key))
                      .map((x, i) => (
                        <span key={x.key}>
                          {i ? ', ' : ''}
                          {x.kind === 'equipment' ? (
                            <span lang="nb" dir="ltr">
                              {x.original}
                            </span>
                          ) : (
                            t(`editor.${x.kind}`)
                          )}
                        </span>
                      ))}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary errors={actionData?.errors} />
      <Form key={data.language} method="post" className="form">
        <input type="hidden" name="language" value={data.language} />
        <h2>
          <span lang={data.language} dir={dir}>{languageNames[data.language]}</span>
        </h2>
        {data.texts.map((x) => (
          <div key={x.key} className="translation-field">
            <p className="hint">
              {name(x)} ({t('translate.original')}):{' '}
              <span lang="nb" dir="ltr">
                {x.original}
              </span>{' '}
              {missingHere.includes(x.key) ? <span className="tag tag--missing">{t('translate.missingMark')}</span> : null}
            </p>
            <Field
              name={x.input}
              as={x.kind === 'title' || x.kind === 'equipment' ? 'input' : 'textarea'}
              // The item is bokmål inside a label in the page's language: isolated, so it reads right in right-to-left pages.
              label={x.kind === 'equipment' ? `${t('translate.equipmentItem')}: \u2068${x.original}\u2069` : t(`editor.${x.kind}`)}
              lang={data.language}
              dir={dir}
              error={actionData?.errors?.[x.input]}
              defaultValue={actionData?.values?.[x.input] ?? data.current[x.key] ?? ''}
            />
          </div>
        ))}
        <div>
          <button type="submit">{t('translate.save')}</button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

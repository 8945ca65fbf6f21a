import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { TranslationEditor } from '~/components/translation-editor';
import { openDayTranslationInput, openDayTranslationOverview, saveOpenDayTranslations } from '~/domain/club/open-days.server';
import { translationLanguages } from '~/domain/translations.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { idParam, parseForm } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'club'] };

// The club translates an open day's title and text, one language at a time (`?sprak=so`), and sees for
// every language what is still missing. Families read it on /apne-dager and the activity's page at once.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const requested = new URL(request.url).searchParams.get('sprak');
  const language = translationLanguages.find((l) => l === requested) ?? 'en';
  const activityId = idParam(params.activityId);
  const overview = await openDayTranslationOverview(orgId, activityId, idParam(params.openDayId), language);
  if (!overview) throw new Response('Not found', { status: 404 });
  const t = await getFixedT(await getLocale(request), 'club');
  return json(
    {
      base: `/klubb/${orgId}/aktiviteter/${activityId}/apne-dager/${overview.day.id}`,
      day: { title: overview.day.title },
      language,
      texts: overview.texts,
      status: overview.languages,
      current: overview.current,
      title: t('openDays.translateTitle', { title: overview.day.title }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const u = await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const activityId = idParam(params.activityId);
  const id = idParam(params.openDayId);
  const parsed = await parseForm(request, openDayTranslationInput);
  if (!parsed.ok) return parsed.response;
  if (!(await saveOpenDayTranslations(orgId, activityId, id, parsed.data, u.id))) throw new Response('Not found', { status: 404 });
  return redirectWithFlash(`/klubb/${orgId}/aktiviteter/${activityId}/apne-dager/${id}/oversettelse?sprak=${parsed.data.language}`, 'club:openDays.translatedFlash');
}

export default function OpenDayTranslations() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation('club');
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={data.base}>{t('openDays.backToDay')}</AppLink>
      </p>
      <h1>
        {t('openDays.translateHeading')}: <span lang="nb" dir="ltr">{data.day.title}</span>
      </h1>
      <p>{t('openDays.translateLead')}</p>
      <TranslationEditor
        language={data.language}
        status={data.status}
        texts={data.texts}
        current={data.current}
        actionData={actionData}
        label={(field) => t(`openDays.${field}`)}
        multiline={(field) => field === 'description'}
        words={{
          languages: t('translate.languages'),
          complete: t('translate.complete'),
          missing: t('openDays.missing'),
          original: t('translate.original'),
          missingMark: t('translate.missingMark'),
          save: t('translate.save'),
        }}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

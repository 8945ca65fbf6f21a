import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, LinksFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SentenceWithName } from '~/components/local-text';
import { ActivityEditor, type EditorValues } from '~/components/activity-editor';
import { AppLink } from '~/components/link';
import { lix, lixLevel } from '~/domain/catalogue/lix';
import { activityEditorInput, editorChoices, editorData, formToEditorObject, saveActivity } from '~/domain/club/activities.server';
import { translatableFields } from '~/domain/catalogue/taxonomy';
import { languages } from '~/i18n';
import { getFixedT, getLocale } from '~/i18n.server';
import { idParam, nestedFieldErrors, fieldErrorParams } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { formatDate, formatList, formatWeekday } from '~/utils/format';
import editorStyles from '~/styles/editor.css';

export const handle = { i18n: ['common', 'club', 'catalogue'] };
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];

function target(raw: string | undefined) {
  return raw === 'ny' ? null : idParam(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const activityId = target(params.activityId);
  const [choices, t] = await Promise.all([editorChoices(orgId), getLocale(request).then((l) => getFixedT(l, 'club'))]);
  if (!choices) throw new Response('Not found', { status: 404 });
  if (activityId === null) return json({ choices, values: { openForNew: true, leaderLanguages: ['nb'] } as EditorValues, activityId: null, status: null, lix: null, missingTranslations: [] as { language: string; missing: string[] }[], title: t('editor.newTitle') });
  const data = await editorData(orgId, activityId);
  if (!data) throw new Response('Not found', { status: 404 });
  const a = data.activity;
  const values: EditorValues = {
    ...a,
    categoryOther: a.categoryOther ?? '',
    venueId: a.venueId,
    sessions: data.sessions.filter((x) => x.weekday && x.startTime && x.endTime).map((x) => ({ weekday: x.weekday!, start: x.startTime!.slice(0, 5), end: x.endTime!.slice(0, 5) })),
    noSessionDates: data.sessions.filter((x) => x.cancelled && x.date).map((x) => x.date!).join(', '),
    costs: data.costs.map((c) => ({ kind: c.kind, amount: c.amountOre / 100, period: c.period, optional: c.optional, hours: c.hours })),
    equipment: data.equipment.map((e) => ({ item: e.item, required: e.required, source: e.source, lenderId: e.lenderId, price: e.typicalPriceOre === null ? null : e.typicalPriceOre / 100 })),
    schemes: data.support.filter((x) => x.freePlacesPerSeason === 0).map((x) => x.schemeId),
    freePlaces: data.support.reduce((n, x) => n + x.freePlacesPerSeason, 0) || null,
  };
  const score = lix(a.description);
  // Which languages lack which fields, so the club sees what is missing.
  const missingTranslations = languages
    .filter((l) => l !== 'nb')
    .map((language) => ({ language, missing: translatableFields.filter((f) => a[f] && !data.translations.some((tr) => tr.language === language && tr.field === f)) }))
    .filter((x) => x.missing.length) as { language: string; missing: string[] }[];
  return json({ choices, values, activityId, status: a.status, lix: { score, level: lixLevel(score) }, missingTranslations, title: t('editor.editTitle', { title: a.title }) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const u = await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const activityId = target(params.activityId);
  const raw = formToEditorObject(await request.formData());
  const parsed = activityEditorInput.safeParse(raw);
  if (!parsed.success) {
    const groups = ['sessions', 'costs', 'equipment', 'venue'];
    const errorParams = readable(fieldErrorParams(parsed.error, groups), await getLocale(request));
    return json({ errors: nestedFieldErrors(parsed.error, groups), errorParams, values: raw as EditorValues }, { status: 400 });
  }
  const result = await saveActivity(orgId, u.id, parsed.data, activityId ?? undefined);
  if (!result.ok && result.reason === 'invalid') return json({ errors: result.errors, errorParams: {}, values: raw as EditorValues }, { status: 400 });
  if (!result.ok) throw new Response('Not found', { status: 404 });
  return redirectWithFlash(`/klubb/${orgId}/aktiviteter/${result.id}`, 'club:editor.saved');
}

/** A message's values in the reader's words: dates and weekdays are formatted here, on the server, like every date. */
function readable(params: Record<string, Record<string, unknown>>, language: string) {
  const day = (iso: unknown) => formatDate(`${String(iso)}T12:00:00Z`, language);
  return Object.fromEntries(
    Object.entries(params).map(([field, p]) => [
      field,
      {
        ...(typeof p.date === 'string' ? { date: day(p.date) } : {}),
        ...(typeof p.weekday === 'number' ? { weekday: formatWeekday(p.weekday, language) } : {}),
        ...(Array.isArray(p.sessionWeekdays) ? { sessionWeekdays: formatList(p.sessionWeekdays.map((d: number) => formatWeekday(d, language)), language) } : {}),
        ...(typeof p.seasonStart === 'string' ? { seasonStart: day(p.seasonStart) } : {}),
        ...(typeof p.seasonEnd === 'string' ? { seasonEnd: day(p.seasonEnd) } : {}),
      },
    ]),
  ) as Record<string, Record<string, string>>;
}

export default function EditActivity() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(['club', 'common']);
  const { orgId } = { orgId: data.choices.organisation.id };
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={`/klubb/${orgId}`}>{t('editor.back', { organisation: data.choices.organisation.name })}</AppLink>
      </p>
      <h1>{data.activityId ? <SentenceWithName name={data.values.title ?? ''} sentence={(title) => t('editor.editTitle', { title })} /> : data.title}</h1>
      {data.activityId ? (
        <p className="account-nav">
          <span className="status">{t(`activityStatus.${data.status}`)}</span>
          <AppLink to={`/klubb/${orgId}/aktiviteter/${data.activityId}/forhandsvis`}>{t('editor.preview')}</AppLink>
          <AppLink to={`/klubb/${orgId}/aktiviteter/${data.activityId}/oversettelse`}>{t('editor.translations')}</AppLink>
          <AppLink to={`/klubb/${orgId}/aktiviteter/${data.activityId}/apne-dager`}>{t('openDays.link')}</AppLink>
        </p>
      ) : null}
      {data.missingTranslations.length ? (
        <details className="notice">
          <summary>{t('editor.missingTranslations', { count: data.missingTranslations.length })}</summary>
          <ul>
            {data.missingTranslations.map((m) => (
              <li key={m.language}>
                <AppLink to={`/klubb/${orgId}/aktiviteter/${data.activityId}/oversettelse?sprak=${m.language}`}>
                  {t(`catalogue:languageName.${m.language}`)}
                </AppLink>
                : {m.missing.map((f) => t(`editor.${f}`)).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ActivityEditor
        values={(actionData?.values as EditorValues | undefined) ?? data.values}
        choices={data.choices}
        errors={actionData?.errors as Record<string, string> | undefined}
        errorParams={actionData?.errorParams}
        lix={data.lix}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

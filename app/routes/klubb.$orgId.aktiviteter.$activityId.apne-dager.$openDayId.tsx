import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SentenceWithName } from '~/components/local-text';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary, Field } from '~/components/ui/field';
import { deleteOpenDay, openDayForm, openDayInput, openDayKinds, saveOpenDay } from '~/domain/club/open-days.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { fieldErrors, formError, idParam } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'club', 'catalogue'] };

const NEW = 'ny';

const openDayId = (id: string | undefined) => (id === NEW ? null : idParam(id));

async function formOf(orgId: number, activityId: number, id: string | undefined) {
  const form = await openDayForm(orgId, activityId, openDayId(id));
  if (!form) throw new Response('Not found', { status: 404 });
  return form;
}

// One open day or trial session of a club's activity: the form (new with `ny`), and deleting it after
// a question (`?slett`, so it works without JavaScript).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const { activity, day, venues } = await formOf(orgId, idParam(params.activityId), params.openDayId);
  const t = await getFixedT(await getLocale(request), 'club');
  return json(
    {
      orgId,
      activity,
      day,
      venues,
      // From the loader: what a .server module exports is not in the browser's bundle.
      kinds: openDayKinds,
      askDelete: Boolean(day) && new URL(request.url).searchParams.has('slett'),
      title: day ? t('openDays.editTitle', { title: day.title }) : t('openDays.newTitle'),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const u = await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const activityId = idParam(params.activityId);
  const { day } = await formOf(orgId, activityId, params.openDayId);
  const form = await request.formData();
  const list = `/klubb/${orgId}/aktiviteter/${activityId}/apne-dager`;
  if (day && form.get('intent') === 'delete') {
    if (!(await deleteOpenDay(orgId, activityId, day.id, u.id))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(list, 'club:openDays.deletedFlash');
  }
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const parsed = openDayInput.safeParse(values);
  if (!parsed.success) return formError(fieldErrors(parsed.error), values);
  const result = await saveOpenDay(orgId, activityId, parsed.data, u.id, day?.id);
  if (!result.ok) {
    if (result.reason === 'notFound') throw new Response('Not found', { status: 404 });
    return formError(result.errors, values);
  }
  return redirectWithFlash(`${list}/${result.id}`, 'club:openDays.savedFlash');
}

export default function OpenDayEditor() {
  const { orgId, activity, day, venues, kinds, askDelete, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation('club');
  const { t: tc } = useTranslation('catalogue');
  const value = (name: string, stored: string | number | null | undefined) => data?.values?.[name] ?? (stored === null || stored === undefined ? '' : String(stored));
  const list = `/klubb/${orgId}/aktiviteter/${activity.id}/apne-dager`;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={list}>{t('openDays.backToList')}</AppLink>
      </p>
      <h1>{day ? <SentenceWithName name={day.title} sentence={(name) => t('openDays.editTitle', { title: name })} /> : title}</h1>
      {day ? (
        <p>
          <AppLink to={`${list}/${day.id}/oversettelse`}>{t('openDays.translateLink')}</AppLink>
        </p>
      ) : null}
      {askDelete && day ? (
        <section aria-labelledby="slett" className="notice">
          <h2 id="slett">{t('openDays.deleteQuestion')}</h2>
          <p>{t('openDays.deleteExplained')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit">{t('openDays.deleteConfirm')}</button> <AppLink to={`${list}/${day.id}`}>{t('openDays.cancel')}</AppLink>
          </Form>
        </section>
      ) : null}
      <ErrorSummary errors={data?.errors} />
      {/* Keyed by the record: after "new" is saved, the form shows what was stored (the place chosen for it). */}
      <Form key={day?.id ?? 'ny'} method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field
          name="kind"
          as="select"
          label={t('openDays.kind')}
          required
          options={kinds.map((k) => ({ value: k, label: tc(`openDays.kind.${k}`) }))}
          defaultValue={value('kind', day?.kind ?? 'open_day')}
          error={data?.errors?.kind}
        />
        <Field name="title" lang="nb" label={t('openDays.title')} hint={t('openDays.titleHint')} required defaultValue={value('title', day?.title)} error={data?.errors?.title} />
        <Field name="date" type="date" label={t('openDays.date')} hint={t('openDays.dateHint')} required defaultValue={value('date', day?.date)} error={data?.errors?.date} />
        <Field name="start" type="time" label={t('openDays.start')} required defaultValue={value('start', day?.start)} error={data?.errors?.start} />
        <Field name="end" type="time" label={t('openDays.end')} required defaultValue={value('end', day?.end)} error={data?.errors?.end} />
        <Field
          name="venueId"
          as="select"
          label={t('openDays.venue')}
          placeholder={t('openDays.venueSame')}
          options={venues.map((v) => ({ value: String(v.id), label: `${v.name}, ${v.place}` }))}
          defaultValue={value('venueId', day?.venueId)}
          error={data?.errors?.venueId}
        />
        <Field name="description" as="textarea" lang="nb" label={t('openDays.description')} hint={t('openDays.descriptionHint')} defaultValue={value('description', day?.description)} error={data?.errors?.description} />
        <div>
          <button type="submit">{t('openDays.save')}</button>
        </div>
      </Form>
      {day && !askDelete ? (
        <p>
          <AppLink to={`${list}/${day.id}?slett`}>{t('openDays.delete')}</AppLink>
        </p>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

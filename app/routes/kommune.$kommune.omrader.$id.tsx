import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SentenceWithName } from '~/components/local-text';
import { AppLink, useKeepLng } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { CoordinatePicker } from '~/components/map/venue-picker';
import { ErrorSummary, Field, errorKey } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { areaAction, areaEditorView } from '~/domain/kommune/areas.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formError, idParam } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'areas'] };

const NEW = 'ny';

// One area of the kommune: its form (new with `ny`), a merge into another area and a delete. Both ask
// first on a page state of their own (`?slaSammen=<id>`, `?slett`), so they work without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:areas:own-kommune', { kommuneId: k.id });
  const search = new URL(request.url).searchParams;
  const view = await areaEditorView(k.id, params.id === NEW ? null : idParam(params.id), { mergeInto: search.get('slaSammen'), askDelete: search.has('slett') });
  if (!view) throw new Response('Not found', { status: 404 });
  const t = await getFixedT(await getLocale(request), 'areas');
  return json(
    { kommune: { name: k.name, slug: k.slug }, ...view, title: view.area ? t('editor.editTitle', { name: view.area.name }) : t('editor.newTitle') },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:areas:own-kommune', { kommuneId: k.id });
  const id = params.id === NEW ? null : idParam(params.id);
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const result = await areaAction(k.id, id, values, u.id);
  const list = `/kommune/${k.slug}/omrader`;
  if (!result.ok) {
    if (result.reason === 'notFound') throw new Response('Not found', { status: 404 });
    return formError(result.errors, values);
  }
  if (result.done === 'deleted') return redirectWithFlash(list, 'areas:editor.deletedFlash');
  return redirectWithFlash(`${list}/${result.id}`, result.done === 'merged' ? 'areas:editor.mergedFlash' : 'areas:editor.savedFlash');
}

export default function AreaEditor() {
  const { kommune, area, kinds, others, merge, remove, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t, i18n } = useTranslation('areas');
  const { t: tc } = useTranslation('common');
  // A stored coordinate is shown as the hints write numbers: a decimal point in English, a comma elsewhere.
  const decimal = i18n.language === 'en' ? '.' : ',';
  const lng = useKeepLng();
  // The area form shows its own answer beside its fields; a merge or delete the server refused is one notice.
  const intent = data?.values?.intent ?? 'save';
  const saved = intent === 'save' ? data : undefined;
  const refused = intent !== 'save' && data?.errors ? Object.values(data.errors)[0] : undefined;
  const v = saved?.values;
  const value = (name: string, stored: string | number | null | undefined) => v?.[name] ?? (stored === null || stored === undefined ? '' : String(stored).replace('.', decimal));
  const base = `/kommune/${kommune.slug}/omrader`;
  return (
    <div className="page narrow">
      <p>
        <AppLink to={base}>{t('editor.back')}</AppLink>
      </p>
      <h1>{area ? <SentenceWithName name={area.name} sentence={(name) => t('editor.editTitle', { name })} /> : title}</h1>
      {refused ? (
        <p className="notice notice--warning" role="alert">
          {tc(errorKey(refused))}
        </p>
      ) : null}
      {area && merge ? (
        <section aria-labelledby="sla-sammen" className="notice">
          <h2 id="sla-sammen">{t('merge.question', { from: area.name, into: merge.into.name })}</h2>
          <p>{t('merge.willMove', { into: merge.into.name })}</p>
          <ul>
            <li>{t('merge.activities', { count: merge.uses.activities })}</li>
            <li>{t('merge.venues', { count: merge.uses.venues })}</li>
            <li>{t('merge.guides', { count: merge.uses.guides })}</li>
            <li>{t('merge.referrals')}</li>
          </ul>
          <p>{t('merge.thenDeleted', { from: area.name })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="into" value={merge.into.id} />
            <button type="submit">{t('merge.confirm')}</button> <AppLink to={`${base}/${area.id}`}>{t('editor.cancel')}</AppLink>
          </Form>
        </section>
      ) : null}
      {area && remove ? (
        <section aria-labelledby="slett" className="notice">
          <h2 id="slett">{t('delete.question', { name: area.name })}</h2>
          {remove.inUse ? (
            <>
              <p>{t('delete.inUse')}</p>
              <p>
                <AppLink to={`${base}/${area.id}`}>{t('editor.cancel')}</AppLink>
              </p>
            </>
          ) : (
            <Form method="post">
              <p>{t('delete.unused')}</p>
              <input type="hidden" name="intent" value="delete" />
              <button type="submit">{t('delete.confirm')}</button> <AppLink to={`${base}/${area.id}`}>{t('editor.cancel')}</AppLink>
            </Form>
          )}
        </section>
      ) : null}
      <ErrorSummary errors={saved?.errors} />
      <Form key={area?.id ?? 'ny'} method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field name="name" lang="nb" label={t('editor.name')} required defaultValue={value('name', area?.name)} error={saved?.errors?.name} />
        <Field
          name="kind"
          as="select"
          label={t('editor.kind')}
          required
          options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          defaultValue={value('kind', area?.kind)}
          error={saved?.errors?.kind}
        />
        <p className="hint">{t('editor.centreHint')}</p>
        <Field name="lat" inputMode="decimal" label={t('editor.lat')} hint={t('editor.latHint')} required defaultValue={value('lat', area?.lat)} error={saved?.errors?.lat} />
        <Field name="lon" inputMode="decimal" label={t('editor.lon')} hint={t('editor.lonHint')} required defaultValue={value('lon', area?.lon)} error={saved?.errors?.lon} />
        <CoordinatePicker latName="lat" lonName="lon" hint={t('editor.mapHint')} label={t('editor.mapLabel')} start={area ? { lat: area.lat, lon: area.lon } : null} />
        <div>
          <button type="submit">{t('editor.save')}</button>
        </div>
      </Form>
      {area && !merge && !remove ? (
        <>
          {others.length ? (
            <section aria-labelledby="sla-sammen-med">
              <h2 id="sla-sammen-med">{t('merge.title')}</h2>
              <p>{t('merge.lead')}</p>
              <Form method="get" className="form">
                {lng ? <input type="hidden" name="lng" value={lng} /> : null}
                <Field name="slaSammen" as="select" label={t('merge.into')} required options={others.map((o) => ({ value: String(o.id), label: o.name }))} />
                <div>
                  <button type="submit">{t('merge.next')}</button>
                </div>
              </Form>
            </section>
          ) : null}
          <p>
            <AppLink to={`${base}/${area.id}?slett=1`}>{t('delete.link')}</AppLink>
          </p>
        </>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SentenceWithName } from '~/components/local-text';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary, errorKey, Field } from '~/components/ui/field';
import { weekdayName } from '~/domain/catalogue/opening-hours';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import {
  createLender, deleteLender, kommuneLender, kommuneVenues, lenderFormEcho, lenderFormValues, lenderUses, MAX_OPENINGS, parseLenderForm, updateLender,
} from '~/domain/kommune/lenders.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formError, idParam, nestedFieldErrors } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';
import editorStyles from '~/styles/editor.css';

export const handle = { i18n: ['common', 'support'] };
// The opening rows are laid out like the activity editor's repeated rows.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];

const NEW = 'ny';

async function lenderOf(kommuneId: number, id: string | undefined) {
  if (id === NEW) return null;
  const lender = await kommuneLender(kommuneId, idParam(id));
  if (!lender) throw new Response('Not found', { status: 404 });
  return lender;
}

// One lender of the kommune: its form (new with `ny`), and deleting it after a question (`?slett`) that
// says whether clubs' activities or guides' loans still name it, so it works without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:lenders:own-kommune', { kommuneId: k.id });
  const lender = await lenderOf(k.id, params.id);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, 'support');
  const askDelete = Boolean(lender) && new URL(request.url).searchParams.has('slett');
  return json(
    {
      kommune: { name: k.name, slug: k.slug },
      lender,
      venues: await kommuneVenues(k.id),
      // Named on the server, like every date: the browser's Intl could name them otherwise at hydration.
      weekdays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d, locale) })),
      uses: askDelete && lender ? await lenderUses(lender.id) : null,
      // From the loader: a .server module's constants do not reach the browser.
      maxOpenings: MAX_OPENINGS,
      title: lender ? t('lenderEditor.editTitle', { name: lender.name }) : t('lenderEditor.newTitle'),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:lenders:own-kommune', { kommuneId: k.id });
  const lender = await lenderOf(k.id, params.id);
  const form = await request.formData();
  const list = `/kommune/${k.slug}/utstyr`;
  if (lender && form.get('intent') === 'delete') {
    const result = await deleteLender(k.id, lender.id, u.id);
    if (result.ok) return redirectWithFlash(list, 'support:lenderEditor.deletedFlash');
    if ('field' in result) return formError({ [result.field]: result.reason }, {}, 409);
    throw new Response('Not found', { status: 404 });
  }
  const values = lenderFormValues(form);
  const parsed = parseLenderForm(values);
  if (!parsed.success) return formError(nestedFieldErrors(parsed.error, ['hours']), lenderFormEcho(values));
  const result = lender ? await updateLender(k.id, lender.id, parsed.data, u.id) : await createLender(k.id, parsed.data, u.id);
  if (!result.ok) {
    if ('field' in result) return formError({ [result.field]: result.reason }, lenderFormEcho(values));
    throw new Response('Not found', { status: 404 });
  }
  return redirectWithFlash(`${list}/${result.id}`, 'support:lenderEditor.savedFlash');
}

const hhmm = (v: string | undefined) => (v ? v.slice(0, 5) : '');
const decimal = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));

export default function LenderEditor() {
  const { kommune, lender, venues, weekdays, uses, title, maxOpenings } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation('support');
  const { t: tc } = useTranslation('common');
  const v = data?.values;
  const errors = data?.errors;
  const value = (name: string, stored: string | null | undefined) => v?.[name] ?? stored ?? '';
  const base = `/kommune/${kommune.slug}/utstyr`;
  // The saved openings (or those sent back with errors) and blank rows to add more, up to the limit.
  const sentRows = v ? Math.max(0, ...Object.keys(v).flatMap((key) => (/^hours\.(\d+)\./.exec(key) ? [Number(/^hours\.(\d+)\./.exec(key)![1]) + 1] : []))) : 0;
  const stored = lender?.hours ?? [];
  const rows = Math.min(maxOpenings, Math.max(v ? sentRows : stored.length, 0) + 2);
  const row = (i: number, f: 'weekday' | 'opens' | 'closes') => {
    if (v) return v[`hours.${i}.${f}`] ?? '';
    const h = stored[i];
    if (!h) return '';
    return f === 'weekday' ? String(h.weekday) : hhmm(f === 'opens' ? h.opensAt : h.closesAt);
  };
  const message = (name: string) => (errors?.[name] ? tc(errorKey(errors[name])) : undefined);
  // In the summary an opening's error names its row and field ("Åpning 2 – Stenger: …"), so it reads on its own.
  const summary = Object.fromEntries(
    Object.keys(errors ?? {}).flatMap((name) => {
      const m = /^hours\.(\d+)\.(weekday|opens|closes)$/.exec(name);
      if (!m) return [];
      const field = t('lenderEditor.rowField', { row: t('lenderEditor.openingRow', { n: Number(m[1]) + 1 }), field: t(`lenderEditor.${m[2]}`) });
      return [[name, tc('errors.withField', { field, message: message(name) })]];
    }),
  ) as Record<string, string>;
  const cell = (i: number, f: 'weekday' | 'opens' | 'closes') => {
    const name = `hours.${i}.${f}`;
    const id = `field-${name}`;
    const wire = { id, name, 'aria-invalid': errors?.[name] ? true : undefined, 'aria-describedby': errors?.[name] ? `${id}-error` : undefined };
    return (
      <div className={`field${errors?.[name] ? ' field--error' : ''}`}>
        <label htmlFor={id}>{t(`lenderEditor.${f}`)}</label>
        {errors?.[name] ? (
          <span id={`${id}-error`} className="field__error">
            {message(name)}
          </span>
        ) : null}
        {f === 'weekday' ? (
          <select {...wire} defaultValue={row(i, f)}>
            <option value="">—</option>
            {weekdays.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        ) : (
          <input type="time" dir="ltr" {...wire} defaultValue={row(i, f)} />
        )}
      </div>
    );
  };
  return (
    <div className="page narrow">
      <p>
        <AppLink to={base}>{t('lenderEditor.back')}</AppLink>
      </p>
      <h1>{lender ? <SentenceWithName name={lender.name} sentence={(name) => t('lenderEditor.editTitle', { name })} /> : title}</h1>
      {uses && lender ? (
        <section aria-labelledby="slett" className="notice">
          <h2 id="slett">{t('lenderEditor.deleteQuestion')}</h2>
          {uses.activities || uses.loans ? (
            <>
              <p>{t('lenderEditor.inUse', { activities: uses.activities, loans: uses.loans })}</p>
              <p>
                <AppLink to={`${base}/${lender.id}`}>{t('lenderEditor.cancel')}</AppLink>
              </p>
            </>
          ) : (
            <Form method="post">
              <p>{t('lenderEditor.deleteLead')}</p>
              <input type="hidden" name="intent" value="delete" />
              <button type="submit">{t('lenderEditor.deleteConfirm')}</button> <AppLink to={`${base}/${lender.id}`}>{t('lenderEditor.cancel')}</AppLink>
            </Form>
          )}
        </section>
      ) : null}
      <ErrorSummary errors={errors} messages={summary} />
      {errors?.form ? (
        <p id="field-form" className="field__error">
          {message('form')}
        </p>
      ) : null}
      <Form key={lender?.id ?? 'ny'} method="post" className="form editor" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field name="name" lang="nb" label={t('lenderEditor.name')} required defaultValue={value('name', lender?.name)} error={errors?.name} />
        <Field name="address" lang="nb" label={t('lenderEditor.address')} required defaultValue={value('address', lender?.address)} error={errors?.address} />
        <Field name="lat" inputMode="decimal" dir="ltr" label={t('lenderEditor.lat')} hint={t('lenderEditor.coordinatesHint')} required defaultValue={value('lat', decimal(lender?.lat))} error={errors?.lat} />
        <Field name="lon" inputMode="decimal" dir="ltr" label={t('lenderEditor.lon')} required defaultValue={value('lon', decimal(lender?.lon))} error={errors?.lon} />
        <Field
          name="venueId"
          as="select"
          label={t('lenderEditor.venue')}
          hint={t('lenderEditor.venueHint')}
          placeholder={t('lenderEditor.noVenue')}
          options={venues.map((x) => ({ value: String(x.id), label: `${x.name}, ${x.place}` }))}
          defaultValue={value('venueId', lender?.venueId ? String(lender.venueId) : '')}
          error={errors?.venueId}
        />
        <Field
          name="items"
          as="textarea"
          lang="nb"
          label={t('lenderEditor.items')}
          hint={t('lenderEditor.itemsHint')}
          defaultValue={value('items', lender?.items.join('\n'))}
          error={errors?.items}
        />
        <fieldset className="editor-rows" id="field-hours" aria-describedby={errors?.hours ? 'field-hours-error' : undefined}>
          <legend>{t('lenderEditor.hours')}</legend>
          <p className="hint">{t('lenderEditor.hoursHint')}</p>
          {errors?.hours ? (
            <p id="field-hours-error" className="field__error">
              {message('hours')}
            </p>
          ) : null}
          {Object.keys(errors ?? {}).some((k) => k.startsWith('hours.')) ? <p className="field__error">{t('lenderEditor.rowProblem')}</p> : null}
          {Array.from({ length: rows }, (_, i) => (
            <fieldset key={i} className="editor-row">
              <legend>{t('lenderEditor.openingRow', { n: i + 1 })}</legend>
              {cell(i, 'weekday')}
              {cell(i, 'opens')}
              {cell(i, 'closes')}
            </fieldset>
          ))}
        </fieldset>
        <Field name="url" type="url" label={t('lenderEditor.url')} hint={t('lenderEditor.urlHint')} defaultValue={value('url', lender?.url)} error={errors?.url} />
        <Field name="contactEmail" type="email" label={t('lenderEditor.contactEmail')} defaultValue={value('contactEmail', lender?.contactEmail)} error={errors?.contactEmail} />
        <Field name="contactPhone" type="tel" label={t('lenderEditor.contactPhone')} defaultValue={value('contactPhone', lender?.contactPhone)} error={errors?.contactPhone} />
        <div>
          <button type="submit">{t('lenderEditor.save')}</button>
        </div>
      </Form>
      {lender && !uses ? (
        <p>
          <AppLink to={`${base}/${lender.id}?slett=1`}>{t('lenderEditor.delete')}</AppLink>
        </p>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

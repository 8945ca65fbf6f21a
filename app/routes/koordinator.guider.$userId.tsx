import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field, errorKey } from '~/components/ui/field';
import { categories, leaderLanguages } from '~/domain/catalogue/taxonomy';
import { formToGuideProfile, getGuide, guideProfileInput, kommuneAreas, updateGuideProfile } from '~/domain/referral/guides.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { fieldErrors, uuidParam } from '~/utils/forms.server';
import { requireKommunePermission, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'guides', 'catalogue'] };

const noStore = { 'Cache-Control': 'private, no-store' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = uuidParam(params.userId);
  const { kommuneId } = await requireKommunePermission(request, 'manage:guide:own-kommune');
  const guide = await getGuide(kommuneId, userId);
  if (!guide) throw new Response('Not found', { status: 404 });
  const [areas, t] = await Promise.all([kommuneAreas(kommuneId), getLocale(request).then((l) => getFixedT(l, 'guides'))]);
  return json({ guide, areas, title: t('edit.title', { name: guide.name }) }, { headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const userId = uuidParam(params.userId);
  const { user, kommuneId } = await requireKommunePermission(request, 'manage:guide:own-kommune');
  if (!(await getGuide(kommuneId, userId))) throw new Response('Not found', { status: 404 });
  const form = await request.formData();
  const { values, input } = formToGuideProfile(form);
  // The checkbox groups come back as lists, so a form with errors keeps what was ticked.
  const kept = { ...values, languages: input.languages, areaIds: input.areaIds, interests: input.interests };
  const parsed = guideProfileInput.safeParse(input);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values: kept }, { status: 400, headers: noStore });
  const result = await updateGuideProfile(kommuneId, userId, parsed.data, user.id);
  if (!result.ok && 'notFound' in result) throw new Response('Not found', { status: 404 });
  if (!result.ok) return json({ errors: result.errors, values: kept }, { status: 400, headers: noStore });
  return redirectWithFlash('/koordinator/guider', 'guides:list.saved');
}

type Values = Record<string, string> & { languages?: string[]; areaIds?: string[]; interests?: string[] };

export default function GuideProfile() {
  const { guide, areas } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(['guides', 'catalogue']);
  const errors = (data as { errors?: Record<string, string> } | undefined)?.errors;
  const sent = (data as { values?: Values } | undefined)?.values;
  const p = guide.profile;
  // After a failed save the form shows what was sent; otherwise the stored profile.
  const v = sent ?? {
    capacity: String(p.capacity), gender: p.gender ?? '', politiattestVerifiedAt: p.politiattestVerifiedAt, confidentialitySignedAt: p.confidentialitySignedAt,
    active: p.active ? 'on' : '', volunteer: p.volunteer ? 'on' : '', languages: p.languages, areaIds: p.areaIds.map(String), interests: p.interests,
  };
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to="/koordinator/guider">{t('edit.back')}</AppLink>
      </p>
      <h1>{t('edit.title', { name: guide.name })}</h1>
      <p>{t('edit.load', { count: guide.load })}</p>
      {guide.problems.length ? (
        <div className="notice notice--warning">
          <p>{t('edit.problems')}</p>
          <ul>
            {guide.problems.map((problem) => (
              <li key={problem}>{t(`problem.${problem}`)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice">{t('edit.ready')}</p>
      )}
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <fieldset>
          <legend>{t('edit.status')}</legend>
          <div className="checks">
            <label>
              <input type="checkbox" name="active" defaultChecked={Boolean(v.active)} /> {t('edit.active')}
            </label>
            <label>
              <input type="checkbox" name="volunteer" defaultChecked={Boolean(v.volunteer)} /> {t('edit.volunteer')}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('edit.checks')}</legend>
          <Field name="politiattestVerifiedAt" type="date" label={t('edit.politiattest')} hint={t('edit.politiattestHint')} defaultValue={v.politiattestVerifiedAt} error={errors?.politiattestVerifiedAt} />
          <Field name="confidentialitySignedAt" type="date" label={t('edit.confidentiality')} hint={t('edit.confidentialityHint')} defaultValue={v.confidentialitySignedAt} error={errors?.confidentialitySignedAt} />
        </fieldset>
        <fieldset>
          <legend>{t('edit.matching')}</legend>
          <CheckGroup name="languages" legend={t('edit.languages')} error={errors?.languages} checked={v.languages} options={leaderLanguages.map((l) => ({ value: l, label: t(`catalogue:languageName.${l}`) }))} />
          {areas.length ? (
            <CheckGroup name="areaIds" legend={t('edit.areas')} error={errors?.areaIds} checked={v.areaIds} options={areas.map((a) => ({ value: String(a.id), label: a.name }))} />
          ) : (
            <p>{t('edit.noAreas')}</p>
          )}
          <CheckGroup name="interests" legend={t('edit.interests')} error={errors?.interests} checked={v.interests} options={categories.map((c) => ({ value: c, label: t(`catalogue:category.${c}`) }))} />
          <Field name="capacity" type="number" inputMode="numeric" label={t('edit.capacity')} hint={t('edit.capacityHint')} required defaultValue={v.capacity} error={errors?.capacity} />
          <div className={`field${errors?.gender ? ' field--error' : ''}`}>
            <label htmlFor="field-gender">{t('edit.gender')}</label>
            <span id="field-gender-hint" className="hint">
              {t('edit.genderHint')}
            </span>
            <select id="field-gender" name="gender" defaultValue={v.gender ?? ''} aria-describedby="field-gender-hint">
              <option value="">{t('edit.genderNone')}</option>
              {(['female', 'male', 'other'] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`edit.${g}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <div>
          <button type="submit">{t('edit.save')}</button>
        </div>
      </Form>
    </div>
  );
}

/** A group of checkboxes with one legend and one error; the fieldset carries the id the error summary links to. */
function CheckGroup({ name, legend, options, checked = [], error }: { name: string; legend: string; options: { value: string; label: string }[]; checked?: string[]; error?: string }) {
  const { t } = useTranslation('common');
  return (
    <fieldset id={`field-${name}`} className={`checks${error ? ' field--error' : ''}`} aria-describedby={error ? `field-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <span id={`field-${name}-error`} className="field__error">
          {t(errorKey(error))}
        </span>
      ) : null}
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

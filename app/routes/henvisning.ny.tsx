import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { LanguageSelect } from '~/components/ui/form-bits';
import { lookupPlaces } from '~/domain/catalogue/places.server';
import { categories, leaderLanguages } from '~/domain/catalogue/taxonomy';
import { consentClubOptions, referChild, referralInput } from '~/domain/referral/referral.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { fieldErrors } from '~/utils/forms.server';
import { redirectWithFlash, requireKommunePermission } from '~/utils/session.server';
import { osloDate } from '~/utils/dates';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral', 'catalogue'] };

const needs = ['economy', 'equipment', 'transport', 'company', 'language', 'adaptation', 'information'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { kommuneId } = await requireKommunePermission(request, 'create:referral:own-kommune');
  const [places, clubs, t] = await Promise.all([lookupPlaces(), consentClubOptions(kommuneId), getLocale(request).then((l) => getFixedT(l, 'referral'))]);
  return json({ areas: places.areas.filter((a) => a.kommuneId === kommuneId).map(({ id, name }) => ({ id, name })), clubs, today: osloDate(new Date()), title: t('new.title') });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, kommuneId } = await requireKommunePermission(request, 'create:referral:own-kommune');
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  // The checkbox groups, kept whole so a form sent back with errors keeps every box ticked.
  const lists = Object.fromEntries(['homeLanguages', 'interests', 'weekdays', 'needs', 'consentClubs'].map((k) => [k, form.getAll(k).map(String)]));
  const parsed = referralInput.safeParse({
    ...values,
    ...lists,
    wishes: values.wishGender ? { gender: values.wishGender } : {},
    areaId: values.areaId || undefined,
  });
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values, lists }, { status: 400 });
  const result = await referChild({ userId: user.id, kommuneId }, parsed.data);
  if (!result.ok) return json({ errors: { [result.field]: result.error }, values, lists }, { status: 400 });
  return redirectWithFlash('/henvisninger', 'referral:mine.created');
}

export default function NewReferral() {
  const { areas, clubs, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(['referral', 'catalogue']);
  const errors = data?.errors as Record<string, string> | undefined;
  const v = (data?.values ?? {}) as Record<string, string>;
  const lists = (data?.lists ?? {}) as Record<string, string[] | undefined>;
  const ticked = (list: string, value: string | number) => lists[list]?.includes(String(value)) ?? false;
  return (
    <div className="page narrow">
      <h1>{t('new.title')}</h1>
      <p>{t('new.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <fieldset>
          <legend>{t('new.child')}</legend>
          <Field name="childFirstName" label={t('new.childFirstName')} hint={t('new.firstNameOnly')} required defaultValue={v.childFirstName} error={errors?.childFirstName} />
          <Field name="birthYear" label={t('new.birthYear')} inputMode="numeric" defaultValue={v.birthYear} error={errors?.birthYear} />
          <Field name="schoolGrade" label={t('new.schoolGrade')} hint={t('new.schoolGradeHint')} inputMode="numeric" defaultValue={v.schoolGrade} error={errors?.schoolGrade} />
          <div className="field">
            <label htmlFor="field-areaId">{t('new.area')}</label>
            <select id="field-areaId" name="areaId" defaultValue={v.areaId ?? ''}>
              <option value="">{t('new.unknown')}</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="checks">
            <legend>{t('new.homeLanguages')}</legend>
            {leaderLanguages.map((l) => (
              <label key={l}>
                <input type="checkbox" name="homeLanguages" value={l} defaultChecked={ticked('homeLanguages', l)} /> {t(`catalogue:languageName.${l}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="checks">
            <legend>{t('new.interests')}</legend>
            {categories.map((c) => (
              <label key={c}>
                <input type="checkbox" name="interests" value={c} defaultChecked={ticked('interests', c)} /> {t(`catalogue:category.${c}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="checks">
            <legend>{t('new.weekdays')}</legend>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <label key={d}>
                <input type="checkbox" name="weekdays" value={d} defaultChecked={ticked('weekdays', d)} /> {t(`catalogue:weekday.${d}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="checks">
            <legend>{t('new.needs')}</legend>
            {needs.map((n) => (
              <label key={n}>
                <input type="checkbox" name="needs" value={n} defaultChecked={ticked('needs', n)} /> {t(`need.${n}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="field-helpLevel">{t('new.helpLevel')}</label>
            <select id="field-helpLevel" name="helpLevel" defaultValue={v.helpLevel ?? 'some'}>
              {(['information', 'some', 'much'] as const).map((h) => (
                <option key={h} value={h}>
                  {t(`helpLevel.${h}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="field-wishGender">{t('new.wishGender')}</label>
            <select id="field-wishGender" name="wishGender" defaultValue={v.wishGender ?? ''}>
              <option value="">{t('new.noWish')}</option>
              <option value="female">{t('new.female')}</option>
              <option value="male">{t('new.male')}</option>
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('new.guardian')}</legend>
          <Field name="guardianName" label={t('new.guardianName')} required defaultValue={v.guardianName} error={errors?.guardianName} />
          <Field name="guardianPhone" type="tel" label={t('new.guardianPhone')} hint={t('new.contactHint')} defaultValue={v.guardianPhone} error={errors?.guardianPhone} />
          <Field name="guardianEmail" type="email" label={t('new.guardianEmail')} defaultValue={v.guardianEmail} error={errors?.guardianEmail} />
          <LanguageSelect name="guardianLanguage" label={t('new.guardianLanguage')} defaultValue={v.guardianLanguage ?? 'nb'} />
        </fieldset>
        <fieldset className={`checks${errors?.consentMethod ? ' field--error' : ''}`}>
          <legend>{t('new.consentMethod')}</legend>
          {(['digital', 'paper', 'oral'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="consentMethod" value={m} defaultChecked={(v.consentMethod ?? 'digital') === m} /> {t(`consentMethod.${m}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('new.recordedConsent')}</legend>
          <p className="hint">{t('new.recordedConsentHint')}</p>
          <Field name="consentDate" type="date" label={t('new.consentDate')} defaultValue={v.consentDate ?? today} error={errors?.consentDate} />
          <fieldset className={`checks${errors?.consentClubs ? ' field--error' : ''}`} id="field-consentClubs">
            <legend>{t('new.consentScope')}</legend>
            <label>
              <input type="checkbox" defaultChecked disabled /> {t('new.scopeGuide')}
            </label>
            <details open={Boolean(lists.consentClubs?.length)}>
              <summary>{t('new.scopeClubs', { count: clubs.length })}</summary>
              {clubs.map((c) => (
                <label key={c.id}>
                  <input type="checkbox" name="consentClubs" value={c.id} defaultChecked={ticked('consentClubs', c.id)} /> {c.name}
                </label>
              ))}
            </details>
          </fieldset>
        </fieldset>
        <div>
          <button type="submit">{t('new.submit')}</button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Honeypot, LanguageSelect } from '~/components/ui/form-bits';
import { ErrorSummary, errorKey, Field } from '~/components/ui/field';
import { attempt, bucketFor } from '~/domain/auth/rate-limit.server';
import { lookupPlaces } from '~/domain/catalogue/places.server';
import { createSelfRequest, selfRequestInput } from '~/domain/referral/referral.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';
import { clientAddress, formError, parseForm } from '~/utils/forms.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const [places, t] = await Promise.all([lookupPlaces(), getFixedT(locale, 'referral')]);
  return json({ locale, kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })), title: t('self.metaTitle'), description: await pageDescription(request, 'guide') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, selfRequestInput);
  if (!parsed.ok) return parsed.response;
  // Counted and checked in one statement (concurrent requests cannot all pass); only well-formed requests count.
  const gate = await attempt(bucketFor('self-request:ip', clientAddress(context)), 5, 60 * 60 * 1000);
  if (!gate.allowed) return formError({ form: 'locked' }, {}, 429);
  const result = await createSelfRequest(parsed.data);
  if (!result) return formError({ kommune: 'required' });
  return redirect(`/samtykke/${result.token}?lng=${parsed.data.language}`);
}

export default function AskForGuide() {
  const { kommuner, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('referral');
  const errors = data?.errors as Record<string, string> | undefined;
  const v = (data?.values ?? {}) as Record<string, string>;
  return (
    <div className="page narrow">
      <h1>{t('self.title')}</h1>
      <p className="lead">{t('self.lead')}</p>
      <ul>
        <li>{t('self.point1')}</li>
        <li>{t('self.point2')}</li>
        <li>{t('self.point3')}</li>
      </ul>
      <h2>{t('self.askTitle')}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <Field name="kommune" as="select" label={t('self.kommune')} placeholder={t('self.choose')} options={kommuner.map((k) => ({ value: k.slug, label: k.name }))} defaultValue={v.kommune} error={errors?.kommune} />
        <fieldset className={`checks${errors?.who ? ' field--error' : ''}`}>
          <legend>{t('self.who')}</legend>
          {errors?.who ? <span className="field__error">{t(`common:errors.${errors.who}`)}</span> : null}
          <label>
            <input type="radio" name="who" value="guardian" defaultChecked={(v.who ?? 'guardian') === 'guardian'} /> {t('self.guardian')}
          </label>
          <label>
            <input type="radio" name="who" value="young_person" defaultChecked={v.who === 'young_person'} /> {t('self.youngPerson')}
          </label>
        </fieldset>
        <div className={`field${errors?.age15 ? ' field--error' : ''}`}>
          {errors?.age15 ? (
            <span id="field-age15-error" className="field__error">
              {t(errorKey(errors.age15), { ns: 'common' })}
            </span>
          ) : null}
          <label>
            <input type="checkbox" id="field-age15" name="age15" defaultChecked={v.age15 === 'on'} aria-invalid={errors?.age15 ? true : undefined} aria-describedby={errors?.age15 ? 'field-age15-error' : undefined} />{' '}
            {t('self.age15')}
          </label>
        </div>
        <Field name="childFirstName" label={t('new.childFirstName')} required defaultValue={v.childFirstName} error={errors?.childFirstName} />
        <Field name="birthYear" label={t('new.birthYear')} inputMode="numeric" required defaultValue={v.birthYear} error={errors?.birthYear} />
        <Field name="contactName" label={t('self.contactName')} required defaultValue={v.contactName} error={errors?.contactName} />
        <Field name="phone" type="tel" label={t('new.guardianPhone')} hint={t('new.contactHint')} defaultValue={v.phone} error={errors?.phone} />
        <Field name="email" type="email" label={t('new.guardianEmail')} defaultValue={v.email} error={errors?.email} />
        <LanguageSelect name="language" label={t('self.language')} defaultValue={v.language ?? locale} />
        <div className={`field${errors?.consent ? ' field--error' : ''}`}>
          <p>{t('self.consentText')}</p>
          {errors?.consent ? <span className="field__error">{t(`common:errors.${errors.consent}`)}</span> : null}
          <label>
            <input type="checkbox" name="consent" /> {t('self.consent')}
          </label>
        </div>
        <Honeypot />
        <div>
          <button type="submit">{t('self.submit')}</button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

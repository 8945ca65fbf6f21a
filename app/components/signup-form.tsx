import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Honeypot, LanguageSelect } from './ui/form-bits';
import { ErrorSummary, Field } from './ui/field';

/** "Meld interesse": the same form for every family, and the channel a guide uses to place a child. */
export function SignupForm({ errors, values, locale, title, lead }: { errors?: Record<string, string>; values?: Record<string, string>; locale: string; title?: string; lead?: string }) {
  const { t } = useTranslation('signup');
  const v = values ?? {};
  return (
    <section aria-labelledby="signup" className="signup-section no-print">
      <h2 id="signup">{title ?? t('form.title')}</h2>
      <p>{lead ?? t('form.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="signup" />
        <Field name="participantFirstName" label={t('form.participantFirstName')} hint={t('form.firstNameOnly')} required defaultValue={v.participantFirstName} error={errors?.participantFirstName} />
        <Field name="birthYear" label={t('form.birthYear')} inputMode="numeric" required defaultValue={v.birthYear} error={errors?.birthYear} />
        <Field name="guardianName" label={t('form.guardianName')} autoComplete="name" required defaultValue={v.guardianName} error={errors?.guardianName} />
        <Field name="guardianEmail" type="email" label={t('form.guardianEmail')} hint={t('form.contactHint')} autoComplete="email" defaultValue={v.guardianEmail} error={errors?.guardianEmail} />
        <Field name="guardianPhone" type="tel" label={t('form.guardianPhone')} autoComplete="tel" defaultValue={v.guardianPhone} error={errors?.guardianPhone} />
        <LanguageSelect name="language" label={t('form.language')} defaultValue={v.language ?? locale} />
        <Field name="message" as="textarea" label={t('form.message')} hint={t('form.messageHint')} defaultValue={v.message} error={errors?.message} />
        <Honeypot />
        <div>
          <button type="submit">{t('form.submit')}</button>
        </div>
      </Form>
    </section>
  );
}

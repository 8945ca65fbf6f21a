import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { newPasswordInput as input, peekToken, resetPassword } from '~/domain/auth/accounts.server';
import { formError, parseForm } from '~/utils/forms.server';
import { destroyAllSessions, redirectWithFlash } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account'] };

export async function loader({ params }: LoaderFunctionArgs) {
  const valid = Boolean(await peekToken('reset_password', params.token ?? ''));
  return json({ valid }, { headers: { 'Referrer-Policy': 'no-referrer' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, input);
  if (!parsed.ok) return parsed.response;
  const { password } = parsed.data;
  const result = await resetPassword(params.token ?? '', password);
  if (!result.ok) return formError({ password: result.error });
  // A new password ends every session, in case the old one was known to someone else.
  await destroyAllSessions(result.userId);
  return redirectWithFlash('/logg-inn', 'account:reset.done');
}

export default function NewPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const errors = data?.errors as Record<string, string> | undefined;
  return (
    <div className="page narrow">
      <h1>{t('reset.title')}</h1>
      {!valid ? (
        <p>{t('reset.invalid')}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" className="form" noValidate>
            <Field name="password" type="password" label={t('field.newPassword')} hint={t('password.hint')} autoComplete="new-password" required error={errors?.password} />
            <div>
              <button type="submit">{t('reset.submit')}</button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

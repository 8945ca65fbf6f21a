import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { forgotPasswordInput as input, requestPasswordReset, RESET_LIMITS } from '~/domain/auth/accounts.server';
import { attempt, bucketFor } from '~/domain/auth/rate-limit.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';
import { clientAddress, formError, parseForm } from '~/utils/forms.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(await getLocale(request), 'account');
  return json({ title: t('forgot.title'), description: await pageDescription(request, 'forgot') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, input);
  if (!parsed.ok) return parsed.response;
  const { email } = parsed.data;
  // Per address here (it says nothing about the account); per account, silently, in requestPasswordReset.
  // Neither shares a bucket with the sign-in, so a locked-out owner can always ask.
  const gate = await attempt(bucketFor('reset:ip', clientAddress(context)), RESET_LIMITS.perAddress, RESET_LIMITS.windowMs);
  if (!gate.allowed) {
    const locked = formError({ email: 'locked' }, {}, 429);
    locked.headers.set('Retry-After', String(gate.retryAfterSeconds));
    return locked;
  }
  await requestPasswordReset(email, await getLocale(request));
  // The same answer whether or not the address has an account.
  return json({ sent: true });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const errors = data && 'errors' in data ? (data.errors as Record<string, string>) : undefined;
  return (
    <div className="page narrow">
      <h1>{t('forgot.title')}</h1>
      {data && 'sent' in data ? (
        <p className="success" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <>
          <p>{t('forgot.lead')}</p>
          <ErrorSummary errors={errors} />
          <Form method="post" className="form" noValidate>
            <Field name="email" type="email" label={t('field.email')} autoComplete="email" required error={errors?.email} />
            <div>
              <button type="submit">{t('forgot.submit')}</button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;

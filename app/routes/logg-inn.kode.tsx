import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '~/components/ui/field';
import { checkSecondFactor, codeInput, SECOND_FACTOR_LIMIT } from '~/domain/auth/accounts.server';
import { attempt, bucketFor, clearBucket } from '~/domain/auth/rate-limit.server';
import { formError, parseForm } from '~/utils/forms.server';
import { safeNext } from '~/utils/redirect';
import { getSessionUser, markSessionVerified } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const u = await getSessionUser(request);
  if (!u) throw redirect('/logg-inn');
  if (u.verified) throw redirect('/konto');
  if (!u.totpEnabled) throw redirect('/konto/tofaktor');
  return json({ next: safeNext(new URL(request.url).searchParams.get('neste')) });
}

export async function action({ request }: ActionFunctionArgs) {
  const u = await getSessionUser(request);
  if (!u || !u.totpEnabled) throw redirect('/logg-inn');
  const parsedInput = await parseForm(request, codeInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  // Counted before the code is checked, in one statement: of many codes sent at once, only the limit are tried.
  const bucket = bucketFor('totp', u.id);
  const gate = await attempt(bucket, SECOND_FACTOR_LIMIT.attempts, SECOND_FACTOR_LIMIT.windowMs);
  if (!gate.allowed) {
    const locked = formError({ code: 'locked' }, {}, 429);
    locked.headers.set('Retry-After', String(gate.retryAfterSeconds));
    return locked;
  }
  if (!(await checkSecondFactor(u.id, input.code))) return formError({ code: 'code' });
  await clearBucket(bucket);
  await markSessionVerified(u.sessionHash);
  return redirect(safeNext(input.next));
}

export default function SecondFactor() {
  const { next } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const errors = data?.errors as Record<string, string> | undefined;
  return (
    <div className="page narrow">
      <h1>{t('code.title')}</h1>
      <p>{t('code.lead')}</p>
      <ErrorSummary errors={errors} labels={{ code: t('code.label') }} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="next" value={next} />
        <Field name="code" label={t('code.label')} hint={t('code.hint')} autoComplete="one-time-code" inputMode="numeric" required error={errors?.code} />
        <div>
          <button type="submit">{t('code.submit')}</button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

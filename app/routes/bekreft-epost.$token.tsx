import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { peekToken, verifyEmail } from '~/domain/auth/accounts.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account'] };

// Opening the link changes nothing: mail scanners and link previews open every link in an e-mail.
// The page asks, and its button (a plain POST form, with or without JavaScript) confirms.
export async function loader({ params }: LoaderFunctionArgs) {
  const valid = Boolean(await peekToken('verify_email', params.token ?? ''));
  return json({ valid }, { status: valid ? 200 : 400, headers: { 'Referrer-Policy': 'no-referrer' } });
}

export async function action({ params }: ActionFunctionArgs) {
  const ok = await verifyEmail(params.token ?? '');
  return json({ ok }, { status: ok ? 200 : 400, headers: { 'Referrer-Policy': 'no-referrer' } });
}

export default function VerifyEmail() {
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { t } = useTranslation('account');
  if (result || !valid) {
    return (
      <div className="page narrow">
        <h1>{result?.ok ? t('verify.ok') : t('verify.failed')}</h1>
        <p>
          <AppLink to="/konto">{t('verify.continue')}</AppLink>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.lead')}</p>
      <Form method="post" className="form">
        <div>
          <button type="submit" disabled={busy}>
            {t('verify.submit')}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

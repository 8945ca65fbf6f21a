import type { LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { finishOidcLogin, rememberOidcSession } from '~/domain/auth/oidc.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { startSession } from '~/utils/session.server';

export const handle = { i18n: ['common', 'account'] };

// The provider sends the browser back here with ?code&state (ID-porten, Ansattporten, Entra with
// response_mode=query, the default for the code flow). The URL holds a one-time code only: no-referrer.
export async function loader({ request }: LoaderFunctionArgs) {
  const result = await finishOidcLogin(new URL(request.url));
  const headers = new Headers({ 'Cache-Control': PRIVATE_NO_STORE, 'Referrer-Policy': 'no-referrer' });
  if (!result.ok) return json({ reason: result.reason }, { status: result.reason === 'unknownUser' ? 403 : 400, headers });
  // The provider did the second factor (substantial or high): no TOTP on top.
  const session = await startSession(result.userId, true);
  await rememberOidcSession(result.stateHash, session.idHash, result.idToken);
  headers.append('Set-Cookie', session.cookie);
  return redirect(result.returnTo, { headers });
}

export default function OidcCallback() {
  const { reason } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  const unknown = reason === 'unknownUser';
  return (
    <div className="page narrow">
      <h1>{unknown ? t('oidc.unknownUserTitle') : t('oidc.refusedTitle')}</h1>
      <p role="alert">{unknown ? t('oidc.unknownUser') : t(`oidc.refused.${reason}`)}</p>
      <p>
        <AppLink to="/logg-inn">{t('oidc.backToLogin')}</AppLink>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

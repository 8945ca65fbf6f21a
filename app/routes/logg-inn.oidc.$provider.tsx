import type { ActionFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { oidcStartInput, startOidcLogin } from '~/domain/auth/oidc.server';
import { getLocale } from '~/i18n.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { parseForm } from '~/utils/forms.server';

export const handle = { i18n: ['common', 'account'] };

/**
 * Only the sign-in and invitation forms post here. The loader must not redirect: Remix runs it after an
 * action that answered with an error too, and a redirect would hide why the sign-in could not start.
 */
export async function loader() {
  return json(null, { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, oidcStartInput);
  if (!parsed.ok) return parsed.response;
  const result = await startOidcLogin(params.provider ?? '', {
    next: parsed.data.next,
    invitationToken: parsed.data.invitation || null,
    language: await getLocale(request),
  });
  if (result.ok) return redirect(result.url, { headers: { 'Cache-Control': PRIVATE_NO_STORE } });
  const status = result.reason === 'unreachable' ? 503 : result.reason === 'unknownProvider' ? 404 : 400;
  return json({ reason: result.reason }, { status, headers: { 'Cache-Control': PRIVATE_NO_STORE } });
}

/** Shown when the sign-in could not start: the provider is unknown, unreachable, or the invitation is gone. */
export default function OidcStart() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  // A plain visit (no form sent) has no reason: the heading and the way back are enough.
  const reason = data && 'reason' in data ? data.reason : null;
  return (
    <div className="page narrow">
      <h1>{t('oidc.startFailedTitle')}</h1>
      {reason ? <p role="alert">{t(`oidc.startFailed.${reason}`)}</p> : null}
      <p>
        <AppLink to="/logg-inn">{t('oidc.backToLogin')}</AppLink>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

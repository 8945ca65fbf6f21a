import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { providerLogoutUrl } from '~/domain/auth/oidc.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { destroySession, sessionHashOf } from '~/utils/session.server';

export async function loader() {
  return redirect('/');
}

/** Ends the local session; a session a provider started also ends at the provider, where it can. */
export async function action({ request }: ActionFunctionArgs) {
  const hash = sessionHashOf(request);
  const providerUrl = hash ? await providerLogoutUrl(hash) : null;
  return redirect(providerUrl ?? '/', { headers: { 'Set-Cookie': await destroySession(request), 'Cache-Control': PRIVATE_NO_STORE } });
}

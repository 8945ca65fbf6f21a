import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { destroySession } from '~/utils/session.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await destroySession(request), 'Cache-Control': PRIVATE_NO_STORE } });
}

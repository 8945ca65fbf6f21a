import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { destroySession } from '~/utils/session.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
}

import type { LoaderFunctionArgs } from '@remix-run/node';
import { signupsCsv } from '~/domain/signup/signup.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { idParam } from '~/utils/forms.server';
import { requirePermission } from '~/utils/session.server';


export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const orgId = idParam(raw.orgId);
  await requirePermission(request, 'read:signup:own-organisation', { organisationId: orgId });
  return new Response('\ufeff' + (await signupsCsv(orgId)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="pameldinger.csv"',
      'Cache-Control': PRIVATE_NO_STORE,
    },
  });
}

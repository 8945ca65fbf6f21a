import type { LoaderFunctionArgs } from '@remix-run/node';
import { heldRecords, readLog } from '~/domain/referral/casework.server';
import { guardianView } from '~/domain/referral/referral.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';

/** The guardian downloads what is held about the child and who has read it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const view = await guardianView(params.token ?? '', 'download');
  if (!view) throw new Response('Not found', { status: 404 });
  const [records, readBy] = await Promise.all([heldRecords(view.referralId), readLog(view.referralId)]);
  const body = { kommune: view.kommune, status: view.status, consent: view.consent, held: { ...view.held, ...records }, readBy };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="fritidsguide.json"', 'Cache-Control': PRIVATE_NO_STORE, 'Referrer-Policy': 'no-referrer' },
  });
}

import { databaseReachable, RETRY_AFTER_SECONDS } from '~/utils/db-health.server';

/**
 * Ready for traffic when the database answers (within a second). A load balancer takes the server out
 * of rotation on 503 and back on 200; /healthz says only whether the process is up
 * (docs/operations.md, "When PostgreSQL restarts").
 */
export async function loader() {
  const ready = await databaseReachable();
  return new Response(ready ? 'ready' : 'database unreachable', {
    status: ready ? 200 : 503,
    headers: {
      'Content-Type': 'text/plain',
      'Cache-Control': 'no-store',
      ...(ready ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) }),
    },
  });
}

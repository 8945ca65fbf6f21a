import { databaseReady } from '~/domain/health.server';

/** Ready for traffic when the database answers. */
export async function loader() {
  const ready = await databaseReady();
  return new Response(ready ? 'ready' : 'database unreachable', {
    status: ready ? 200 : 503,
    headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' },
  });
}

/**
 * The process is up and serving HTTP; says nothing about the database (see /readyz). A supervisor or
 * an orchestrator restarts the process when this fails, never because PostgreSQL is away.
 */
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
}

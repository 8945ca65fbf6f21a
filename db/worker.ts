// `npm run worker`: the background jobs (outbox, purges) without the web server.
import { startJobs } from '../app/domain/jobs.server';
import { startDatabase } from '../app/utils/db.server';
import { runBootChecks } from '../app/utils/boot-checks.server';
import { env } from '../app/utils/env.server';
import { errorFields, log } from '../app/utils/log.server';

// As in app/server.ts: a stray rejection is logged without its parameters; an uncaught exception ends the worker.
process.on('unhandledRejection', (reason) => log.error('process.unhandled_rejection', errorFields(reason)));
process.on('uncaughtException', (error) => {
  log.error('process.uncaught_exception', errorFields(error));
  process.exit(1);
});

// The worker sends the mail: the same checks as the server's boot, before it takes any work.
try {
  await runBootChecks(env());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const database = await startDatabase();
const stop = startJobs();
log.info('worker.started', { database: database.kind });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await stop();
    await database.close();
    process.exit(0);
  });
}

// `npm run worker`: the background jobs (outbox, purges) without the web server.
import { startJobs } from '../app/domain/jobs.server';
import { startDatabase } from '../app/utils/db.server';
import { log } from '../app/utils/log.server';

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

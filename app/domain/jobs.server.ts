import { log } from '../utils/log.server';

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

// Jobs registered by the domains (outbox, purge, reminders). They run in every app server: each job
// takes its rows with FOR UPDATE SKIP LOCKED, so several servers never do the same work twice.
const jobs: Job[] = [];

export function registerJob(job: Job) {
  jobs.push(job);
}

export function startJobs() {
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) =>
    setInterval(() => {
      const p = job
        .run()
        .catch((error: Error) => log.error('job.failed', { job: job.name, error: error.message }))
        .finally(() => running.delete(p));
      running.add(p);
    }, job.everyMs),
  );
  return async () => {
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
  };
}

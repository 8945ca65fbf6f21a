import { refreshOpenData } from './opendata/feeds.server';
import { errorFields, log } from '../utils/log.server';
import { purgeAccessibilityReports } from './accessibility/report.server';
import { purgeRateLimitEvents } from './auth/rate-limit.server';
import { purgeOidcAttempts } from './auth/oidc.server';
import { drainOutbox } from './notifications/outbox.server';
import { purgeExpiredSignups } from './signup/signup.server';
import { remindExpiringActivities } from './club/activities.server';
import { registerRecheck } from './club/register.server';
import { env } from '../utils/env.server';
import { remindFollowUps } from './referral/follow-ups.server';
import { closeLapsedReferrals, remindConsent } from './referral/referral.server';
import { purgeReferrals } from './referral/retention.server';
import { purgeSearchQueries } from './insight/search-counts.server';
import { sweepExpiredCounts } from './catalogue/page-counts.server';

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

// Background work, run in every app server: each job takes its rows with FOR UPDATE SKIP LOCKED or
// deletes idempotently, so several servers never do the same work twice. `npm run worker` runs the
// same list without the web server.
export const jobs: Job[] = [
  // Every second, and then until nothing is due: mail goes at the transport's pace, not a batch a tick.
  { name: 'outbox', everyMs: 1_000, run: () => drainOutbox() },
  { name: 'purge-signups', everyMs: 60 * 60 * 1000, run: () => purgeExpiredSignups() },
  { name: 'purge-rate-limits', everyMs: 60 * 60 * 1000, run: () => purgeRateLimitEvents() },
  { name: 'purge-oidc-attempts', everyMs: 60 * 60 * 1000, run: () => purgeOidcAttempts() },
  { name: 'purge-referrals', everyMs: 60 * 60 * 1000, run: () => purgeReferrals() },
  { name: 'purge-search-queries', everyMs: 24 * 60 * 60 * 1000, run: () => purgeSearchQueries() },
  { name: 'purge-accessibility-reports', everyMs: 24 * 60 * 60 * 1000, run: () => purgeAccessibilityReports() },
  { name: 'remind-consent', everyMs: 60 * 60 * 1000, run: () => remindConsent() },
  { name: 'remind-follow-ups', everyMs: 60 * 60 * 1000, run: () => remindFollowUps() },
  { name: 'close-lapsed-referrals', everyMs: 60 * 60 * 1000, run: () => closeLapsedReferrals() },
  // Approved clubs against Enhetsregisteret's update feed, weekly by default (BRREG_RECHECK_EVERY_MS): the
  // job asks hourly, the cursor row says whether a run is due, so a restart or a failed run changes nothing.
  { name: 'register-recheck', everyMs: Math.min(env().BRREG_RECHECK_EVERY_MS, 60 * 60 * 1000), run: () => registerRecheck() },
  // The OpenActive feeds: changed activities within a minute, and a sweep over all of them (feeds.server.ts).
  { name: 'open-data', everyMs: 60 * 1000, run: () => refreshOpenData() },
  // The page counts follow every write by trigger; this takes the listings that expired since the last run.
  { name: 'page-counts', everyMs: 60 * 1000, run: () => sweepExpiredCounts() },
  { name: 'remind-expiring', everyMs: 6 * 60 * 60 * 1000, run: () => remindExpiringActivities() },
];

export function startJobs(list: Job[] = jobs) {
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  const tick = (job: Job) => {
    // A run still going (a long drain of the outbox) is not joined by a second one in this process.
    if (busy.has(job.name)) return;
    busy.add(job.name);
    const p = job
      .run()
      .catch((error: unknown) => log.error('job.failed', { job: job.name, ...errorFields(error) }))
      .finally(() => {
        running.delete(p);
        busy.delete(job.name);
      });
    running.add(p);
  };
  // Run each once at start (a purge should not wait an hour after a restart), then on its interval.
  list.forEach(tick);
  const timers = list.map((job) => setInterval(() => tick(job), job.everyMs));
  return async () => {
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
  };
}

// `npm run bench`: the production build on the demo region plus 20 000 generated activities, loaded
// with a mix of typical searches, activity pages and /healthz at 10 connections for a fixed time each.
// The pages are served through the micro-cache as visitors get them; a second run of searches and
// activity pages makes every address unique, to show what an uncached page costs.
// Prints the figures, and as its last line one JSON object.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openDatabase, runMigrations } from '../../db/client';
import { addScaleActivities, seedDemo } from '../../db/seed';
import { startSmtp } from '../setup/smtp';

const SCALE = Number(process.env.BENCH_SCALE ?? 20_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3200);

const searches = [
  '/aktiviteter',
  '/aktiviteter?q=fotball',
  '/aktiviteter?q=fotbal&kommune=modum',
  '/aktiviteter?kategori=dans&alder=12',
  '/aktiviteter?alder=10&gratis=1&utlan=1',
  '/aktiviteter?omrade=vikersund&sortering=naer',
  '/aktiviteter?q=svømming&sortering=pris',
  '/aktiviteter?sprak=so&alder=9',
  '/aktiviteter?kommune=sigdal&dag=2&dag=4',
  '/aktiviteter?alder=14&side=3',
];

async function database() {
  const admin = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/postgres';
  const sql = postgres(admin, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    await sql.unsafe('DROP DATABASE IF EXISTS fp_bench WITH (FORCE)');
    await sql.unsafe('CREATE DATABASE fp_bench');
    const u = new URL(admin);
    u.pathname = '/fp_bench';
    return { env: { DATABASE_URL: u.toString() }, url: u.toString(), cleanup: async () => {} };
  } catch {
    const dir = mkdtempSync(path.join(tmpdir(), 'fp-bench-'));
    return { env: { PGLITE_DIR: dir, DATABASE_URL: '' }, dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function load(title: string, requests: string[], options: { uncached?: boolean } = {}) {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: DURATION,
    // Paths must be percent-encoded: raw UTF-8 in a request line stalls the connection.
    requests: requests.map((p) => ({
      method: 'GET',
      path: encodeURI(p),
      // A parameter the page ignores, different each time, so the micro-cache never has the page: what
      // a search nobody made in the last ten seconds costs.
      ...(options.uncached ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: `${req.path}${req.path!.includes('?') ? '&' : '?'}u=${n++}` }) } : {}),
    })),
  });
  const rps = result.requests.average;
  const p95 = (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99;
  const line = { rps: Math.round(rps), p50_ms: result.latency.p50, p95_ms: percentile95(result), errors: result.errors, non2xx: result.non2xx };
  console.log(`${title.padEnd(10)} ${JSON.stringify(line)}`);
  return { rps, p95: line.p95_ms ?? p95 };
}

// autocannon reports p90 and p97.5; p95 is interpolated between them.
function percentile95(result: autocannon.Result) {
  const l = result.latency as unknown as Record<string, number>;
  return Math.round((l.p90 + (l.p97_5 - l.p90) * (5 / 7.5)) * 10) / 10;
}

async function main() {
  if (!existsSync('build/index.js') || process.env.BENCH_BUILD !== '0') {
    console.log('bench: building the production bundle');
    await run('npx', ['remix', 'build']);
  }
  const db = await database();
  console.log(`bench: seeding the demo region and ${SCALE} more activities`);
  const started = Date.now();
  const handle = await openDatabase({ url: db.env.DATABASE_URL || undefined, dataDir: db.env.PGLITE_DIR });
  await runMigrations(handle);
  await seedDemo(handle);
  await addScaleActivities(handle, SCALE);
  const slugs = (await handle.query<{ slug: string }>(`select slug from activity where status = 'published' and (expires_at is null or expires_at > now()) order by id desc limit 200`)).map((r) => `/aktiviteter/${r.slug}`);
  const [{ n }] = await handle.query<{ n: number }>(`select count(*)::int as n from activity`);
  await handle.close();
  console.log(`bench: ${n} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Production refuses to start without a mail server it can reach (boot checks): a local one.
  const smtp = await startSmtp();
  const server = spawn(process.execPath, ['build/index.js'], {
    env: {
      ...process.env,
      ...db.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      SEED: 'never',
      JOBS: 'off',
      LOG_LEVEL: 'silent',
      SMTP_URL: smtp.url,
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      MAX_IN_FLIGHT: '1000',
      ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/readyz`);
    // Warm up caches and the JIT before measuring.
    await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: 4, duration: 3, requests: [...searches, ...slugs.slice(0, 20)].map((p) => ({ path: encodeURI(p) })) });
    const search = await load('search', searches);
    const activity = await load('activity', slugs);
    const healthz = await load('healthz', ['/healthz']);
    // The same searches with the micro-cache out of the way (each request a new address).
    const uncached = await load('search_uncached', searches, { uncached: true });
    const activityUncached = await load('activity_uncached', slugs, { uncached: true });
    const summary = {
      activities: n,
      search_rps: Math.round(search.rps),
      search_p95_ms: search.p95,
      activity_rps: Math.round(activity.rps),
      activity_p95_ms: activity.p95,
      healthz_rps: Math.round(healthz.rps),
      search_vs_healthz: Math.round((search.rps / healthz.rps) * 1000) / 1000,
    };
    console.log(
      `uncached: ${JSON.stringify({ search_rps: Math.round(uncached.rps), search_p95_ms: uncached.p95, activity_rps: Math.round(activityUncached.rps), activity_p95_ms: activityUncached.p95, search_vs_healthz: Math.round((uncached.rps / healthz.rps) * 1000) / 1000 })}`,
    );
    console.log(`targets: search_vs_healthz >= 0.25 (${summary.search_vs_healthz >= 0.25 ? 'met' : 'missed'}), search p95 < 100 ms (${summary.search_p95_ms < 100 ? 'met' : 'missed'})`);
    console.log(JSON.stringify(summary));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await smtp.close();
    await db.cleanup();
  }
}

function run(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become ready: ${url}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

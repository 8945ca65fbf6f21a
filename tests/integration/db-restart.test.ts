// The built server under steady load while its PostgreSQL is restarted, stopped and crashed several
// times (issue 10; docs/decisions/012-surviving-database-restarts.md). The database is a throwaway
// cluster made with initdb in a temporary folder on a free port, so restarting it disturbs nobody.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, runMigrations } from '../../db/client';
import { hashToken } from '../../app/utils/crypto.server';
import { LEASE_MS } from '../../app/domain/notifications/outbox.server';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const BUILD = path.join(root, 'build/index.js');
// The issue's figures, measured from pg_ctl returning: reconnected within 2 s (a request that reads
// the database succeeds), and "success again within 5 s" for a whole page, whose rendering on a machine
// shared with the rest of the suite can take a second by itself.
const RECONNECT_LIMIT_MS = 2_000;
const PAGE_LIMIT_MS = 5_000;
const nb = JSON.parse(readFileSync(path.join(root, 'locales/nb/common.json'), 'utf8'));

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin/initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}
const bin = postgresBin();

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A PostgreSQL cluster of its own; initdb and the server refuse to run as root, so they run as `postgres`. */
class ThrowawayPostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'fp-pg-restart-'));
  readonly data = path.join(this.dir, 'data');
  port = 0;
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  private tool(name: string, args: string[]) {
    const command = path.join(bin!, name);
    return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
  }
  private ctl(...args: string[]) {
    return this.tool('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'log'), '-w', '-t', '20', ...args]);
  }
  private get options() {
    return ['-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir}`];
  }
  async init() {
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(this.dir, Number(stdout), Number(gid));
    }
    this.port = await freePort();
    await this.tool('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await this.start();
  }
  start = () => this.ctl(...this.options, 'start');
  restart = () => this.ctl(...this.options, '-m', 'fast', 'restart');
  stop = (mode: 'fast' | 'immediate') => this.ctl('-m', mode, 'stop');
  async destroy() {
    await this.ctl('-m', 'immediate', 'stop').catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}

type Outcome = { kind: 'page' | 'signup'; start: number; end: number; status?: number; retryAfter?: string | null; error?: string; token?: string };

// Without PostgreSQL's own programs the fault test cannot run: that is a failure to see, not a silent
// skip (a skipped test proves nothing). Install them with Debian's postgresql package.
if (!bin)
  test('the database-restart test has initdb and pg_ctl under /usr/lib/postgresql/*/bin', () => {
    throw new Error('initdb and pg_ctl not found under /usr/lib/postgresql/*/bin: install PostgreSQL (apt-get install postgresql) to run the fault test');
  });

describe.skipIf(!bin)('a PostgreSQL restart under load', () => {
  let pg: ThrowawayPostgres | undefined;
  let server: ChildProcess | undefined;
  let output = '';
  let base = '';
  let n = 0;
  const exited = () => server!.exitCode !== null || server!.signalCode !== null;
  const tail = () => `\n--- server output (last lines) ---\n${output.split('\n').slice(-25).join('\n')}`;

  beforeAll(async () => {
    if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run \`npx remix build\` first (npm test builds before vitest runs)`);
    pg = new ThrowawayPostgres();
    await pg.init();
    const handle = await openDatabase({ url: pg.url, maxConnections: 2 });
    await runMigrations(handle);
    await handle.close();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // As the browser tests start it (tests/e2e/server.mjs), with the jobs on (the outbox claims its
    // rows in transactions, as sign-ups do), and the demo data seeded at boot.
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'production',
      PORTAL_MODE: 'demo',
      DATABASE_URL: pg.url,
      MIGRATION_DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: base,
      JOBS: 'on',
      SEED: 'auto',
      SMTP_URL: '',
      LOG_LEVEL: 'info',
      // The test stands in for the proxy in front: each sign-up comes from its own X-Forwarded-For, so
      // the per-address limit refuses none and every one is a write.
      TRUST_PROXY: 'loopback',
    };
    const child = spawn(process.execPath, [BUILD], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited()) throw new Error(`the server exited at boot${tail()}`);
      if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within 30 s${tail()}`);
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(100);
    }
  }, 60_000);

  afterAll(async () => {
    if (server && !exited()) {
      const gone = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([gone, sleep(5_000)]);
      if (!exited()) server.kill('SIGKILL');
    }
    await pg?.destroy();
  }, 30_000);

  test('keeps the process alive, answers 503 with Retry-After while the database is away, and reconnects within 2 s of its return', async () => {
    const db = pg!;
    // A published activity whose sign-up form takes a request (a transaction: the crash's trigger).
    const probe = await openDatabase({ url: db.url, maxConnections: 1 });
    const activities = await probe.query<{ slug: string }>(`select slug from activity where status = 'published' order by id limit 20`);
    let slug = '';
    for (const a of activities) {
      const r = await signup(a.slug, 'preflight');
      if (r.status === 302 || r.status === 303) {
        slug = a.slug;
        break;
      }
    }
    expect(slug, 'no published activity accepted the sign-up form this test posts: update signup() below').not.toBe('');
    const [{ total: rowsBefore }] = await probe.query<{ total: number }>(`select count(*)::int as total from signup_request`);
    await probe.close();

    const outcomes: Outcome[] = [];
    let loading = true;
    // Steady, not saturating: the server is one thread, and the time to the first page after a
    // restart should measure the reconnect, not a queue of our own requests.
    async function pageLoop() {
      while (loading) {
        // A new search text each time: the micro-cache never answers, every request reads the database.
        outcomes.push(await timed('page', () => page(`/aktiviteter?q=fotball${n++}`)));
        await sleep(50);
      }
    }
    async function signupLoop() {
      while (loading) {
        outcomes.push(await timed('signup', () => signup(slug, `Kari ${n++}`)));
        await sleep(50);
      }
    }
    const loops = [pageLoop(), pageLoop(), pageLoop(), signupLoop(), signupLoop()];

    // `restart` is pg_ctl restart -m fast; the outages stop the server (fast, then a crash-like
    // immediate stop), check what visitors get meanwhile, and start it again.
    const plan = ['restart', 'outage-fast', 'restart', 'outage-immediate', 'restart', 'restart'] as const;
    const recoveries: number[] = [];
    const pageRecoveries: number[] = [];
    async function untilOk(p: string, since: number) {
      while (Date.now() - since < 10_000 && !exited()) {
        const status = await page(p).then(async (r) => (await r.arrayBuffer(), r.status), () => 0);
        if (status === 200) break;
        await sleep(20);
      }
      return Date.now() - since;
    }
    const outageChecks: { page: number; retryAfter: string | null; readyz: number; healthz: number; signup: number; translated: boolean }[] = [];
    const windows: [number, number][] = [];
    let step: (typeof plan)[number] | 'warm-up' = 'warm-up';
    let baselineMs = 0;
    try {
      await sleep(1_500);
      const warm = outcomes.filter((o) => o.kind === 'page' && o.status === 200).map((o) => o.end - o.start);
      baselineMs = warm.sort((a, b) => a - b)[Math.floor(warm.length / 2)] ?? 0;
      for (step of plan) {
        if (step === 'restart') {
          await db.restart();
        } else {
          await db.stop(step === 'outage-fast' ? 'fast' : 'immediate');
          const down = Date.now();
          await sleep(300);
          const [p, ready, health, s] = await Promise.all([
            page('/aktiviteter?q=nede'),
            fetch(`${base}/readyz`),
            fetch(`${base}/healthz`),
            signup(slug, 'nede'),
          ]);
          const text = await p.text();
          await Promise.all([ready.arrayBuffer(), health.arrayBuffer(), s.arrayBuffer()]);
          outageChecks.push({
            page: p.status,
            retryAfter: p.headers.get('retry-after'),
            readyz: ready.status,
            healthz: health.status,
            signup: s.status,
            translated: text.includes(nb.error.unavailable.title) && text.includes('lang="nb"'),
          });
          await sleep(700);
          windows.push([down, Date.now()]);
          await db.start();
        }
        // pg_ctl has returned: the database accepts connections. Time until a request that reads it
        // succeeds again (the map's search results: a query, no page to render), then a whole page.
        const back = Date.now();
        recoveries.push(await untilOk(`/aktiviteter/kart.json?q=tilbake${n++}`, back));
        pageRecoveries.push(await untilOk(`/aktiviteter?q=tilbake${n++}`, back));
        expect(exited(), `the server died after "${step}"${tail()}`).toBe(false);
        await sleep(1_200);
      }
    } catch (error) {
      // A fetch to a dead server fails with ECONNREFUSED: say what happened to the server instead.
      if (exited() && !String((error as Error).message).includes('server died')) {
        throw new Error(`the server died during "${step}" (${(error as Error).message})${tail()}`);
      }
      throw error;
    } finally {
      loading = false;
      await Promise.all(loops);
    }

    const failures = outcomes.filter((o) => o.error || (o.status! >= 500 && o.status !== 503));
    const withoutRetryAfter = outcomes.filter((o) => o.status === 503 && !o.retryAfter);
    // Requests made wholly while the database was stopped: each one a 503 (with Retry-After).
    const duringOutage = outcomes.filter((o) => windows.some(([from, to]) => o.start >= from && o.end <= to));
    const signedUp = outcomes.filter((o) => o.token).map((o) => o.token!);
    const unknown = outcomes.filter((o) => o.kind === 'signup' && (o.error || o.status === 503)).length;
    const check = await openDatabase({ url: db.url, maxConnections: 1 });
    const rows = await check.query<{ access_token_hash: string }>(
      `select access_token_hash from signup_request where access_token_hash = any($1)`,
      [signedUp.map(hashToken)],
    );
    const [{ total }] = await check.query<{ total: number }>(`select count(*)::int as total from signup_request`);
    // The mail the sign-ups queued: a message claimed just before the database went away keeps its lease
    // (LEASE_MS) and is then sent again, so within a lease and a few ticks every message is sent and none
    // is left pending, sending or failed.
    const outboxDeadline = Date.now() + LEASE_MS + 10_000;
    let outbox: { status: string; n: number }[] = [];
    for (;;) {
      outbox = await check.query<{ status: string; n: number }>(`select status, count(*)::int as n from outbox group by status order by status`);
      if (outbox.every((r) => r.status === 'sent') || Date.now() > outboxDeadline) break;
      await sleep(500);
    }
    const outboxSent = outbox.find((r) => r.status === 'sent')?.n ?? 0;
    const outboxStuck = outbox.filter((r) => r.status !== 'sent').reduce((sum, r) => sum + r.n, 0);
    await check.close();

    const summary = {
      restarts: plan.length,
      survived: !exited(),
      requests: outcomes.length,
      byStatus: Object.entries(
        outcomes.reduce<Record<string, number>>((acc, o) => ((acc[o.status ?? o.error!] = (acc[o.status ?? o.error!] ?? 0) + 1), acc), {}),
      ),
      pageMsBeforeRestarts: baselineMs,
      recoveryMs: recoveries,
      pageRecoveryMs: pageRecoveries,
      signups: { answeredOk: signedUp.length, lost: signedUp.length - rows.length, unknownOutcome: unknown, rowsAdded: total - rowsBefore },
      outbox: { sent: outboxSent, stuck: outboxStuck },
    };
    console.log(`db-restart: ${JSON.stringify(summary)}`);

    expect(exited(), `the server died${tail()}`).toBe(false);
    expect(failures.slice(0, 5), `responses other than success or 503 (of ${outcomes.length})${tail()}`).toEqual([]);
    expect(withoutRetryAfter.length, '503 without Retry-After').toBe(0);
    expect(duringOutage.length, 'the load reached the server while the database was stopped').toBeGreaterThan(0);
    expect(duringOutage.filter((o) => o.status !== 503)).toEqual([]);
    for (const c of outageChecks) {
      expect(c).toEqual({ page: 503, retryAfter: expect.stringMatching(/^\d+$/), readyz: 503, healthz: 200, signup: 503, translated: true });
    }
    expect(signedUp.length, 'sign-ups went through between the restarts').toBeGreaterThan(0);
    // None answered as received and then missing; none stored twice: one row per token, and the table
    // grew by at most the answered ones plus those whose answer was lost with the connection (a COMMIT
    // the database carried out just before it went away is stored although the answer was a 503).
    expect(rows.length).toBe(signedUp.length);
    expect(new Set(rows.map((r) => r.access_token_hash)).size).toBe(rows.length);
    expect(total - rowsBefore).toBeGreaterThanOrEqual(signedUp.length);
    expect(total - rowsBefore).toBeLessThanOrEqual(signedUp.length + unknown);
    expect(outboxSent, 'the sign-ups queued mail').toBeGreaterThan(0);
    expect(outbox.filter((r) => r.status !== 'sent'), 'outbox rows left pending, sending or failed').toEqual([]);
    for (const ms of recoveries) expect(ms, `reconnect times ${recoveries.join(', ')} ms`).toBeLessThan(RECONNECT_LIMIT_MS);
    for (const ms of pageRecoveries) expect(ms, `times to a whole page ${pageRecoveries.join(', ')} ms`).toBeLessThan(PAGE_LIMIT_MS);
  }, 150_000);

  function page(p: string) {
    return fetch(`${base}${p}`, { headers: { accept: 'text/html', 'accept-language': 'nb' }, signal: AbortSignal.timeout(10_000) });
  }

  function signup(activitySlug: string, name: string) {
    const body = new URLSearchParams({
      participantFirstName: name,
      birthYear: String(new Date().getUTCFullYear() - 10),
      guardianName: 'Test Foresatt',
      guardianEmail: 'foresatt@test.example',
      language: 'nb',
    });
    return fetch(`${base}/aktiviteter/${activitySlug}`, {
      method: 'POST',
      body,
      redirect: 'manual',
      // Its own address each time (TRUST_PROXY above), and the portal's own origin (same-origin writes).
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: base,
        'x-forwarded-for': `10.${n % 250}.${(n >> 8) % 250}.${Math.floor(Math.random() * 250)}`,
      },
      signal: AbortSignal.timeout(10_000),
    });
  }

  async function timed(kind: Outcome['kind'], send: () => Promise<Response>): Promise<Outcome> {
    const start = Date.now();
    try {
      const r = await send();
      await r.arrayBuffer();
      const redirected = kind === 'signup' && r.status >= 300 && r.status < 400;
      const token = redirected ? /\/pamelding\/([^/?]+)/.exec(r.headers.get('location') ?? '')?.[1] : undefined;
      return { kind, start, end: Date.now(), status: r.status, retryAfter: r.headers.get('retry-after'), token };
    } catch (error) {
      // A reset or refused connection (the process died) or a request that hung for 10 s.
      const e = error as Error & { cause?: { code?: string } };
      await sleep(50);
      return { kind, start, end: Date.now(), error: `${e.name}${e.cause?.code ? `:${e.cause.code}` : ''}` };
    }
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

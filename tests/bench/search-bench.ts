// `npm run bench` (issue 13): the portal started exactly as `npm start` starts it (the production build,
// NODE_ENV=production, PORTAL_MODE=demo), on the demo region plus generated activities, for 2 000 and
// 20 000 activities (and 200 000 with BENCH_LARGE=1). Load comes from a separate process
// (load-generator.ts) with a browser's Accept-Encoding, at 10 connections, for a fixed time per target.
//
// Uncached figures: the server runs with MICRO_CACHE=off, and every search is also a new one (a new
// upper price, a filter the page applies), every activity page a different activity. CPU per request is
// read from /proc for the Node process and for its PostgreSQL backends, which is far steadier than req/s
// on a shared machine; each target is also given as a ratio to /healthz measured in the same run.
// The cached figures (through the micro-cache, as visitors mostly get pages) are given for 20 000.
//
// Prints a line per target, and as its last line one JSON object (the summary keys are in the issue).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, runMigrations } from '../../db/client';
import { addScaleActivities, seedDemo } from '../../db/seed';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
// BENCH_SIZES=2000 for a quick look at one size; the summary needs 2 000 and 20 000.
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [2_000, 20_000, ...(process.env.BENCH_LARGE === '1' ? [200_000] : [])];
const BROWSER = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,application/xhtml+xml', 'accept-language': 'nb-NO,nb;q=0.9' };
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);
const admin = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://127.0.0.1:5432/postgres';

// Search targets: what a family's own combination costs when nobody made it in the last seconds.
const searchTargets = {
  browse: ['/aktiviteter'],
  q_fotball: ['/aktiviteter?q=fotball'],
  q_fotbal: ['/aktiviteter?q=fotbal'],
  three_filters: ['/aktiviteter?alder=10&kommune=modum&dag=2', '/aktiviteter?alder=12&kategori=dans&gratis=1', '/aktiviteter?alder=9&sprak=so&utlan=1'],
  page_50: ['/aktiviteter?side=50'],
} as const;
const cachedSearches = [
  '/aktiviteter',
  '/aktiviteter?q=fotball',
  '/aktiviteter?q=fotbal&kommune=modum',
  '/aktiviteter?kategori=dans&alder=12',
  '/aktiviteter?alder=10&gratis=1&utlan=1',
  '/aktiviteter?q=svømming&sortering=pris',
  '/aktiviteter?sprak=so&alder=9',
  '/aktiviteter?kommune=sigdal&dag=2&dag=4',
];

type Load = { requests: number; rps: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number; non2xx: number };
type Measured = Load & { node_cpu_ms: number; pg_cpu_ms: number | null; vs_healthz?: number };

async function main() {
  console.log('bench: building as npm start does (npm run build)');
  await run('npm', ['run', 'build', '--silent']);
  const staticFile = findStaticFile();
  const bySize: Record<number, Record<string, Measured>> = {};
  let cached: Record<string, Load> | undefined;
  for (const size of SIZES) {
    const db = await database(`fp_bench_${size}`);
    const started = Date.now();
    const handle = await openDatabase({ url: db.url ?? undefined, dataDir: db.dir });
    await runMigrations(handle);
    await seedDemo(handle);
    await addScaleActivities(handle, Math.max(0, size - 255));
    const slugs = (await handle.query<{ slug: string }>(`select slug from activity where status = 'published' and (expires_at is null or expires_at > now()) order by random() limit 5000`)).map((r) => `/aktiviteter/${r.slug}`);
    const [{ n }] = await handle.query<{ n: number }>(`select count(*)::int as n from activity`);
    await handle.query('analyze');
    await handle.close();
    console.log(`bench: ${n} activities seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const results: Record<string, Measured> = {};
    const server = await startServer(db, { MICRO_CACHE: 'off' });
    try {
      await warmUp([...Object.values(searchTargets).flat(), ...slugs.slice(0, 50), '/', staticFile]);
      const targets: [string, string[], 'none' | 'price'][] = [
        ['healthz', ['/healthz'], 'none'],
        ...Object.entries(searchTargets).map(([k, paths]) => [k, [...paths], 'price'] as [string, string[], 'price']),
        ['activity', slugs, 'none'],
        ['home', ['/'], 'none'],
        ['static', [staticFile], 'none'],
      ];
      for (const [name, paths, vary] of targets) {
        results[name] = await measure(server, db, name, paths, vary, size);
      }
      for (const r of Object.values(results)) r.vs_healthz = ratio(r.rps, results.healthz.rps);
    } finally {
      await stop(server);
    }
    if (size === 20_000) {
      const cachedServer = await startServer(db, {});
      try {
        await warmUp([...cachedSearches, ...slugs.slice(0, 200)]);
        cached = {
          search: await loadOnly('cached search', cachedSearches),
          activity: await loadOnly('cached activity', slugs.slice(0, 200)),
          healthz: await loadOnly('cached healthz', ['/healthz']),
        };
      } finally {
        await stop(cachedServer);
      }
    }
    await db.cleanup();
    bySize[size] = results;
  }

  const at = bySize[20_000] ?? bySize[SIZES.at(-1)!];
  const searches = Object.keys(searchTargets).map((k) => at[k]);
  const cpuTotal = (r: Record<string, Measured>) => median(Object.keys(searchTargets).map((k) => r[k].node_cpu_ms + (r[k].pg_cpu_ms ?? 0)));
  const summary: Record<string, unknown> = {
    sizes: SIZES,
    uncached_search_vs_healthz: median(searches.map((r) => r.vs_healthz!)),
    // The worst of the search targets, not an average that hides one.
    uncached_search_p95_ms: Math.max(...searches.map((r) => r.p95_ms)),
    uncached_text_search_vs_healthz: Math.min(at.q_fotball.vs_healthz!, at.q_fotbal.vs_healthz!),
    uncached_activity_vs_healthz: at.activity.vs_healthz,
    uncached_home_vs_healthz: at.home.vs_healthz,
    static_vs_healthz: at.static.vs_healthz,
    search_node_cpu_ms: median(searches.map((r) => r.node_cpu_ms)),
    search_pg_cpu_ms: at.browse.pg_cpu_ms === null ? null : median(searches.map((r) => r.pg_cpu_ms!)),
    search_cpu_20k_vs_2k: bySize[20_000] && bySize[2_000] ? ratio(cpuTotal(bySize[20_000]), cpuTotal(bySize[2_000])) : null,
    ...(bySize[200_000] ? { search_cpu_200k_vs_2k: ratio(cpuTotal(bySize[200_000]), cpuTotal(bySize[2_000])) } : {}),
    cached_search_rps: cached ? Math.round(cached.search.rps) : null,
    cached_search_p95_ms: cached?.search.p95_ms ?? null,
    cached_activity_rps: cached ? Math.round(cached.activity.rps) : null,
    cached_search_vs_healthz: cached ? ratio(cached.search.rps, cached.healthz.rps) : null,
    by_size: Object.fromEntries(
      Object.entries(bySize).map(([size, r]) => [size, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { rps: Math.round(v.rps), p95_ms: v.p95_ms, vs_healthz: v.vs_healthz, node_cpu_ms: v.node_cpu_ms, pg_cpu_ms: v.pg_cpu_ms }]))]),
    ),
  };
  const targets: [string, boolean][] = [
    ['browse and filter searches >= 0.25 x /healthz', ['browse', 'three_filters', 'page_50'].every((k) => at[k].vs_healthz! >= 0.25)],
    ['text search >= 0.12 x /healthz', (summary.uncached_text_search_vs_healthz as number) >= 0.12],
    ['activity page >= 0.25 x /healthz', at.activity.vs_healthz! >= 0.25],
    ['uncached search p95 < 100 ms', (summary.uncached_search_p95_ms as number) < 100],
    ['search Node CPU <= 5 ms per request', (summary.search_node_cpu_ms as number) <= 5],
    ['search PostgreSQL CPU <= 3 ms per request', summary.search_pg_cpu_ms !== null && (summary.search_pg_cpu_ms as number) <= 3],
    ['static files >= 0.8 x /healthz', at.static.vs_healthz! >= 0.8],
    ...(bySize[200_000] ? ([['search CPU at 200k <= 1.5 x at 2k', (summary.search_cpu_200k_vs_2k as number) <= 1.5]] as [string, boolean][]) : []),
  ];
  for (const [what, met] of targets) console.log(`target: ${what}: ${met ? 'met' : 'MISSED'}`);
  console.log(JSON.stringify(summary));
}

async function measure(server: Server, db: Db, name: string, paths: string[], vary: 'none' | 'price', size: number): Promise<Measured> {
  const before = await cpu(server, db);
  const load = await generate(paths, vary);
  const after = await cpu(server, db);
  const node = ((after.node - before.node) * TICK_MS) / Math.max(1, load.requests);
  const pg = after.pg === null || before.pg === null ? null : ((after.pg - pgBefore(before, after)) * TICK_MS) / Math.max(1, load.requests);
  const m: Measured = { ...load, node_cpu_ms: round(node), pg_cpu_ms: pg === null ? null : round(pg) };
  console.log(`${String(size).padStart(6)} ${name.padEnd(14)} ${JSON.stringify({ rps: Math.round(m.rps), p50_ms: m.p50_ms, p95_ms: m.p95_ms, node_cpu_ms: m.node_cpu_ms, pg_cpu_ms: m.pg_cpu_ms, errors: m.errors, non2xx: m.non2xx })}`);
  if (m.errors || m.non2xx) console.log(`bench: ${name} had ${m.errors} errors and ${m.non2xx} non-2xx answers`);
  return m;
}

// Backends that appeared during the run count from zero; those that were there count from their start.
function pgBefore(before: Cpu, after: Cpu) {
  let sum = 0;
  for (const pid of Object.keys(after.pgByPid)) sum += before.pgByPid[pid] ?? 0;
  return sum;
}

type Cpu = { node: number; pg: number | null; pgByPid: Record<string, number> };
async function cpu(server: Server, db: Db): Promise<Cpu> {
  const node = ticks(server.child.pid!);
  if (!db.sql) return { node, pg: null, pgByPid: {} };
  const rows = await db.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${db.name} and pid <> pg_backend_pid()`;
  const pgByPid: Record<string, number> = {};
  for (const { pid } of rows) pgByPid[pid] = ticks(pid);
  return { node, pg: Object.values(pgByPid).reduce((a, b) => a + b, 0), pgByPid };
}

/** utime + stime of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function ticks(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

async function generate(paths: string[], vary: 'none' | 'price', seconds = SECONDS): Promise<Load> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fp-bench-load-'));
  const file = path.join(dir, 'target.json');
  writeFileSync(file, JSON.stringify({ url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, seconds, paths, vary, headers: BROWSER }));
  try {
    const out = await run(process.execPath, ['--import', 'tsx', 'tests/bench/load-generator.ts', file], true);
    return JSON.parse(out.trim().split('\n').at(-1)!) as Load;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadOnly(title: string, paths: string[]) {
  const load = await generate(paths, 'none');
  console.log(`${'20000'.padStart(6)} ${title.padEnd(14)} ${JSON.stringify({ rps: Math.round(load.rps), p50_ms: load.p50_ms, p95_ms: load.p95_ms, errors: load.errors, non2xx: load.non2xx })}`);
  return load;
}

const warmUp = (paths: string[]) => generate(paths, 'price', 3);

type Db = { name: string; url: string | null; dir?: string; sql: postgres.Sql | null; env: Record<string, string>; cleanup(): Promise<void> };
async function database(name: string): Promise<Db> {
  const sql = postgres(admin, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return {
      name,
      url: u.toString(),
      sql,
      env: { DATABASE_URL: u.toString() },
      cleanup: async () => {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await sql.end({ timeout: 1 });
      },
    };
  } catch {
    // Without a PostgreSQL server the bench runs on PGlite, inside the Node process: no separate PostgreSQL CPU.
    await sql.end({ timeout: 1 });
    const dir = mkdtempSync(path.join(tmpdir(), 'fp-bench-'));
    return { name, url: null, dir, sql: null, env: { PGLITE_DIR: dir, DATABASE_URL: '' }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
}

type Server = { child: ChildProcess };
async function startServer(db: Db, extra: Record<string, string>): Promise<Server> {
  // As package.json's "start" runs it after the build.
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/index.js'], {
    env: {
      ...process.env,
      ...db.env,
      NODE_ENV: 'production',
      PORTAL_MODE: 'demo',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      SEED: 'never',
      LOG_LEVEL: 'warn',
      // The per-address limits would refuse one load generator's thousands of requests; the cap on
      // requests in flight stays as configured by default.
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error('the server exited at start');
    if (await fetch(`http://127.0.0.1:${PORT}/readyz`).then((r) => r.ok, () => false)) return { child };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready');
}

async function stop(server: Server) {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

function findStaticFile() {
  const dir = 'public/build/_shared';
  const js = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => ({ f, size: readFileSync(path.join(dir, f)).length }));
  // A large one, as the issue measured a 69 kB file.
  js.sort((a, b) => b.size - a.size);
  return `/build/_shared/${js[Math.min(1, js.length - 1)].f}`;
}

function run(cmd: string, args: string[], capture = false) {
  return new Promise<string>((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', capture ? 'pipe' : 'ignore', 'inherit'] });
    let out = '';
    p.stdout?.on('data', (d) => (out += d));
    p.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

const round = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

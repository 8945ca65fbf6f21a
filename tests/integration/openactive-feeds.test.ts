import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RpdeValidator } from '@openactive/rpde-validator';
import { sql } from 'drizzle-orm';
import { refreshOpenData, type RpdePage } from '../../app/domain/opendata/feeds.server';
import { openActiveActivity } from '../../app/domain/opendata/openactive-vocabulary';
import * as seriesRoute from '../../app/routes/openactive.session-series';
import * as sessionsRoute from '../../app/routes/openactive.scheduled-sessions';
import { resetEnv } from '../../app/utils/env.server';
import { addScaleActivities } from '../../db/seed';
import { useTestDatabase } from '../setup/db';
import { validateOpenActive } from '../setup/openactive';

// Issue 14, part 1: the OpenActive RPDE feeds. Every item is checked with OpenActive's own data-model
// validator (its activity and accessibility lists read from the shipped copies), every page with its
// RPDE validator walking the feeds over HTTP, for the demo data plus a slice of the SEED_SCALE data.
const t = useTestDatabase();

const routes = { '/openactive/session-series': seriesRoute, '/openactive/scheduled-sessions': sessionsRoute };
let server: http.Server;
let origin: string;
const previousUrl = process.env.PUBLIC_URL;

beforeAll(async () => {
  await addScaleActivities(t.handle, 300);
  // A real HTTP server in front of the two loaders, as the RPDE validator reads a feed from a URL.
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, origin);
    const route = routes[url.pathname as keyof typeof routes];
    if (!route) return void res.writeHead(404).end();
    const answer = await route.loader({ request: new Request(url), params: {}, context: {} });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PUBLIC_URL = origin;
  resetEnv();
  const started = Date.now();
  await refreshOpenData({ all: true });
  console.info(`the first full refresh took ${Date.now() - started} ms`);
}, 300_000);

afterAll(async () => {
  server?.close();
  if (previousUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = previousUrl;
  resetEnv();
});

async function page(path: keyof typeof routes, query = '') {
  const res = await routes[path].loader({ request: new Request(`${origin}${path}${query}`), params: {}, context: {} });
  return { res, body: (await res.json()) as RpdePage };
}

/** Every item of a feed, read page by page as a consumer would, from a cursor (or the start). */
async function readAll(path: keyof typeof routes, from = '') {
  const items: RpdePage['items'] = [];
  let query = from;
  for (let n = 0; n < 1000; n++) {
    const { body } = await page(path, query);
    items.push(...body.items);
    const next = new URL(body.next).search;
    if (next === query || !body.items.length) return { items, cursor: next };
    query = next;
  }
  throw new Error('the feed never ended');
}

// Every SessionSeries is validated; of the ScheduledSessions (thousands, made by one function and
// differing only in date and time), the first of every activity, so every activity's shape is seen.
test('the items of both feeds pass the OpenActive data-model validator with 0 failures', async () => {
  for (const path of Object.keys(routes) as (keyof typeof routes)[]) {
    const { items } = await readAll(path);
    const live = items.filter((i) => i.state === 'updated');
    expect(live.length, path).toBeGreaterThan(path.endsWith('series') ? 50 : 100);
    const perActivity = new Map<string, number>();
    const sample = path.endsWith('series')
      ? live
      : live.filter((i) => {
          const activity = i.id.split('-')[0];
          perActivity.set(activity, (perActivity.get(activity) ?? 0) + 1);
          return perActivity.get(activity)! <= 1;
        });
    console.info(`${path}: ${live.length} items, ${sample.length} validated`);
    const failures: string[] = [];
    for (const item of sample) {
      const { failures: f } = await validateOpenActive(item.data);
      failures.push(...f.map((x) => `${item.id} ${x.path}: ${x.message.slice(0, 160)}`));
    }
    expect(failures, path).toEqual([]);
  }
}, 240_000);

test('items carry what aggregators need: activity, ages, gender, numeric offers with the total, a region, languages, organiser', async () => {
  const { items } = await readAll('/openactive/session-series');
  const byId = new Map(items.map((i) => [i.id, i]));
  const rows = (await t.handle.query<{ id: number; category: string; age_min: number; age_max: number; gender: string; total: number; leader_languages: string[] }>(
    `select id, category, age_min, age_max, gender, total_cost_per_year_ore as total, leader_languages from activity
     where status = 'published' and (expires_at is null or expires_at > now()) and exists (select 1 from activity_session s where s.activity_id = activity.id and s.weekday is not null)`,
  ));
  let checked = 0;
  for (const r of rows) {
    const item = byId.get(String(r.id));
    if (!openActiveActivity(r.category)) {
      // Music, drama, scouting …: not in OpenActive's list, published in the HSDS API instead.
      expect(item, `${r.category} ${r.id}`).toBeUndefined();
      continue;
    }
    const data = item!.data as Record<string, any>;
    expect(data['@type']).toBe('SessionSeries');
    expect(data['@id']).toMatch(new RegExp(`^${origin}/aktiviteter/.+#session-series$`));
    expect(data.activity[0]['@id']).toBe(openActiveActivity(r.category)!['@id']);
    expect(data.ageRange).toEqual({ '@type': 'QuantitativeValue', minValue: r.age_min, maxValue: r.age_max });
    expect(data.genderRestriction).toBe({ all: 'https://openactive.io/NoRestriction', girls: 'https://openactive.io/FemaleOnly', boys: 'https://openactive.io/MaleOnly' }[r.gender]);
    expect(data.offers.every((o: { price: unknown }) => typeof o.price === 'number')).toBe(true);
    expect(data.offers.at(-1)).toMatchObject({ identifier: 'total', price: r.total / 100, priceCurrency: 'NOK' });
    expect(data.location.address.addressRegion).toBe('Buskerud');
    expect(data.inLanguage).toEqual(r.leader_languages.length ? r.leader_languages : ['nb']);
    expect(data.organizer['@type']).toBe('Organization');
    checked++;
  }
  expect(checked).toBeGreaterThan(50);
  expect(rows.some((r) => !openActiveActivity(r.category))).toBe(true);
});

test('the feeds pass the RPDE validator walking them over HTTP, with 0 failures', async () => {
  for (const path of Object.keys(routes)) {
    const log = await RpdeValidator(`${origin}${path}`, { pageLimit: 100, timeoutMs: 30_000 });
    const failures = log.pages.flatMap((p) => p.errors.filter((e) => e.severity === 'failure').map((e) => `${p.url}: ${e.type} ${e.message.slice(0, 160)}`));
    expect(log.pages.length, path).toBeGreaterThan(1);
    expect(failures, path).toEqual([]);
  }
}, 120_000);

test('pages follow (modified, id) strictly, are cached as RPDE asks, and a bad cursor changes nothing', async () => {
  const { items } = await readAll('/openactive/scheduled-sessions');
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    expect(a.modified < b.modified || (a.modified === b.modified && a.id < b.id), `${a.id} then ${b.id}`).toBe(true);
  }
  const first = await page('/openactive/session-series');
  expect(first.res.headers.get('Cache-Control')).toBe('public, max-age=3600');
  expect(first.res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  expect(first.body.license).toBe('https://creativecommons.org/licenses/by/4.0/');
  const { cursor } = await readAll('/openactive/session-series');
  const last = await page('/openactive/session-series', cursor);
  expect(last.body.items).toEqual([]);
  expect(new URL(last.body.next).search).toBe(cursor);
  expect(last.res.headers.get('Cache-Control')).toBe('public, max-age=8');
  const bad = await routes['/openactive/session-series'].loader({ request: new Request(`${origin}/openactive/session-series?afterTimestamp=abc&afterId=1`), params: {}, context: {} });
  expect(bad.status).toBe(400);
});

test('a withdrawn activity stays as a tombstone, and a consumer at the end of the feed reads just that change', async () => {
  const { cursor: seriesCursor } = await readAll('/openactive/session-series');
  const { cursor: sessionsCursor } = await readAll('/openactive/scheduled-sessions');
  const [target] = await t.handle.query<{ id: number }>(`select id from activity where status = 'published' and category = 'fotball' and (expires_at is null or expires_at > now()) order by id limit 1`);
  await t.handle.db.execute(sql`update activity set status = 'archived', updated_at = now() where id = ${target.id}`);
  const again = await refreshOpenData();
  expect(again.skipped).toBe(false);
  const series = await readAll('/openactive/session-series', seriesCursor);
  expect(series.items).toEqual([{ state: 'deleted', kind: 'SessionSeries', id: String(target.id), modified: expect.any(Number) }]);
  const sessions = await readAll('/openactive/scheduled-sessions', sessionsCursor);
  expect(sessions.items.length).toBeGreaterThan(0);
  for (const item of sessions.items) {
    expect(item).toEqual({ state: 'deleted', kind: 'ScheduledSession', id: expect.stringMatching(new RegExp(`^${target.id}-`)), modified: expect.any(Number) });
  }
  // Read from the start, the tombstone is still there, after the items that did not change.
  const all = await readAll('/openactive/session-series');
  expect(all.items.at(-1)).toMatchObject({ state: 'deleted', id: String(target.id) });
  // A refresh with nothing changed publishes nothing new.
  const quiet = await refreshOpenData();
  expect(quiet.changed).toBe(0);
});

test('a session that has ended becomes a tombstone; the window moves on', async () => {
  const { cursor } = await readAll('/openactive/scheduled-sessions');
  const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
  const started = Date.now();
  await refreshOpenData({ now: later, all: true });
  console.info(`a full refresh took ${Date.now() - started} ms`);
  const { items } = await readAll('/openactive/scheduled-sessions', cursor);
  const ended = items.filter((i) => i.state === 'deleted');
  const added = items.filter((i) => i.state === 'updated');
  expect(ended.length).toBeGreaterThan(0);
  expect(added.length).toBeGreaterThan(0);
  for (const i of added) expect(Date.parse((i.data as { startDate: string }).startDate)).toBeGreaterThan(Date.now() + 20 * 24 * 3600 * 1000);
}, 120_000);

test('two refreshes at once: one runs, the other stands aside', async () => {
  const [a, b] = await Promise.all([refreshOpenData(), refreshOpenData()]);
  expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
});

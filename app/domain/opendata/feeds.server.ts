import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { openDataItem, openDataRefresh, type OpenDataFeed } from '../../../db/schema/open-data';
import { getFixedT } from '../../i18n.server';
import { db } from '../../utils/db.server';
import { publicUrl } from '../../utils/env.server';
import { inTransaction } from '../../utils/transaction.server';
import { OPEN_DATA_LICENCE, openDataHeaders } from '../../utils/open-data.server';
import { getPublicActivity, type PublicActivity } from '../catalogue/activity.server';
import { openActiveWords, scheduledSessions, sessionSeries, type OpenActiveWords } from './openactive';

// The OpenActive RPDE feeds (docs/decisions/024-openactive-feeds.md). Items are kept as rows and
// refreshed in the background: a page is then one index range read, a withdrawn activity or a past
// session stays as a tombstone, and "modified" only moves when what a consumer would read changes.

export const PAGE_SIZE = 500;
/** Tombstones are kept this long; a consumer that has not read the feed for longer must start again. */
export const TOMBSTONE_DAYS = 90;
/** How many activities the background sweep looks at per run (it also takes every changed one). */
const SWEEP_BATCH = 100;
const LEASE_MS = 5 * 60 * 1000;
const REFRESH = 'openactive';


export const feedKinds: Record<OpenDataFeed, string> = { 'session-series': 'SessionSeries', 'scheduled-sessions': 'ScheduledSession' };

type Desired = { feed: OpenDataFeed; id: string; data: unknown; endsAt: Date | null };

const hashOf = (data: unknown) => createHash('sha256').update(JSON.stringify(data)).digest('base64url');

async function feedWords(): Promise<OpenActiveWords> {
  return openActiveWords(await getFixedT('nb', 'catalogue'));
}

/** What the feeds should hold for one activity now: nothing when it is not public or not for OpenActive. */
function desiredItems(a: PublicActivity | null, base: string, words: OpenActiveWords, now: Date): Desired[] {
  if (!a) return [];
  const series = sessionSeries(a, base, words);
  if (!series) return [];
  return [
    { feed: 'session-series', id: String(a.id), data: series, endsAt: null },
    ...scheduledSessions(a, base, now).map((x) => ({ feed: 'scheduled-sessions' as const, id: x.key, data: x.data, endsAt: x.endsAt })),
  ];
}

async function claim(now: Date) {
  return inTransaction(undefined, async (tx) => {
    await tx.insert(openDataRefresh).values({ name: REFRESH }).onConflictDoNothing();
    const [row] = await tx.select().from(openDataRefresh).where(eq(openDataRefresh.name, REFRESH)).for('update', { skipLocked: true });
    if (!row || (row.leasedUntil && row.leasedUntil > now)) return null;
    await tx.update(openDataRefresh).set({ leasedUntil: new Date(now.getTime() + LEASE_MS) }).where(eq(openDataRefresh.name, REFRESH));
    return row;
  });
}

/**
 * Brings the feeds up to date. Takes the activities changed since the last run (and those whose
 * listing expired since), plus the next slice of the sweep, which walks every activity in turn so that
 * a venue's new address or a session entering the window is published within a sweep. With `all`,
 * every activity (tests, and an operator after an upgrade). One runner at a time, by a lease: two
 * servers computing the same items could otherwise write an older view over a newer one.
 */
export async function refreshOpenData(options: { now?: Date; all?: boolean } = {}) {
  // `now` is the moment the content is for (a test moves it on); the lease and the change cursor go by the clock.
  const clock = new Date();
  const now = options.now ?? clock;
  const state = await claim(clock);
  if (!state) return { skipped: true as const, changed: 0, activities: 0 };
  try {
    // The very first run takes no "changes" (every activity would be one: at national scale, hours of
    // work in one run); the sweep fills the feeds instead, 100 activities a minute.
    const since = state.changedSince;
    const changed = since
      ? await db()
          .select({ id: s.activity.id })
          .from(s.activity)
          .where(or(gt(s.activity.updatedAt, since), and(gt(s.activity.expiresAt, since), lte(s.activity.expiresAt, now))))
      : [];
    const sweep = options.all
      ? await db().select({ id: s.activity.id }).from(s.activity)
      : await db().select({ id: s.activity.id }).from(s.activity).where(gt(s.activity.id, state.sweepAfterId)).orderBy(asc(s.activity.id)).limit(SWEEP_BATCH);
    const ids = [...new Set([...changed, ...sweep].map((r) => r.id))].sort((x, y) => x - y);
    const base = publicUrl();
    const words = await feedWords();
    let count = 0;
    for (let i = 0; i < ids.length; i += 50) {
      const batch = ids.slice(i, i + 50);
      const slugs = await db().select({ id: s.activity.id, slug: s.activity.slug }).from(s.activity).where(inArray(s.activity.id, batch));
      const desired = new Map<number, Desired[]>();
      const pages = await Promise.all(slugs.map((r) => getPublicActivity(r.slug, 'nb', now)));
      slugs.forEach((r, j) => desired.set(r.id, desiredItems(pages[j], base, words, now)));
      count += await writeItems(batch, desired, now);
    }
    count += await retireEnded(now);
    const lastSwept = sweep.length ? sweep[sweep.length - 1].id : 0;
    await db()
      .update(openDataRefresh)
      .set({ changedSince: clock, sweepAfterId: options.all || sweep.length < SWEEP_BATCH ? 0 : lastSwept, leasedUntil: null })
      .where(eq(openDataRefresh.name, REFRESH));
    return { skipped: false as const, changed: count, activities: ids.length };
  } catch (error) {
    await db().update(openDataRefresh).set({ leasedUntil: null }).where(eq(openDataRefresh.name, REFRESH));
    throw error;
  }
}

/** A "modified" above every stored one and not before now: strictly increasing, and a time. */
async function nextModified(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], now: Date) {
  const [row] = await tx.select({ max: sql<string | null>`max(${openDataItem.modified})` }).from(openDataItem);
  return Math.max(now.getTime(), Number(row?.max ?? 0) + 1);
}

/** Writes what changed for these activities in one transaction: new and changed items, tombstones for the rest. */
async function writeItems(activityIds: number[], desired: Map<number, Desired[]>, now: Date) {
  return inTransaction(undefined, async (tx) => {
    const stored = await tx
      .select({ feed: openDataItem.feed, id: openDataItem.id, state: openDataItem.state, hash: openDataItem.hash })
      .from(openDataItem)
      .where(inArray(openDataItem.activityId, activityIds));
    const key = (feed: string, id: string) => `${feed}\u0000${id}`;
    const byKey = new Map(stored.map((r) => [key(r.feed, r.id), r]));
    let modified = await nextModified(tx, now);
    const wanted = new Set<string>();
    const upserts: (typeof openDataItem.$inferInsert)[] = [];
    for (const [activityId, items] of desired) {
      for (const item of items) {
        wanted.add(key(item.feed, item.id));
        const hash = hashOf(item.data);
        const old = byKey.get(key(item.feed, item.id));
        if (old && old.state === 'updated' && old.hash === hash) continue;
        upserts.push({ feed: item.feed, id: item.id, activityId, modified: modified++, state: 'updated', data: item.data, hash, endsAt: item.endsAt });
      }
    }
    // What is stored but no longer wanted (withdrawn, expired, a session moved or cancelled) becomes a tombstone.
    const gone = stored.filter((old) => old.state === 'updated' && !wanted.has(key(old.feed, old.id)));
    for (let i = 0; i < upserts.length; i += 500) {
      await tx
        .insert(openDataItem)
        .values(upserts.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [openDataItem.feed, openDataItem.id],
          set: { activityId: sql`excluded.activity_id`, modified: sql`excluded.modified`, state: sql`excluded.state`, data: sql`excluded.data`, hash: sql`excluded.hash`, endsAt: sql`excluded.ends_at` },
        });
    }
    for (const old of gone) {
      await tx
        .update(openDataItem)
        .set({ state: 'deleted', data: null, hash: null, endsAt: null, modified: modified++ })
        .where(and(eq(openDataItem.feed, old.feed), eq(openDataItem.id, old.id)));
    }
    return upserts.length + gone.length;
  });
}

/** Sessions that have ended become tombstones, and tombstones past their keeping time go. */
async function retireEnded(now: Date) {
  return inTransaction(undefined, async (tx) => {
    const base = await nextModified(tx, now);
    const ended = await tx.execute(sql`
      update open_data_item i set state = 'deleted', data = null, hash = null, modified = ${base}::bigint + n.rank
      from (select feed, id, row_number() over (order by id collate "C") as rank from open_data_item
            where state = 'updated' and ends_at <= ${now.toISOString()}::timestamptz) n
      where i.feed = n.feed and i.id = n.id`);
    await tx.execute(sql`delete from open_data_item where state = 'deleted' and modified < ${now.getTime() - TOMBSTONE_DAYS * 24 * 3600 * 1000}::bigint`);
    return (ended as unknown as { count?: number }).count ?? 0;
  });
}

export type RpdePage = {
  '@context'?: unknown;
  next: string;
  items: { state: 'updated' | 'deleted'; kind: string; id: string; modified: number; data?: unknown }[];
  license: string;
};

/**
 * One page of a feed after (afterTimestamp, afterId), in (modified, id) order: the RPDE "modified
 * timestamp and ID" ordering. The next page starts after this page's last item; an empty page links to itself.
 */
export async function rpdePage(feed: OpenDataFeed, after: { timestamp: number; id: string } | null, selfPath: string) {
  const rows = await db()
    .select({ id: openDataItem.id, modified: openDataItem.modified, state: openDataItem.state, data: openDataItem.data })
    .from(openDataItem)
    .where(and(eq(openDataItem.feed, feed), after ? sql`(${openDataItem.modified}, ${openDataItem.id} collate "C") > (${after.timestamp}, ${after.id} collate "C")` : undefined))
    .orderBy(asc(openDataItem.modified), sql`${openDataItem.id} collate "C"`)
    .limit(PAGE_SIZE);
  const last = rows[rows.length - 1];
  const base = `${publicUrl()}${selfPath}`;
  const next = last
    ? `${base}?afterTimestamp=${last.modified}&afterId=${encodeURIComponent(last.id)}`
    : after
      ? `${base}?afterTimestamp=${after.timestamp}&afterId=${encodeURIComponent(after.id)}`
      : base;
  const kind = feedKinds[feed];
  return {
    next,
    items: rows.map((r) => (r.state === 'updated' ? { state: r.state, kind, id: r.id, modified: r.modified, data: r.data } : { state: r.state, kind, id: r.id, modified: r.modified })),
    license: OPEN_DATA_LICENCE.url,
  } satisfies RpdePage;
}

/** Counts for the dataset page. */
export async function feedSummary() {
  const rows = await db()
    .select({ feed: openDataItem.feed, items: sql<number>`count(*) filter (where ${openDataItem.state} = 'updated')::int`, modified: sql<string | null>`max(${openDataItem.modified})` })
    .from(openDataItem)
    .groupBy(openDataItem.feed);
  return Object.fromEntries(rows.map((r) => [r.feed, { items: r.items, modified: r.modified ? new Date(Number(r.modified)) : null }])) as Partial<Record<OpenDataFeed, { items: number; modified: Date | null }>>;
}

const afterSchema = z.object({ afterTimestamp: z.coerce.number().int().nonnegative().optional(), afterId: z.string().max(200).optional() });

/**
 * An RPDE feed's answer to a request: the page as JSON, cached as the RPDE spec asks (an hour for a
 * full page, which never changes; 8 seconds for the last, where new items appear), open to any site.
 */
export async function rpdeResponse(feed: OpenDataFeed, url: URL) {
  const parsed = afterSchema.safeParse(Object.fromEntries(url.searchParams));
  const json = 'application/json; charset=utf-8';
  const { afterTimestamp, afterId } = parsed.success ? parsed.data : {};
  if (!parsed.success || (afterTimestamp === undefined) !== (afterId === undefined)) {
    return new Response(JSON.stringify({ error: 'afterTimestamp and afterId go together: afterTimestamp a whole number, afterId the last id read' }), { status: 400, headers: { ...openDataHeaders(json), 'Cache-Control': 'no-store' } });
  }
  const page = await rpdePage(feed, afterTimestamp === undefined ? null : { timestamp: afterTimestamp, id: afterId! }, url.pathname);
  return new Response(JSON.stringify(page), { headers: openDataHeaders(json, page.items.length ? 3600 : 8) });
}

/**
 * The dataset site's schema.org Dataset (what OpenActive's dataset sites carry, and how harvesters
 * find the feeds): one DataDownload per RPDE feed, CC BY 4.0, as a string safe inside <script>.
 */
export function datasetJsonLd(base: string, words: { name: string; description: string; feeds: Record<OpenDataFeed, string> }, language: string) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${base}/openactive`,
    url: `${base}/openactive`,
    name: words.name,
    description: words.description,
    inLanguage: language,
    license: OPEN_DATA_LICENCE.url,
    publisher: { '@type': 'Organization', name: 'Fritidsportalen', url: base },
    distribution: (Object.keys(feedKinds) as OpenDataFeed[]).map((feed) => ({
      '@type': 'DataDownload',
      name: words.feeds[feed],
      additionalType: `https://openactive.io/${feedKinds[feed]}`,
      encodingFormat: 'application/vnd.openactive.rpde+json; version=1',
      contentUrl: `${base}/openactive/${feed}`,
    })),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

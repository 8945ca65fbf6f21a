import { lt, sql } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { osloDate, osloDayPlus } from '../../utils/dates';
import { errorFields, log } from '../../utils/log.server';
import { foldForSearch } from '../catalogue/fold';
import type { SearchParams } from '../catalogue/search-params';
import { areasNamed, lookupPlaces } from '../catalogue/places.server';

// Families' reach (issue 14, part 6): how many searches, in which language, with which filters. The
// search page must stay fast under load, so a search writes nothing: it adds to counters in this
// process's memory, and flushSearchCounts() writes the increments every minute (and at shutdown) with
// `insert … on conflict do update set n = n + excluded.n`, which adds up whatever several app servers
// flush. Nothing about the visitor is kept: no IP, no user, no cookie, no session, no time of day; a
// query text is kept per day, shown only once a period has five of it, and purged after 90 days.

/** The filters counted one by one (the search's own query parameters, DESIGN.md). */
export const countedFilters = ['q', 'alder', 'kategori', 'omrade', 'dag', 'maks_pris', 'gratis', 'prove', 'utlan', 'stotte', 'dropin', 'nybegynner', 'tilrettelagt', 'sprak', 'kjonn'] as const;
export type FilterKind = 'all' | 'none' | (typeof countedFilters)[number];

export const FLUSH_EVERY_MS = 60_000;
export const QUERY_TEXT_KEPT_DAYS = 90;
/** A query text longer than this is cut: nobody types a sentence worth keeping whole, and a row stays small. */
const QUERY_MAX = 60;
/** Distinct keys held between flushes; past it new keys wait for the next flush (a flood of random queries cannot fill memory). */
const MAX_KEYS = 20_000;

const counts = new Map<string, number>();
const queries = new Map<string, number>();

/** Lower case, folded as search folds it, spaces collapsed and cut: "  Fotball  " and "fotball" are one text. */
export function normaliseQuery(q: string) {
  return foldForSearch(q).replace(/\s+/g, ' ').trim().slice(0, QUERY_MAX).trim();
}

const add = (map: Map<string, number>, key: string) => {
  if (!map.has(key) && map.size >= MAX_KEYS) return;
  map.set(key, (map.get(key) ?? 0) + 1);
};

/**
 * Counts one search (the first page of a result; paging on is the same search). The kommune is the
 * one chosen in the search, or the area's kommune; 0 when none is.
 */
export async function countSearch(params: SearchParams, language: string, now = new Date()) {
  if (params.side && params.side > 1) return;
  const places = await lookupPlaces();
  const chosen = params.kommune ? places.kommuneBySlug.get(params.kommune)?.id : undefined;
  const byArea = params.omrade ? areasNamed(places, params.omrade, params.kommune) : [];
  const kommuneId = chosen ?? (byArea.length === 1 ? byArea[0].kommuneId : 0);
  const day = osloDate(now);
  const used = countedFilters.filter((f) => {
    const v = params[f];
    return v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0);
  });
  const key = (kind: FilterKind) => JSON.stringify([day, kommuneId, language, kind]);
  add(counts, key('all'));
  if (!used.length) add(counts, key('none'));
  for (const f of used) add(counts, key(f));
  const q = params.q ? normaliseQuery(params.q) : '';
  if (q) add(queries, JSON.stringify([day, kommuneId, q]));
}

/** Writes the counts gathered since the last flush, additively; what fails to write is added back for the next one. */
export async function flushSearchCounts() {
  if (!counts.size && !queries.size) return 0;
  const c = [...counts.entries()];
  const q = [...queries.entries()];
  counts.clear();
  queries.clear();
  try {
    if (c.length) {
      const rows = c.map(([k, n]) => {
        const [day, kommuneId, language, filterKind] = JSON.parse(k) as [string, number, string, string];
        return { day, kommuneId, language, filterKind, n };
      });
      await db()
        .insert(s.searchCountDaily)
        .values(rows)
        .onConflictDoUpdate({ target: [s.searchCountDaily.day, s.searchCountDaily.kommuneId, s.searchCountDaily.language, s.searchCountDaily.filterKind], set: { n: sql`${s.searchCountDaily.n} + excluded.n` } });
    }
    if (q.length) {
      const rows = q.map(([k, n]) => {
        const [day, kommuneId, query] = JSON.parse(k) as [string, number, string];
        return { day, kommuneId, query, n };
      });
      await db()
        .insert(s.searchQueryDaily)
        .values(rows)
        .onConflictDoUpdate({ target: [s.searchQueryDaily.day, s.searchQueryDaily.kommuneId, s.searchQueryDaily.query], set: { n: sql`${s.searchQueryDaily.n} + excluded.n` } });
    }
    return c.length + q.length;
  } catch (error) {
    // The database was away: keep the increments for the next flush rather than lose a minute of counts.
    for (const [k, n] of c) counts.set(k, (counts.get(k) ?? 0) + n);
    for (const [k, n] of q) queries.set(k, (queries.get(k) ?? 0) + n);
    throw error;
  }
}

/** Flushes every minute in this process; the returned stop flushes once more (the server's shutdown). */
export function startSearchCountFlush(everyMs = FLUSH_EVERY_MS) {
  const flush = () => flushSearchCounts().catch((error: unknown) => log.error('search_counts.flush_failed', errorFields(error)));
  const timer = setInterval(flush, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await flush();
  };
}

/** Deletes query texts older than QUERY_TEXT_KEPT_DAYS (a job, jobs.server.ts); counts without text stay. */
export async function purgeSearchQueries(now = new Date()) {
  const before = osloDayPlus(now, -QUERY_TEXT_KEPT_DAYS);
  const deleted = await db().delete(s.searchQueryDaily).where(lt(s.searchQueryDaily.day, before)).returning({ day: s.searchQueryDaily.day });
  return deleted.length;
}

/** For tests: what is waiting in memory. */
export const pendingSearchCounts = () => ({ counts: counts.size, queries: queries.size });

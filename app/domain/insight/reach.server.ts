import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { languages } from '../../i18n';
import { db } from '../../utils/db.server';
import { osloDayPlus } from '../../utils/dates';
import { MIN_COUNT } from './suppression';
import { bandOfAge } from './bands';
import { countedFilters } from './search-counts.server';

// Families' reach (issue 14, part 6): searches by language and by filter over the last days, the query
// texts that reached five, and sign-ups per area and age band (children: the caller suppresses them).

export const REACH_DAYS = 30;
export const filterKinds = ['all', 'none', ...countedFilters] as const;

/** Searches that chose this kommune (or one of its areas), and those that chose none, over the last REACH_DAYS days. */
export async function searchReach(kommuneId: number, now = new Date()) {
  const from = osloDayPlus(now, -(REACH_DAYS - 1));
  const where = and(gte(s.searchCountDaily.day, from), inArray(s.searchCountDaily.kommuneId, [kommuneId, 0]));
  const rows = await db()
    .select({ language: s.searchCountDaily.language, filterKind: s.searchCountDaily.filterKind, n: sql<number>`sum(${s.searchCountDaily.n})::int` })
    .from(s.searchCountDaily)
    .where(where)
    .groupBy(s.searchCountDaily.language, s.searchCountDaily.filterKind);
  const byLanguage = languages.map((l) => rows.filter((r) => r.language === l && r.filterKind === 'all').reduce((a, r) => a + r.n, 0));
  const byFilter = filterKinds.map((f) => rows.filter((r) => r.filterKind === f).reduce((a, r) => a + r.n, 0));
  // A text is shown only when the period holds it MIN_COUNT times or more (k-anonymity of what people typed).
  const queries = await db()
    .select({ query: s.searchQueryDaily.query, n: sql<number>`sum(${s.searchQueryDaily.n})::int` })
    .from(s.searchQueryDaily)
    .where(and(gte(s.searchQueryDaily.day, from), inArray(s.searchQueryDaily.kommuneId, [kommuneId, 0])))
    .groupBy(s.searchQueryDaily.query)
    .having(sql`sum(${s.searchQueryDaily.n}) >= ${MIN_COUNT}`)
    .orderBy(desc(sql`sum(${s.searchQueryDaily.n})`), asc(s.searchQueryDaily.query))
    .limit(20);
  return { from, byLanguage, byFilter, queries };
}

/** Sign-ups held now (they are deleted after the season) per area × age band of the child; ages outside 6–19 are left out. */
export async function signupsByAreaBand(kommuneId: number, areaIds: number[]) {
  const rows = await db()
    .select({ areaId: s.activity.areaId, age: sql<number>`(extract(year from ${s.signupRequest.createdAt}) - ${s.signupRequest.birthYear})::int`, n: sql<number>`count(*)::int` })
    .from(s.signupRequest)
    .innerJoin(s.activity, eq(s.activity.id, s.signupRequest.activityId))
    .where(eq(s.activity.kommuneId, kommuneId))
    .groupBy(s.activity.areaId, sql`2`);
  const counts = areaIds.map(() => [0, 0, 0, 0]);
  for (const r of rows) {
    const ai = areaIds.indexOf(r.areaId ?? -1);
    const bi = bandOfAge(r.age);
    if (ai >= 0 && bi >= 0) counts[ai][bi] += r.n;
  }
  return counts;
}

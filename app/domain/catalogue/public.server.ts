import { and, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { activity } from '../../../db/schema/activity';
import { db } from '../../utils/db.server';

/** What the public sees: published, and confirmed recently enough not to have expired. */
export function isPublic(now: Date = new Date()): SQL {
  return and(eq(activity.status, 'published'), or(isNull(activity.expiresAt), gt(activity.expiresAt, now)))!;
}

// The home page shows these on every visit; a minute's staleness is fine and saves a full count.
let countsCache: { at: number; db: unknown; value: Record<string, number> } | undefined;

export async function categoryCounts() {
  const current = db();
  if (countsCache && countsCache.db === current && Date.now() - countsCache.at < 60_000) return countsCache.value;
  const value = await countCategories();
  countsCache = { at: Date.now(), db: current, value };
  return value;
}

async function countCategories() {
  const rows = await db()
    .select({ category: activity.category, count: sql<number>`count(*)::int` })
    .from(activity)
    .where(isPublic())
    .groupBy(activity.category);
  return Object.fromEntries(rows.map((r) => [r.category, r.count])) as Record<string, number>;
}

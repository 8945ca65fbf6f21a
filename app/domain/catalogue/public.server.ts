import { and, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { activity } from '../../../db/schema/activity';
import { db } from '../../utils/db.server';

/** What the public sees: published, and confirmed recently enough not to have expired. */
export function isPublic(now: Date = new Date()): SQL {
  return and(eq(activity.status, 'published'), or(isNull(activity.expiresAt), gt(activity.expiresAt, now)))!;
}

export async function categoryCounts() {
  const rows = await db()
    .select({ category: activity.category, count: sql<number>`count(*)::int` })
    .from(activity)
    .where(isPublic())
    .groupBy(activity.category);
  return Object.fromEntries(rows.map((r) => [r.category, r.count])) as Record<string, number>;
}

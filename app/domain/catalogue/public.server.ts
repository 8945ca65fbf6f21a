import { and, eq, gt, isNull, or, type SQL } from 'drizzle-orm';
import { activity } from '../../../db/schema/activity';

/**
 * What the public sees: published, and confirmed recently enough not to have expired. The page counts
 * apply the same rule in SQL (public_count_refresh, migration 0026); tests/integration/page-counts.test.ts
 * holds the two together.
 */
export function isPublic(now: Date = new Date()): SQL {
  return and(eq(activity.status, 'published'), or(isNull(activity.expiresAt), gt(activity.expiresAt, now)))!;
}

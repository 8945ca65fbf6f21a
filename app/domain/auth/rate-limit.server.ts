import { and, count, eq, gt, lt } from 'drizzle-orm';
import { rateLimitEvent } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import type { Executor } from '../../utils/transaction.server';
import { hashToken } from '../../utils/crypto.server';

/** A bucket name for a value that must not be stored as such (an e-mail or an IP address). */
export const bucketFor = (kind: string, value: string) => `${kind}:${hashToken(value.toLowerCase()).slice(0, 32)}`;

/** True when the bucket already holds `limit` events within the window. Kept in PostgreSQL, so every server sees it. */
export async function isLimited(bucket: string, limit: number, windowMs: number, now = new Date(), executor: Executor = db()) {
  const [row] = await executor
    .select({ n: count() })
    .from(rateLimitEvent)
    .where(and(eq(rateLimitEvent.bucket, bucket), gt(rateLimitEvent.at, new Date(now.getTime() - windowMs))));
  return (row?.n ?? 0) >= limit;
}

export async function recordEvent(bucket: string, now = new Date(), executor: Executor = db()) {
  await executor.insert(rateLimitEvent).values({ bucket, at: now });
}

export async function clearBucket(bucket: string) {
  await db().delete(rateLimitEvent).where(eq(rateLimitEvent.bucket, bucket));
}

export async function purgeRateLimitEvents(olderThanMs = 24 * 3600 * 1000, now = new Date()) {
  await db().delete(rateLimitEvent).where(lt(rateLimitEvent.at, new Date(now.getTime() - olderThanMs)));
}

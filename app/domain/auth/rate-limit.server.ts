import { and, eq, like, lt, sql } from 'drizzle-orm';
import { rateLimitBucket as t } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import type { Executor } from '../../utils/transaction.server';
import { hashToken } from '../../utils/crypto.server';

// Sliding-window limits kept in PostgreSQL, so every server sees them. A bucket is one row holding the
// times of the attempts it let through; `attempt()` counts and records in one INSERT … ON CONFLICT DO
// UPDATE, which runs under the row's lock: of any number of concurrent attempts exactly `limit` pass
// (docs/decisions/014-limits-and-sign-in.md).

/** A bucket name for a value that must not be stored as such (an e-mail or an IP address). */
export const bucketFor = (kind: string, value: string) => `${kind}:${hashToken(value.toLowerCase()).slice(0, 32)}`;

export type Attempt = { allowed: boolean; /** 0 when allowed; else when the oldest counted attempt leaves the window. */ retryAfterSeconds: number };

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const within = (windowMs: number) => sql`(${windowMs}::float8 * interval '1 millisecond')`;
// Attempts recorded by recordEvent(), which is not told the window, are kept this long (as before).
const RECORD_KEPT_MS = 24 * 3600 * 1000;

/**
 * Counts one attempt and says whether it may go ahead: allowed while fewer than `limit` attempts were let
 * through in the last `windowMs`. A refused attempt is not recorded, so the bucket holds at most `limit`
 * times and opens again as they age. One statement: atomic on its own, and inside `executor` (a
 * transaction) the row stays locked until that commits.
 */
export async function attempt(bucket: string, limit: number, windowMs: number, now = new Date(), executor: Executor = db()): Promise<Attempt> {
  const cut = at(new Date(now.getTime() - windowMs));
  const kept = sql`array(select h from unnest(${t.hits}) as h where h > ${cut} order by h)`;
  const full = sql`((select count(*) from unnest(${t.hits}) as h where h > ${cut}) >= ${limit})`;
  const [row] = await executor
    .insert(t)
    .values({ bucket, hits: limit > 0 ? sql`array[${at(now)}]` : sql`'{}'::timestamptz[]`, allowed: limit > 0, expiresAt: new Date(now.getTime() + windowMs) })
    .onConflictDoUpdate({
      target: t.bucket,
      // Every expression here reads the row as it was before this attempt (PostgreSQL evaluates SET on the old row).
      set: {
        hits: sql`case when ${full} then ${kept} else ${kept} || ${at(now)} end`,
        allowed: sql`not ${full}`,
        expiresAt: sql`greatest(${t.expiresAt}, ${at(new Date(now.getTime() + windowMs))})`,
      },
    })
    .returning({
      allowed: t.allowed,
      retryAfterSeconds: sql<number>`case when ${t.allowed} then 0 else greatest(1, ceil(extract(epoch from ((select min(h) from unnest(${t.hits}) as h) + ${within(windowMs)} - ${at(now)}))))::int end`,
    });
  return { allowed: row.allowed, retryAfterSeconds: Number(row.retryAfterSeconds) };
}

/** Takes back one attempt recorded at `at` (e.g. a sign-in that turned out right), so it does not count. */
export async function refund(bucket: string, when: Date, executor: Executor = db()) {
  const i = sql`array_position(${t.hits}, ${at(when)})`;
  await executor
    .update(t)
    .set({ hits: sql`${t.hits}[:${i} - 1] || ${t.hits}[${i} + 1:]` })
    .where(and(eq(t.bucket, bucket), sql`${i} is not null`));
}

/**
 * True when the bucket already holds `limit` attempts within the window. Kept for callers that check,
 * do their work, then recordEvent(): it locks the bucket's row, so inside one transaction the check and
 * the recording cannot be raced. Outside a transaction prefer attempt(), which does both at once.
 */
export async function isLimited(bucket: string, limit: number, windowMs: number, now = new Date(), executor: Executor = db()) {
  const cut = at(new Date(now.getTime() - windowMs));
  const [row] = await executor
    .insert(t)
    .values({ bucket, expiresAt: now })
    .onConflictDoUpdate({ target: t.bucket, set: { expiresAt: sql`${t.expiresAt}` } })
    .returning({ n: sql<number>`(select count(*) from unnest(${t.hits}) as h where h > ${cut})::int` });
  return Number(row?.n ?? 0) >= limit;
}

/** Records an attempt without a check (after isLimited, in the same transaction). */
export async function recordEvent(bucket: string, now = new Date(), executor: Executor = db()) {
  const cut = at(new Date(now.getTime() - RECORD_KEPT_MS));
  const expires = new Date(now.getTime() + RECORD_KEPT_MS);
  await executor
    .insert(t)
    .values({ bucket, hits: sql`array[${at(now)}]`, expiresAt: expires })
    .onConflictDoUpdate({
      target: t.bucket,
      set: { hits: sql`array(select h from unnest(${t.hits}) as h where h > ${cut} order by h) || ${at(now)}`, expiresAt: sql`greatest(${t.expiresAt}, ${at(expires)})` },
    });
}

export async function clearBucket(bucket: string, executor: Executor = db()) {
  await executor.delete(t).where(eq(t.bucket, bucket));
}

/** Every bucket whose name starts with `prefix` (e.g. all of one account's per-address buckets). */
export async function clearBucketsStartingWith(prefix: string, executor: Executor = db()) {
  await executor.delete(t).where(like(t.bucket, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
}

/** Deletes buckets whose every attempt has left its window (the hourly job). */
export async function purgeRateLimitEvents(now = new Date()) {
  await db().delete(t).where(lt(t.expiresAt, now));
}

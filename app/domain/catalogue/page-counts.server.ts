import { and, eq, inArray, sql } from 'drizzle-orm';
import { publicCount, publicCountSweep, type PublicCountKind } from '../../../db/schema/public-count';
import { db } from '../../utils/db.server';
import { inTransaction } from '../../utils/transaction.server';

// The counts the home, support and lender pages show (docs/decisions/029-page-counts.md). Triggers
// (migration 0026) recount them in the transaction of every write that changes them; time changes them
// too, as listings expire without a write, and sweepExpiredCounts recounts those. A page reads a few
// rows of public_count by its primary key.

async function countsOf(kind: PublicCountKind, keys?: string[]) {
  if (keys && !keys.length) return {};
  const rows = await db()
    .select({ key: publicCount.key, n: publicCount.n })
    .from(publicCount)
    .where(keys ? and(eq(publicCount.kind, kind), inArray(publicCount.key, keys)) : eq(publicCount.kind, kind));
  return Object.fromEntries(rows.map((r) => [r.key, r.n])) as Record<string, number>;
}

/** Public activities per category (the home page). */
export function categoryCounts() {
  return countsOf('category');
}

/** Public activities that name each of these support schemes (/stotte), by scheme id. */
export async function schemeCounts(schemeIds: number[]) {
  return byId(await countsOf('scheme', schemeIds.map(String)));
}

/** Public activities that say their equipment can be borrowed at each of these lenders (/utstyr), by lender id. */
export async function lenderCounts(lenderIds: number[]) {
  return byId(await countsOf('lender', lenderIds.map(String)));
}

const byId = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([k, n]) => [Number(k), n])) as Record<number, number>;

const SWEEP = 'expiry';

/**
 * Recounts the keys of the listings that expired since the last run (what time changes without a
 * write). Safe on every server at once: the cursor row is taken FOR UPDATE SKIP LOCKED, so a second
 * runner skips, and the run is one short transaction, so a crash leaves the cursor where it was.
 * `now` is the moment counted for (a test moves it on).
 */
export async function sweepExpiredCounts(now: Date = new Date()) {
  return inTransaction(undefined, async (tx) => {
    await tx.insert(publicCountSweep).values({ name: SWEEP, sweptUntil: now }).onConflictDoNothing();
    const [cursor] = await tx.select().from(publicCountSweep).where(eq(publicCountSweep.name, SWEEP)).for('update', { skipLocked: true });
    if (!cursor) return { skipped: true as const, keys: 0 };
    if (cursor.sweptUntil >= now) return { skipped: false as const, keys: 0 };
    const since = cursor.sweptUntil.toISOString();
    const until = now.toISOString();
    const expired = sql`select a.id, a.category from activity a
      where a.status = 'published' and a.expires_at > ${since}::timestamptz and a.expires_at <= ${until}::timestamptz`;
    const result = (await tx.execute(sql`
      with expired as (${expired}), keys as (
        select distinct 'category' as k, category as v from expired
        union select 'scheme', x.scheme_id::text from expired e join activity_support x on x.activity_id = e.id
        union select 'lender', x.lender_id::text from expired e join activity_equipment x on x.activity_id = e.id where x.lender_id is not null
      )
      select count(*)::int as n, public_count_refresh(array_agg(k), array_agg(v), ${until}::timestamptz) as done from keys`)) as unknown;
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    await tx.update(publicCountSweep).set({ sweptUntil: now }).where(eq(publicCountSweep.name, SWEEP));
    return { skipped: false as const, keys: rows[0]?.n ?? 0 };
  });
}

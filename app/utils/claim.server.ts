import type { PgTable } from 'drizzle-orm/pg-core';
import { db } from './db.server';
import { inTransaction, type Tx } from './transaction.server';

/** A select a job's rows come from; claimDue adds the lock, so no job can forget it. */
type Lockable<Row> = { for(strength: 'update', config: { skipLocked: true; of?: PgTable }): PromiseLike<Row[]> };

/**
 * How every background job takes its work (DESIGN.md: "every job is safe to run on all servers at
 * once"): a batch of due rows is locked FOR UPDATE SKIP LOCKED and handled in the same transaction, so
 * a second server running the same job at the same moment takes other rows or none, and a row is done
 * exactly once. `select` must filter to rows still due (the work marks them done), and apply its own
 * limit of `batch`; the loop stops when a batch comes back short. Returns how many rows were handled.
 */
export async function claimDue<Row>(options: { batch?: number; of?: PgTable; select: (tx: Tx, batch: number) => Lockable<Row>; work: (tx: Tx, rows: Row[]) => Promise<void> }) {
  const batch = options.batch ?? 50;
  let handled = 0;
  for (;;) {
    const n = await inTransaction(undefined, async (tx) => {
      const rows = await options.select(tx, batch).for('update', { skipLocked: true, ...(options.of ? { of: options.of } : {}) });
      if (rows.length) await options.work(tx, rows);
      return rows.length;
    });
    handled += n;
    if (n < batch) return handled;
  }
}

import type { Db } from '../../db/client';
import { db } from './db.server';

/** An open transaction, as drizzle hands it to `db().transaction(fn)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the process's database or an open transaction. */
export type Executor = Db | Tx;

/**
 * Runs `fn` in the caller's transaction when given one, else in a new one: a command that writes more
 * than once is all or nothing, and composes inside a bigger command. (PGlite has one connection, so a
 * query outside an open transaction would wait for it for ever: pass the transaction down.)
 */
export function inTransaction<T>(executor: Executor | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (executor && 'rollback' in executor) return fn(executor);
  return (executor ?? db()).transaction(fn);
}

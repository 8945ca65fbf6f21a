import { auditEvent } from '../../db/schema/user';
import { db } from '../utils/db.server';
import type { Executor } from '../utils/transaction.server';


/**
 * Appends to the audit log (a trigger makes it append-only). Detail holds ids, never personal data.
 * Inside a transaction, pass it: PGlite has one connection, so a write outside the open transaction
 * would wait for it for ever.
 */
export async function audit(event: { actorUserId: string | null; action: string; entity: string; entityId: string; detail?: Record<string, unknown> }, executor: Executor = db()) {
  await executor.insert(auditEvent).values(event);
}

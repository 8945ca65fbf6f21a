import { auditEvent } from '../../db/schema/user';
import { db } from '../utils/db.server';

/** Appends to the audit log (a trigger makes it append-only). Detail holds ids, never personal data. */
export async function audit(event: { actorUserId: string | null; action: string; entity: string; entityId: string; detail?: Record<string, unknown> }) {
  await db().insert(auditEvent).values(event);
}

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';

// How long a closed referral's personal data is kept, set per kommune (issue 5: default 90 days).
// Between 30 days (time to answer a complaint) and a year; the purge (purgeReferrals) reads it when a
// referral is closed, so a change applies to referrals closed from then on.

export const retentionInput = z.object({
  retentionDays: z.coerce.number({ message: 'referral:errors.retentionDays' }).int('referral:errors.retentionDays').min(30, 'referral:errors.retentionDays').max(365, 'referral:errors.retentionDays'),
});

export async function setRetentionDays(kommuneId: number, days: number, actorUserId: string) {
  await db().update(s.kommune).set({ retentionDays: days }).where(eq(s.kommune.id, kommuneId));
  await audit({ actorUserId, action: 'kommune.retention_changed', entity: 'kommune', entityId: String(kommuneId), detail: { days } });
}

import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { claimDue } from '../../utils/claim.server';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { consentDurations, plusDays } from './consent.server';
import type { EndReason } from './consent-end.server';
import { keepInsightCells } from '../insight/guide.server';

// How long a referral's personal data is kept, and the purge that deletes it (DESIGN.md, "Personal
// data has an end date"). After a closure or a lapse: the kommune's retention (default 90 days, between
// 30 days — time to answer a complaint — and a year), read when the case ends, so a change applies to
// cases ending from then on. After a withdrawal: within a day. After a no, or no answer: at once.

export const retentionInput = z.object({
  retentionDays: z.coerce.number({ message: 'referral:errors.retentionDays' }).int('referral:errors.retentionDays').min(30, 'referral:errors.retentionDays').max(365, 'referral:errors.retentionDays'),
});

export async function setRetentionDays(kommuneId: number, days: number, actorUserId: string) {
  await db().update(s.kommune).set({ retentionDays: days }).where(eq(s.kommune.id, kommuneId));
  await audit({ actorUserId, action: 'kommune.retention_changed', entity: 'kommune', entityId: String(kommuneId), detail: { days } });
}

/** When a case that ends now, for this reason, loses its personal data. */
export function purgeAfterFor(reason: EndReason, retentionDays: number, now: Date) {
  if (reason === 'declined' || reason === 'unanswered') return now;
  if (reason === 'withdrawn') return plusDays(now, consentDurations.purgeAfterWithdrawalDays);
  return plusDays(now, retentionDays);
}

export const quarterOf = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

const PURGE_BATCH = 50;

/**
 * Deletes the personal data of referrals whose time has come: the referral row goes, with its
 * consents, follow-ups, assignments, placements, equipment loans and guardian links. Support grants
 * stay (the kommune's accounts need the amounts) but lose their link to the child, and with it to the
 * sign-up; they carry a date, not a time. What remains is a count per quarter, area and outcome, and the
 * dashboard's cells (insight/guide.server.ts). Runs
 * by itself (jobs.server.ts) on every server at once: each batch is claimed with claimDue (SKIP LOCKED).
 */
export async function purgeReferrals(now = new Date()) {
  return claimDue({
    batch: PURGE_BATCH,
    select: (tx, batch) => tx.select().from(s.referral).where(and(isNull(s.referral.purgedAt), lte(s.referral.purgeAfter, now))).orderBy(asc(s.referral.id)).limit(batch),
    work: async (tx, due) => {
      for (const r of due) {
        await tx
          .insert(s.referralStatistic)
          .values({ kommuneId: r.kommuneId, quarter: quarterOf(r.closedAt ?? now), areaId: r.areaId ?? 0, outcome: r.outcome ?? 'not_started', count: 1 })
          .onConflictDoUpdate({ target: [s.referralStatistic.kommuneId, s.referralStatistic.quarter, s.referralStatistic.areaId, s.referralStatistic.outcome], set: { count: sql`${s.referralStatistic.count} + 1` } });
      }
      // The dashboard's counts (referred, waiting time, 3 and 6 months), before the placements go.
      await keepInsightCells(tx, due, now);
      const ids = due.map((r) => r.id);
      await tx.update(s.supportGrant).set({ referralId: null }).where(inArray(s.supportGrant.referralId, ids));
      for (const table of [s.consent, s.followUp, s.assignment, s.placement, s.equipmentLoan, s.guardianLink]) await tx.delete(table).where(inArray(table.referralId, ids));
      await tx.delete(s.referral).where(inArray(s.referral.id, ids));
    },
  });
}


import { and, eq, inArray, min, sql } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { osloDate } from '../../utils/dates';
import type { Tx } from '../../utils/transaction.server';
import { followUpDays } from '../referral/follow-ups.server';

// The fritidsguide part of the dashboard (issue 14, part 6): referrals per quarter and area, the
// waiting time from referral to the first placement (median), and where the child stood 3 and 6 months
// after the referral. A referral still held is read live; one purged (retention.server.ts) has left
// +1 in insight_referral_cell for each of these facts, written in the purge's own transaction, so the
// dashboard reads the same figures before and after the purge and no person is kept.

/** Where a child stood at a milestone: the case's outcome if it had ended by then, else placed or still waiting. */
export const milestoneOutcomes = ['active', 'tried', 'not_started', 'moved', 'declined', 'waiting'] as const;
export type MilestoneOutcome = (typeof milestoneOutcomes)[number];
/** The follow-ups' own clock (follow-ups.server.ts): 3 months is 91 days, 6 months 182. */
export const milestones = { outcome_3m: followUpDays.month_3, outcome_6m: followUpDays.month_6 } as const;
export type Milestone = keyof typeof milestones;

const DAY = 24 * 3600 * 1000;

/** The quarter of a moment in Oslo, "2026-Q3". */
export function quarterOfDay(at: Date) {
  const [y, m] = osloDate(at).split('-').map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

type ReferralRow = { createdAt: Date; closedAt: Date | null; outcome: string | null; areaId: number | null };

/** Where the child stood `days` after the referral; null while that day has not come (and the case is open). */
export function outcomeAt(r: ReferralRow, firstPlacedAt: Date | null, days: number, now: Date): MilestoneOutcome | null {
  const at = new Date(r.createdAt.getTime() + days * DAY);
  if (r.closedAt && r.closedAt <= at) return (milestoneOutcomes as readonly string[]).includes(r.outcome ?? '') ? (r.outcome as MilestoneOutcome) : 'not_started';
  if (at > now) return null;
  return firstPlacedAt && firstPlacedAt <= at ? 'active' : 'waiting';
}

export type ReferralFacts = { quarter: string; areaId: number; waitDays: number | null } & Record<Milestone, MilestoneOutcome | null>;

/** What the dashboard knows of one referral. */
export function referralFacts(r: ReferralRow, firstPlacedAt: Date | null, now: Date): ReferralFacts {
  return {
    quarter: quarterOfDay(r.createdAt),
    areaId: r.areaId ?? 0,
    waitDays: firstPlacedAt ? Math.max(0, Math.floor((firstPlacedAt.getTime() - r.createdAt.getTime()) / DAY)) : null,
    outcome_3m: outcomeAt(r, firstPlacedAt, milestones.outcome_3m, now),
    outcome_6m: outcomeAt(r, firstPlacedAt, milestones.outcome_6m, now),
  };
}

type Cell = { quarter: string; areaId: number; measure: 'referred' | 'wait_days' | Milestone; value: string; count: number };

const cellsOf = (f: ReferralFacts): Omit<Cell, 'count'>[] => [
  { quarter: f.quarter, areaId: f.areaId, measure: 'referred', value: '' },
  ...(f.waitDays !== null ? [{ quarter: f.quarter, areaId: f.areaId, measure: 'wait_days' as const, value: String(f.waitDays) }] : []),
  ...(['outcome_3m', 'outcome_6m'] as const).flatMap((m) => (f[m] ? [{ quarter: f.quarter, areaId: f.areaId, measure: m, value: f[m]! }] : [])),
];

/** First placement per referral. */
async function firstPlacements(executor: Tx | ReturnType<typeof db>, referralIds: number[]) {
  if (!referralIds.length) return new Map<number, Date>();
  const rows = await executor
    .select({ referralId: s.placement.referralId, at: min(s.placement.createdAt) })
    .from(s.placement)
    .where(inArray(s.placement.referralId, referralIds))
    .groupBy(s.placement.referralId);
  return new Map(rows.filter((r) => r.at).map((r) => [r.referralId, r.at!]));
}

/**
 * Called by the purge inside its transaction, before the rows go: what each referral leaves for the
 * dashboard. A purged case is closed, so both milestones are settled by then.
 */
export async function keepInsightCells(tx: Tx, referrals: (ReferralRow & { id: number; kommuneId: number })[], now: Date) {
  const placed = await firstPlacements(tx, referrals.map((r) => r.id));
  for (const r of referrals) {
    for (const c of cellsOf(referralFacts(r, placed.get(r.id) ?? null, now))) {
      await tx
        .insert(s.insightReferralCell)
        .values({ kommuneId: r.kommuneId, ...c, count: 1 })
        .onConflictDoUpdate({
          target: [s.insightReferralCell.kommuneId, s.insightReferralCell.quarter, s.insightReferralCell.areaId, s.insightReferralCell.measure, s.insightReferralCell.value],
          set: { count: sql`${s.insightReferralCell.count} + 1` },
        });
    }
  }
}

/** Every cell of the kommune: the live referrals counted now, added to what purged ones left. */
export async function referralCells(kommuneId: number, now = new Date()): Promise<Cell[]> {
  const live = await db()
    .select({ id: s.referral.id, createdAt: s.referral.createdAt, closedAt: s.referral.closedAt, outcome: s.referral.outcome, areaId: s.referral.areaId })
    .from(s.referral)
    .where(and(eq(s.referral.kommuneId, kommuneId), sql`${s.referral.purgedAt} is null`));
  const placed = await firstPlacements(db(), live.map((r) => r.id));
  const kept = await db()
    .select({ quarter: s.insightReferralCell.quarter, areaId: s.insightReferralCell.areaId, measure: s.insightReferralCell.measure, value: s.insightReferralCell.value, count: s.insightReferralCell.count })
    .from(s.insightReferralCell)
    .where(eq(s.insightReferralCell.kommuneId, kommuneId));
  const cells = new Map<string, Cell>();
  const add = (c: Omit<Cell, 'count'>, n: number) => {
    const key = JSON.stringify([c.quarter, c.areaId, c.measure, c.value]);
    const had = cells.get(key);
    if (had) had.count += n;
    else cells.set(key, { ...c, count: n });
  };
  for (const c of kept) add(c, c.count);
  for (const r of live) for (const c of cellsOf(referralFacts(r, placed.get(r.id) ?? null, now))) add(c, 1);
  return [...cells.values()];
}

/** The median of a histogram of days (value → count); with an even count, the mean of the two middle days. */
export function medianOfHistogram(h: Map<number, number>) {
  const total = [...h.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  const days = [...h.keys()].sort((a, b) => a - b);
  const at = (k: number) => {
    let seen = 0;
    for (const d of days) {
      seen += h.get(d)!;
      if (seen > k) return d;
    }
    return days[days.length - 1];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

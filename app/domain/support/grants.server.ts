import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { osloDate, osloDayPlus } from '../../utils/dates';
import type { Executor, Tx } from '../../utils/transaction.server';
import { inTransaction } from '../../utils/transaction.server';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { costPerYear, totalCostPerYear } from '../catalogue/cost';

// Support granted to a child: recorded on the kommune's side only. The club never sees a grant; it is
// paid one total per period (settlePeriod), so nothing it can see tells which child was subsidised.

export const grantKinds = ['free_place', 'fee', 'equipment', 'trip'] as const;
export type GrantKind = (typeof grantKinds)[number];

/** Which of the activity's costs each kind of grant pays. A free place pays everything that is not optional. */
const costKindsFor: Record<Exclude<GrantKind, 'free_place'>, (typeof s.costKinds)[number][]> = {
  fee: ['membership', 'training_fee', 'licence'],
  equipment: ['equipment', 'uniform'],
  trip: ['trips'],
};

/** A scheme may pay a kind of grant when it covers one of its cost kinds; free places come only from a free-place scheme. */
function schemeFits(scheme: s.SupportScheme, kind: GrantKind) {
  if (kind === 'free_place') return scheme.kind === 'free_place';
  return scheme.kind !== 'free_place' && scheme.covers.some((c) => (costKindsFor[kind] as string[]).includes(c));
}

/**
 * Which grants would pay the same cost twice: a free place pays the fees and the equipment (trips and
 * camps are granted on their own, as 'trip', so a free place never includes them).
 */
const overlaps: Record<GrantKind, GrantKind[]> = {
  free_place: ['free_place', 'fee', 'equipment'],
  fee: ['fee', 'free_place'],
  equipment: ['equipment', 'free_place'],
  trip: ['trip'],
};

/** The settlement period (half-year) of a moment, by the Oslo calendar. */
export const periodOf = (d: Date) => {
  const [year, month] = osloDate(d).split('-').map(Number);
  return `${year}-${month <= 6 ? 'H1' : 'H2'}`;
};

/** Amounts are per year: a cost paid once is not paid again for twelve months, across periods (Oslo days). */
const yearAgo = (now: Date) => osloDayPlus(now, -365);

async function activityCosts(activityId: number) {
  const [act] = await db().select().from(s.activity).where(eq(s.activity.id, activityId));
  if (!act) return null;
  const [costs, equipment] = await Promise.all([
    db().select().from(s.activityCost).where(eq(s.activityCost.activityId, activityId)),
    db().select().from(s.activityEquipment).where(eq(s.activityEquipment.activityId, activityId)),
  ]);
  return { act, costs, equipment };
}

/** What the activity costs a year in what one kind of grant pays for. */
function costFor(kind: GrantKind, costs: s.ActivityCost[], equipment: s.ActivityEquipment[]) {
  if (kind === 'free_place') return totalCostPerYear(costs.filter((c) => c.kind !== 'trips'), equipment);
  const fees = costs.filter((c) => (costKindsFor[kind] as string[]).includes(c.kind)).reduce((sum, c) => sum + costPerYear(c), 0);
  // Equipment the family must buy is listed as equipment, not as a cost line.
  const mustBuy = kind === 'equipment' ? totalCostPerYear([], equipment) : 0;
  return fees + mustBuy;
}

/**
 * For the guide's page: per activity the child was placed in, which kinds of grant make sense (the
 * activity costs something in that kind), the schemes that may pay it, and the suggested amount (the
 * cost, capped by the scheme's maximum).
 */
export async function supportOptions(referralId: number) {
  const placed = await db().selectDistinct({ activityId: s.placement.activityId }).from(s.placement).where(eq(s.placement.referralId, referralId));
  const out = [];
  for (const { activityId } of placed) {
    const c = await activityCosts(activityId);
    if (!c) continue;
    const schemes = await db().select().from(s.supportScheme).where(eq(s.supportScheme.kommuneId, c.act.kommuneId)).orderBy(s.supportScheme.name);
    const kinds = grantKinds
      .map((kind) => {
        const costOre = costFor(kind, c.costs, c.equipment);
        const fitting = schemes.filter((x) => schemeFits(x, kind));
        return {
          kind,
          costOre,
          schemes: fitting.map((x) => ({ id: x.id, name: x.name, maxAmountOre: x.maxAmountOre, suggestedOre: Math.min(costOre, x.maxAmountOre ?? costOre) })),
        };
      })
      .filter((k) => k.costOre > 0 && k.schemes.length > 0);
    out.push({ activityId, title: c.act.title, kinds });
  }
  return out;
}

export const grantInput = z.object({
  activityId: z.coerce.number().int().positive(),
  kind: z.enum(grantKinds, { message: 'required' }),
  schemeId: z.coerce.number({ message: 'required' }).int().positive('required'),
  amountKr: z.coerce.number({ message: 'referral:errors.amount' }).int('referral:errors.amount').min(1, 'referral:errors.amount').max(100_000, 'referral:errors.amount'),
});

type GrantResult = { ok: true } | { ok: false; field: string; error: string };

/**
 * Grants support for an activity the child takes part in. The scheme must belong to the activity's
 * kommune and fit the kind; the amount may not exceed the scheme's maximum; the same cost is never paid
 * twice in a period. Recorded for the kommune only; the club sees the period's total.
 */
export async function grantSupport(referralId: number, input: z.infer<typeof grantInput>, actorUserId: string, now = new Date()): Promise<GrantResult> {
  const c = await placedActivity(referralId, input.activityId);
  if (!c) return { ok: false, field: 'activityId', error: 'invalid' };
  const [scheme] = await db().select().from(s.supportScheme).where(eq(s.supportScheme.id, input.schemeId));
  if (!scheme || scheme.kommuneId !== c.act.kommuneId || !schemeFits(scheme, input.kind)) return { ok: false, field: 'schemeId', error: 'referral:errors.schemeInvalid' };
  const amountOre = input.amountKr * 100;
  if (scheme.maxAmountOre !== null && amountOre > scheme.maxAmountOre) return { ok: false, field: 'amountKr', error: 'referral:errors.overMax' };
  return insertGrant(referralId, c.act, scheme, input.kind, amountOre, actorUserId, now);
}

/** A free place for the activity the guide has just sent a sign-up to: the whole yearly cost, from the free-place scheme. */
export async function grantFreePlace(referralId: number, activityId: number, actorUserId: string, now = new Date()): Promise<GrantResult> {
  const c = await placedActivity(referralId, activityId);
  if (!c) return { ok: false, field: 'activityId', error: 'invalid' };
  const [scheme] = await db().select().from(s.supportScheme).where(and(eq(s.supportScheme.kommuneId, c.act.kommuneId), eq(s.supportScheme.kind, 'free_place')));
  if (!scheme) return { ok: false, field: 'schemeId', error: 'referral:errors.schemeInvalid' };
  const cost = costFor('free_place', c.costs, c.equipment);
  if (cost === 0) return { ok: true }; // A free activity: nothing to pay.
  return insertGrant(referralId, c.act, scheme, 'free_place', Math.min(cost, scheme.maxAmountOre ?? cost), actorUserId, now);
}

/**
 * The activity with its costs, only when the child was placed in it (a sign-up the guide sent) and it
 * is in the referral's kommune: support is for this child's activity, never any other.
 */
async function placedActivity(referralId: number, activityId: number) {
  const [row] = await db()
    .select({ kommuneId: s.referral.kommuneId })
    .from(s.placement)
    .innerJoin(s.referral, eq(s.referral.id, s.placement.referralId))
    .where(and(eq(s.placement.referralId, referralId), eq(s.placement.activityId, activityId)))
    .limit(1);
  if (!row) return null;
  const c = await activityCosts(activityId);
  return c && c.act.kommuneId === row.kommuneId ? c : null;
}

async function insertGrant(referralId: number, act: s.Activity, scheme: s.SupportScheme, kind: GrantKind, amountOre: number, actorUserId: string, now: Date): Promise<GrantResult> {
  return inTransaction(undefined, async (tx): Promise<GrantResult> => {
    // One grant decision per child at a time: the referral row is locked, so two clicks (or two tabs)
    // cannot both pass the checks below and pay the same cost twice.
    await tx.select({ id: s.referral.id }).from(s.referral).where(eq(s.referral.id, referralId)).for('update');
    const since = yearAgo(now);
    const [existing] = await tx
      .select({ id: s.supportGrant.id })
      .from(s.supportGrant)
      .where(and(eq(s.supportGrant.referralId, referralId), eq(s.supportGrant.activityId, act.id), gt(s.supportGrant.grantedOn, since), inArray(s.supportGrant.kind, overlaps[kind])));
    if (existing) return { ok: false, field: 'kind', error: 'referral:errors.alreadyGranted' };
    if (kind === 'free_place') {
      // The club offers so many free places; guides may not give out more than it offers.
      const [{ used }] = await tx
        .select({ used: sql<number>`count(*)::int` })
        .from(s.supportGrant)
        .where(and(eq(s.supportGrant.activityId, act.id), eq(s.supportGrant.kind, 'free_place'), gt(s.supportGrant.grantedOn, since)));
      if (used >= act.freePlaces) return { ok: false, field: 'kind', error: 'referral:errors.noFreePlace' };
    }
    await tx.insert(s.supportGrant).values({ referralId, schemeId: scheme.id, organisationId: act.organisationId, activityId: act.id, kind, amountOre, period: periodOf(now), grantedOn: osloDate(now) });
    await audit({ actorUserId, action: 'support.granted', entity: 'referral', entityId: String(referralId), detail: { kind } }, tx);
    return { ok: true };
  });
}

/** The grants made for one child, newest first (the guide's page). */
export async function grantsFor(referralId: number) {
  return db()
    .select({ id: s.supportGrant.id, kind: s.supportGrant.kind, amountOre: s.supportGrant.amountOre, period: s.supportGrant.period, scheme: s.supportScheme.name, activity: s.activity.title })
    .from(s.supportGrant)
    .innerJoin(s.supportScheme, eq(s.supportScheme.id, s.supportGrant.schemeId))
    .leftJoin(s.activity, eq(s.activity.id, s.supportGrant.activityId))
    .where(eq(s.supportGrant.referralId, referralId))
    .orderBy(desc(s.supportGrant.grantedOn), desc(s.supportGrant.id));
}

/** Free places of an activity given out by guides in the last twelve months (kommune side; the club's number stays as it set it). */
export async function freePlacesUsed(activityIds: number[], now = new Date()) {
  if (!activityIds.length) return new Map<number, number>();
  const rows = await db()
    .select({ activityId: s.supportGrant.activityId, used: sql<number>`count(*)::int` })
    .from(s.supportGrant)
    .where(and(inArray(s.supportGrant.activityId, activityIds), eq(s.supportGrant.kind, 'free_place'), gt(s.supportGrant.grantedOn, yearAgo(now))))
    .groupBy(s.supportGrant.activityId);
  return new Map(rows.map((r) => [r.activityId!, r.used]));
}

// Settlements (DESIGN.md, "Money, and what a club can infer from it"; docs/decisions/010). A club sees
// a period's settlement only when it covers at least MIN_GRANTS_SHOWN grants, or once the kommune has
// closed the year; it sees the total, never a count. A settlement the club can see never changes again,
// since a total that moves by one fee would point at one child: so only a period that has ended is
// settled, and grants never fall in an ended period.

export const MIN_GRANTS_SHOWN = 5;

const periodYear = (period: string) => Number(period.slice(0, 4));

type SettleResult = { ok: true; clubs: number; shown: number } | { ok: false; field: 'period' | 'year'; reason: 'notEnded' | 'invalid' };

/** Whether the period (YYYY-H1/H2) is over by the Oslo calendar. */
export const periodEnded = (period: string, now: Date) => period < periodOf(now);

/** The kommune settles an ended period: one total per club. Totals the clubs can see already stay as they are. */
export async function settlePeriod(kommuneId: number, period: string, now = new Date(), executor?: Executor): Promise<SettleResult> {
  if (!/^\d{4}-H[12]$/.test(period)) return { ok: false, field: 'period', reason: 'invalid' };
  if (!periodEnded(period, now)) return { ok: false, field: 'period', reason: 'notEnded' };
  return inTransaction(executor, async (tx) => {
    const [closed] = await tx.select({ year: s.settlementYearClose.year }).from(s.settlementYearClose).where(and(eq(s.settlementYearClose.kommuneId, kommuneId), eq(s.settlementYearClose.year, periodYear(period))));
    const totals = await tx
      .select({ organisationId: s.supportGrant.organisationId, total: sql<number>`sum(${s.supportGrant.amountOre})::int`, count: sql<number>`count(*)::int` })
      .from(s.supportGrant)
      .innerJoin(s.organisation, eq(s.organisation.id, s.supportGrant.organisationId))
      .where(and(eq(s.organisation.kommuneId, kommuneId), eq(s.supportGrant.period, period)))
      .groupBy(s.supportGrant.organisationId);
    let shown = 0;
    for (const t of totals) {
      const releasedAt = closed || t.count >= MIN_GRANTS_SHOWN ? now : null;
      const [row] = await tx
        .insert(s.settlement)
        .values({ organisationId: t.organisationId, period, totalOre: t.total, grantCount: t.count, releasedAt })
        .onConflictDoUpdate({ target: [s.settlement.organisationId, s.settlement.period], set: { totalOre: t.total, grantCount: t.count, releasedAt }, where: isNull(s.settlement.releasedAt) })
        .returning({ releasedAt: s.settlement.releasedAt });
      if (row?.releasedAt) shown++;
    }
    return { ok: true, clubs: totals.length, shown };
  });
}

/**
 * The kommune closes a year that has ended: both its periods are settled and every settlement of the
 * year becomes visible to its club, whatever its size. Asked for once; closing again changes nothing.
 */
export async function closeYear(kommuneId: number, year: number, actorUserId: string, now = new Date()): Promise<SettleResult> {
  if (!Number.isInteger(year) || year < 2000) return { ok: false, field: 'year', reason: 'invalid' };
  if (!periodEnded(`${year}-H2`, now)) return { ok: false, field: 'year', reason: 'notEnded' };
  return inTransaction(undefined, async (tx) => {
    await tx.insert(s.settlementYearClose).values({ kommuneId, year, closedAt: now, closedByUserId: actorUserId }).onConflictDoNothing();
    let clubs = 0;
    let shown = 0;
    for (const half of ['H1', 'H2']) {
      const r = await settlePeriod(kommuneId, `${year}-${half}`, now, tx);
      if (r.ok) [clubs, shown] = [clubs + r.clubs, shown + r.shown];
    }
    const released = await tx
      .update(s.settlement)
      .set({ releasedAt: now })
      .where(and(isNull(s.settlement.releasedAt), inArray(s.settlement.period, [`${year}-H1`, `${year}-H2`]), inArray(s.settlement.organisationId, tx.select({ id: s.organisation.id }).from(s.organisation).where(eq(s.organisation.kommuneId, kommuneId)))))
      .returning({ id: s.settlement.id });
    shown += released.length;
    await audit({ actorUserId, action: 'settlement.year_closed', entity: 'kommune', entityId: String(kommuneId), detail: { year, shown } }, tx);
    return { ok: true, clubs, shown };
  });
}

/**
 * When a consent ends, support that has not been paid is cancelled: grants whose settlement the club
 * cannot see yet (none, or one still held back). A held-back settlement is recomputed without them.
 */
export async function cancelUnsettledGrants(referralId: number, tx: Tx) {
  const unpaid = sql`not exists (select 1 from ${s.settlement} where ${s.settlement.organisationId} = ${s.supportGrant.organisationId} and ${s.settlement.period} = ${s.supportGrant.period} and ${s.settlement.releasedAt} is not null)`;
  const cancelled = await tx
    .delete(s.supportGrant)
    .where(and(eq(s.supportGrant.referralId, referralId), unpaid))
    .returning({ organisationId: s.supportGrant.organisationId, period: s.supportGrant.period });
  for (const c of new Map(cancelled.map((g) => [`${g.organisationId}/${g.period}`, g])).values()) {
    const [left] = await tx
      .select({ total: sql<number>`coalesce(sum(${s.supportGrant.amountOre}), 0)::int`, count: sql<number>`count(*)::int` })
      .from(s.supportGrant)
      .where(and(eq(s.supportGrant.organisationId, c.organisationId), eq(s.supportGrant.period, c.period)));
    const held = and(eq(s.settlement.organisationId, c.organisationId), eq(s.settlement.period, c.period), isNull(s.settlement.releasedAt));
    if (left.count === 0) await tx.delete(s.settlement).where(held);
    else await tx.update(s.settlement).set({ totalOre: left.total, grantCount: left.count }).where(held);
  }
  return cancelled.length;
}

/** What the club sees: the totals it may see, by period. No count, nothing held back. */
export async function clubSettlements(organisationId: number) {
  return db()
    .select({ period: s.settlement.period, totalOre: s.settlement.totalOre })
    .from(s.settlement)
    .where(and(eq(s.settlement.organisationId, organisationId), isNotNull(s.settlement.releasedAt)))
    .orderBy(desc(s.settlement.period));
}

/** The kommune's own view: every settlement with its size and whether the club can see it yet. */
export async function kommuneSettlements(kommuneId: number) {
  const [rows, closedYears] = await Promise.all([
    db()
      .select({ period: s.settlement.period, organisation: s.organisation.name, totalOre: s.settlement.totalOre, grantCount: s.settlement.grantCount, releasedAt: s.settlement.releasedAt })
      .from(s.settlement)
      .innerJoin(s.organisation, eq(s.organisation.id, s.settlement.organisationId))
      .where(eq(s.organisation.kommuneId, kommuneId))
      .orderBy(desc(s.settlement.period), asc(s.organisation.name)),
    db().select({ year: s.settlementYearClose.year }).from(s.settlementYearClose).where(eq(s.settlementYearClose.kommuneId, kommuneId)),
  ]);
  return { rows: rows.map((r) => ({ ...r, shown: r.releasedAt !== null, releasedAt: r.releasedAt?.toISOString() ?? null })), closedYears: closedYears.map((y) => y.year).sort() };
}

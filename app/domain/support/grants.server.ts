import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { osloDate } from '../../utils/dates';
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

/** Amounts are per year: a cost paid once is not paid again for twelve months, across periods. */
const YEAR_MS = 365 * 24 * 3600 * 1000;

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
  return db().transaction(async (tx): Promise<GrantResult> => {
    // One grant decision per child at a time: the referral row is locked, so two clicks (or two tabs)
    // cannot both pass the checks below and pay the same cost twice.
    await tx.select({ id: s.referral.id }).from(s.referral).where(eq(s.referral.id, referralId)).for('update');
    const yearAgo = new Date(now.getTime() - YEAR_MS);
    const [existing] = await tx
      .select({ id: s.supportGrant.id })
      .from(s.supportGrant)
      .where(and(eq(s.supportGrant.referralId, referralId), eq(s.supportGrant.activityId, act.id), gt(s.supportGrant.grantedAt, yearAgo), inArray(s.supportGrant.kind, overlaps[kind])));
    if (existing) return { ok: false, field: 'kind', error: 'referral:errors.alreadyGranted' };
    if (kind === 'free_place') {
      // The club offers so many free places; guides may not give out more than it offers.
      const [{ used }] = await tx
        .select({ used: sql<number>`count(*)::int` })
        .from(s.supportGrant)
        .where(and(eq(s.supportGrant.activityId, act.id), eq(s.supportGrant.kind, 'free_place'), gt(s.supportGrant.grantedAt, yearAgo)));
      if (used >= act.freePlaces) return { ok: false, field: 'kind', error: 'referral:errors.noFreePlace' };
    }
    await tx.insert(s.supportGrant).values({ referralId, schemeId: scheme.id, organisationId: act.organisationId, activityId: act.id, kind, amountOre, period: periodOf(now), grantedAt: now });
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
    .orderBy(desc(s.supportGrant.grantedAt), desc(s.supportGrant.id));
}

/** Free places of an activity given out by guides in the last twelve months (kommune side; the club's number stays as it set it). */
export async function freePlacesUsed(activityIds: number[], now = new Date()) {
  if (!activityIds.length) return new Map<number, number>();
  const rows = await db()
    .select({ activityId: s.supportGrant.activityId, used: sql<number>`count(*)::int` })
    .from(s.supportGrant)
    .where(and(inArray(s.supportGrant.activityId, activityIds), eq(s.supportGrant.kind, 'free_place'), gt(s.supportGrant.grantedAt, new Date(now.getTime() - YEAR_MS))))
    .groupBy(s.supportGrant.activityId);
  return new Map(rows.map((r) => [r.activityId!, r.used]));
}

/** The kommune settles a period: one total per club, never a line per child. */
export async function settlePeriod(kommuneId: number, period: string) {
  const totals = await db()
    .select({ organisationId: s.supportGrant.organisationId, total: sql<number>`sum(${s.supportGrant.amountOre})::int` })
    .from(s.supportGrant)
    .innerJoin(s.organisation, eq(s.organisation.id, s.supportGrant.organisationId))
    .where(and(eq(s.organisation.kommuneId, kommuneId), eq(s.supportGrant.period, period)))
    .groupBy(s.supportGrant.organisationId);
  for (const t of totals) {
    await db().insert(s.settlement).values({ organisationId: t.organisationId, period, totalOre: t.total }).onConflictDoUpdate({ target: [s.settlement.organisationId, s.settlement.period], set: { totalOre: t.total } });
  }
  return totals.length;
}

export async function clubSettlements(organisationId: number) {
  return db().select({ period: s.settlement.period, totalOre: s.settlement.totalOre }).from(s.settlement).where(eq(s.settlement.organisationId, organisationId)).orderBy(desc(s.settlement.period));
}

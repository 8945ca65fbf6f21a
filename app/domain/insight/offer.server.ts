import { and, asc, eq, inArray } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { isStale } from '../catalogue/activity.server';
import { activityInBand, ageBands } from './bands';

// The offer (issue 14, part 6): the kommune's published activities by area × age band × category, and
// how many of them are free, have lendable equipment, accept a support scheme, are adapted, meet at the
// weekend and were confirmed this season. Counts of activities are not about children: no suppression.

export const offerMeasures = ['activities', 'free', 'lendable', 'support', 'adapted', 'weekend', 'confirmed'] as const;
export type OfferMeasure = (typeof offerMeasures)[number];
/** The gaps the page puts in words, in this order; "no activity at all" first, and then the others are not repeated. */
export const gapMeasures = ['activities', 'free', 'adapted', 'weekend'] as const satisfies readonly OfferMeasure[];

/** Adapted, as the search's `tilrettelagt` filter counts it: step-free access or adapted for disabilities. */
const ADAPTED = new Set(['step_free', 'disability']);
const WEEKEND = new Set([6, 7]);

type Row = { areaId: number | null; category: string; ageMin: number; ageMax: number; flags: Record<OfferMeasure, boolean> };
export type OfferArea = { id: number; name: string };
export type Offer = {
  areas: OfferArea[];
  categories: string[];
  /** [area][band][measure] */
  byAreaBand: Record<OfferMeasure, number>[][];
  /** [area][measure], each activity once whatever its bands */
  byArea: Record<OfferMeasure, number>[];
  /** [category][band] activities */
  byCategoryBand: number[][];
  total: Record<OfferMeasure, number>;
  gaps: { measure: (typeof gapMeasures)[number]; area: string; band: number }[];
};

const zero = () => Object.fromEntries(offerMeasures.map((m) => [m, 0])) as Record<OfferMeasure, number>;
const addFlags = (into: Record<OfferMeasure, number>, flags: Record<OfferMeasure, boolean>) => {
  for (const m of offerMeasures) if (flags[m]) into[m] += 1;
};

/** The published offer of one kommune, now. Activities without an area count in the totals only. */
export async function kommuneOffer(kommuneId: number, now = new Date()): Promise<Offer> {
  const [areas, activities] = await Promise.all([
    db().select({ id: s.area.id, name: s.area.name }).from(s.area).where(eq(s.area.kommuneId, kommuneId)).orderBy(asc(s.area.name)),
    db()
      .select({
        id: s.activity.id,
        areaId: s.activity.areaId,
        category: s.activity.category,
        ageMin: s.activity.ageMin,
        ageMax: s.activity.ageMax,
        cost: s.activity.totalCostPerYearOre,
        lendable: s.activity.hasLendableEquipment,
        support: s.activity.hasSupport,
        adaptations: s.activity.adaptations,
        lastConfirmedAt: s.activity.lastConfirmedAt,
      })
      .from(s.activity)
      .where(and(eq(s.activity.kommuneId, kommuneId), eq(s.activity.status, 'published'))),
  ]);
  const ids = activities.map((a) => a.id);
  const weekend = new Set<number>();
  if (ids.length) {
    const sessions = await db()
      .selectDistinct({ activityId: s.activitySession.activityId, weekday: s.activitySession.weekday })
      .from(s.activitySession)
      .where(inArray(s.activitySession.activityId, ids));
    for (const x of sessions) if (x.weekday !== null && WEEKEND.has(x.weekday)) weekend.add(x.activityId);
  }
  const rows: Row[] = activities.map((a) => ({
    areaId: a.areaId,
    category: a.category,
    ageMin: a.ageMin,
    ageMax: a.ageMax,
    flags: {
      activities: true,
      free: a.cost === 0,
      lendable: a.lendable,
      support: a.support,
      adapted: a.adaptations.some((x) => ADAPTED.has(x)),
      weekend: weekend.has(a.id),
      // "This season" as the portal says a listing is current (not stale: confirmed within 180 days).
      confirmed: !isStale(a.lastConfirmedAt, now),
    },
  }));
  return offerFromRows(areas, rows);
}

/** The counting, apart from the database (tests feed it rows). */
export function offerFromRows(areas: OfferArea[], rows: Row[]): Offer {
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  const byAreaBand = areas.map(() => ageBands.map(() => zero()));
  const byArea = areas.map(() => zero());
  const byCategoryBand = categories.map(() => ageBands.map(() => 0));
  const total = zero();
  for (const r of rows) {
    addFlags(total, r.flags);
    const ai = areas.findIndex((a) => a.id === r.areaId);
    const ci = categories.indexOf(r.category);
    if (ai >= 0) addFlags(byArea[ai], r.flags);
    ageBands.forEach((b, bi) => {
      if (!activityInBand(r, b)) return;
      byCategoryBand[ci][bi] += 1;
      if (ai >= 0) addFlags(byAreaBand[ai][bi], r.flags);
    });
  }
  const gaps: Offer['gaps'] = [];
  areas.forEach((a, ai) =>
    ageBands.forEach((_, bi) => {
      const cell = byAreaBand[ai][bi];
      if (cell.activities === 0) gaps.push({ measure: 'activities', area: a.name, band: bi });
      else for (const m of gapMeasures) if (m !== 'activities' && cell[m] === 0) gaps.push({ measure: m, area: a.name, band: bi });
    }),
  );
  return { areas, categories, byAreaBand, byArea, byCategoryBand, total, gaps };
}

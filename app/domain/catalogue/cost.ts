import type { ActivityCost, ActivityEquipment } from '../../../db/schema/activity';

type CostLine = Pick<ActivityCost, 'amountOre' | 'period' | 'optional' | 'kind'>;
type EquipmentLine = Pick<ActivityEquipment, 'required' | 'source' | 'typicalPriceOre'>;

/** How many times a cost of each period falls in one year of activity (a season is ten months). */
const timesPerYear: Record<CostLine['period'], number> = { year: 1, semester: 2, month: 10, once: 1 };

export function costPerYear(cost: CostLine): number {
  return cost.amountOre * timesPerYear[cost.period];
}

/**
 * What a family must pay in a year: every cost that is not optional, plus required equipment that must
 * be bought. Optional extras (camps, trips) are shown beside it, not in it, so "free" means free.
 */
export function totalCostPerYear(costs: CostLine[], equipment: EquipmentLine[] = []): number {
  const fees = costs.filter((c) => !c.optional).reduce((sum, c) => sum + costPerYear(c), 0);
  const mustBuy = equipment
    .filter((e) => e.required && e.source === 'buy')
    .reduce((sum, e) => sum + (e.typicalPriceOre ?? 0), 0);
  return fees + mustBuy;
}

export function optionalCostPerYear(costs: CostLine[]): number {
  return costs.filter((c) => c.optional).reduce((sum, c) => sum + costPerYear(c), 0);
}

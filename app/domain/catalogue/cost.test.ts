import { costPerYear, optionalCostPerYear, totalCostPerYear } from './cost';

describe('total cost per year', () => {
  const fee = (amountOre: number, period: 'year' | 'semester' | 'month' | 'once', optional = false) =>
    ({ kind: 'training_fee' as const, amountOre, period, optional });

  test('a semester fee counts twice and a monthly fee ten times a season', () => {
    expect(costPerYear(fee(90000, 'semester'))).toBe(180000);
    expect(costPerYear(fee(45000, 'month'))).toBe(450000);
    expect(costPerYear(fee(30000, 'year'))).toBe(30000);
    expect(costPerYear(fee(45000, 'once'))).toBe(45000);
  });

  test('optional extras such as camps are shown beside the total, not in it', () => {
    const costs = [fee(30000, 'year'), fee(90000, 'semester'), { ...fee(180000, 'year', true), kind: 'trips' as const }];
    expect(totalCostPerYear(costs)).toBe(210000);
    expect(optionalCostPerYear(costs)).toBe(180000);
  });

  test('required equipment that must be bought adds to the total; borrowed and provided do not', () => {
    const equipment = [
      { required: true, source: 'buy' as const, typicalPriceOre: 50000 },
      { required: false, source: 'buy' as const, typicalPriceOre: 12000 },
      { required: true, source: 'lend' as const, typicalPriceOre: 60000 },
      { required: true, source: 'provided' as const, typicalPriceOre: null },
    ];
    expect(totalCostPerYear([fee(30000, 'year')], equipment)).toBe(80000);
  });

  test('an activity without costs is free', () => {
    expect(totalCostPerYear([], [])).toBe(0);
  });
});

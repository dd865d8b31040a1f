import { priceListUsageType } from './priceListUsageType';
import { resolveInstancePrice } from './resolveInstancePrice';
import { variantCostFigures } from './variantCostFigures';

describe('variantCostFigures', () => {
  it('prices the variant now, at min, at max and per 730-hour month', () => {
    expect(
      variantCostFigures(resolveInstancePrice('ml.g5.xlarge'), {
        instances: 3,
        minCapacity: 1,
        maxCapacity: 10,
      }),
    ).toEqual({
      usdPerHourNow: 3 * 1.408,
      usdPerHourAtMin: 1.408,
      usdPerHourAtMax: 10 * 1.408,
      monthlyRunRateUsd: 3 * 1.408 * 730,
      priceSource: 'bundled list price (us-east-1, 2026-07)',
    });
  });

  it('returns the unknown price rather than a number', () => {
    expect(
      variantCostFigures(resolveInstancePrice('ml.r5.large'), {
        instances: 3,
        minCapacity: 1,
        maxCapacity: 10,
      }),
    ).toMatchObject({ unknown: true, instanceType: 'ml.r5.large' });
  });

  it('rejects impossible capacities, naming the field', () => {
    expect(() =>
      variantCostFigures(resolveInstancePrice('ml.m5.large'), {
        instances: 2.5,
        minCapacity: 1,
        maxCapacity: 10,
      }),
    ).toThrow('instances must be a whole number >= 0, got 2.5');
  });
});

describe('priceListUsageType', () => {
  it('is <region code>-Host:<instance type> for real-time hosting', () => {
    expect(priceListUsageType('ml.m5.large', 'us-east-1')).toBe(
      'USE1-Host:ml.m5.large',
    );
  });

  it('is undefined for a region whose code is not known', () => {
    expect(priceListUsageType('ml.m5.large', 'eu-west-1')).toBeUndefined();
  });
});

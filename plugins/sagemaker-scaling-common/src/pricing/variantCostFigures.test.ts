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
      usdPerInstanceHour: 1.408,
      usdPerHourNow: 3 * 1.408,
      usdPerHourAtMin: 1.408,
      usdPerHourAtMax: 10 * 1.408,
      monthlyRunRateUsd: 3 * 1.408 * 730,
      priceSource: 'bundled list price (us-east-1, 2026-07)',
    });
  });

  it('works out 3 ml.m5.large at $0.115/h as $0.345/h and $251.85 per month', () => {
    const cost = variantCostFigures(resolveInstancePrice('ml.m5.large'), {
      instances: 3,
      minCapacity: 2,
      maxCapacity: 6,
    });
    expect(cost.unknown).toBeFalsy();
    if (cost.unknown) return;
    expect(cost.usdPerHourNow).toBeCloseTo(0.345, 10);
    expect(cost.usdPerHourAtMin).toBeCloseTo(0.23, 10);
    expect(cost.usdPerHourAtMax).toBeCloseTo(0.69, 10);
    expect(cost.monthlyRunRateUsd).toBeCloseTo(251.85, 10);
  });

  it('leaves out the figures whose instance count is not known', () => {
    const cost = variantCostFigures(resolveInstancePrice('ml.m5.large'), {
      minCapacity: 1,
    });
    expect(cost).toEqual({
      usdPerInstanceHour: 0.115,
      usdPerHourAtMin: 0.115,
      priceSource: 'bundled list price (us-east-1, 2026-07)',
    });
    expect(JSON.parse(JSON.stringify(cost))).not.toHaveProperty(
      'monthlyRunRateUsd',
    );
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

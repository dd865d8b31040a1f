import {
  describeMonthlyDifference,
  formatUsd,
  formatUsdDifference,
  formatUsdPerHour,
} from './formatCost';

describe('formatCost', () => {
  it('shows cents below $100 and whole dollars above', () => {
    expect(formatUsd(1.2085)).toBe('$1.21');
    expect(formatUsd(882.2)).toBe('$882');
    expect(formatUsd(1764.41)).toBe('$1,764');
  });

  it('shows hourly figures to the tenth of a cent', () => {
    expect(formatUsdPerHour(3 * 0.115)).toBe('$0.345');
    expect(formatUsdPerHour(0.23)).toBe('$0.23');
    expect(formatUsdPerHour(14.08)).toBe('$14.08');
  });

  it('signs differences and says which way in words', () => {
    expect(formatUsdDifference(-12.5)).toBe('−$12.50');
    expect(formatUsdDifference(441)).toBe('+$441');
    expect(describeMonthlyDifference(-441)).toBe(
      '−$441 per month (less than now)',
    );
    expect(describeMonthlyDifference(0.001)).toBe('about the same per month');
  });
});

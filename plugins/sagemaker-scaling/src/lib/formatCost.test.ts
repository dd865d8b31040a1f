import {
  describeMonthlyDifference,
  formatUsd,
  formatUsdDifference,
} from './formatCost';

describe('formatCost', () => {
  it('shows cents below $100 and whole dollars above', () => {
    expect(formatUsd(1.2085)).toBe('$1.21');
    expect(formatUsd(882.2)).toBe('$882');
    expect(formatUsd(1764.41)).toBe('$1,764');
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

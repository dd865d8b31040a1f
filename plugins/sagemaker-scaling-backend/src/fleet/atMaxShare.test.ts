import { atMaxShareOf, AT_MAX_WINDOW_MS } from './atMaxShare';

const NOW = new Date('2026-12-08T00:00:00Z');
const at = (daysAgo: number) =>
  new Date(NOW.getTime() - daysAgo * 24 * 3600_000).toISOString();
const point = (
  daysAgo: number,
  desired: number,
  variantName = 'AllTraffic',
) => ({
  timestamp: at(daysAgo),
  variantName,
  desiredInstanceCount: desired,
  currentInstanceCount: desired,
  minCapacity: 1,
  maxCapacity: 4,
});

describe('atMaxShareOf', () => {
  it('is n/a with less than 7 days of history', () => {
    expect(atMaxShareOf([], NOW)).toBeUndefined();
    expect(atMaxShareOf([point(3, 4)], NOW)).toBeUndefined();
  });

  it('is the share of the window spent at the maximum', () => {
    // Before the window at 2, at max from 3.5 days ago until 0.7 days ago.
    const share = atMaxShareOf(
      [point(10, 2), point(3.5, 4), point(0.7, 3)],
      NOW,
    );
    expect(share).toBeCloseTo(2.8 / 7, 6);
  });

  it('counts time two variants are both at max once', () => {
    const share = atMaxShareOf(
      [point(8, 4, 'a'), point(8, 4, 'b'), point(7 - 3.5, 1, 'a')],
      NOW,
    );
    // b stays at max the whole window.
    expect(share).toBeCloseTo(1, 6);
    expect(AT_MAX_WINDOW_MS).toBe(7 * 24 * 3600_000);
  });
});

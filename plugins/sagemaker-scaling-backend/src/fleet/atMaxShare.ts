import type { ScalingHistoryPoint } from '@mlplatform/plugin-sagemaker-scaling-common';

/** The window the fleet's "at max" share covers. @internal */
export const AT_MAX_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * Share (0..1) of the window ending at `now` during which any variant's desired count
 * was at or above its maximum, from the capacity history's change points (each holds
 * until the next one of its variant). Undefined when the history starts inside the
 * window: less than 7 days of data would overstate a short surge.
 * @internal
 */
export function atMaxShareOf(
  points: readonly ScalingHistoryPoint[],
  now: Date,
  windowMs = AT_MAX_WINDOW_MS,
): number | undefined {
  const end = now.getTime();
  const start = end - windowMs;
  if (!points.length || Date.parse(points[0].timestamp) > start) {
    return undefined;
  }
  // Per variant, the intervals it was at max; then the union over variants.
  const intervals: Array<[number, number]> = [];
  const byVariant = new Map<string, ScalingHistoryPoint[]>();
  for (const p of points) {
    byVariant.set(p.variantName, [...(byVariant.get(p.variantName) ?? []), p]);
  }
  for (const series of byVariant.values()) {
    series.forEach((p, i) => {
      const atMax =
        p.maxCapacity !== undefined &&
        p.desiredInstanceCount !== undefined &&
        p.desiredInstanceCount >= p.maxCapacity;
      if (!atMax) return;
      const from = Math.max(Date.parse(p.timestamp), start);
      const to = Math.min(
        i + 1 < series.length ? Date.parse(series[i + 1].timestamp) : end,
        end,
      );
      if (to > from) intervals.push([from, to]);
    });
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let cursor = start;
  for (const [from, to] of intervals) {
    const s = Math.max(from, cursor);
    if (to > s) {
      covered += to - s;
      cursor = to;
    }
  }
  return covered / windowMs;
}

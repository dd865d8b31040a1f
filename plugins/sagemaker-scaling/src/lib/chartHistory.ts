import {
  parseVariantResourceId,
  type ScalingHistoryPoint,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';

const DESIRED_COUNT = /desired (?:instance )?count to (\d+)/i;

/**
 * Desired-capacity steps read from the scaling activities ("Setting desired instance
 * count to 2."), for when the backend has no recorded history.
 * @internal
 */
export function activityHistory(
  snapshot: ScalingSnapshot,
): ScalingHistoryPoint[] {
  // Activities stamped after the snapshot was observed come from a clock that does not
  // match ours (e.g. a simulated one); plotting them would put the past in the future.
  const latest = Date.parse(snapshot.observedAt) + 60_000;
  const points: ScalingHistoryPoint[] = [];
  for (const activity of snapshot.activities) {
    const variant = parseVariantResourceId(activity.resourceId)?.variantName;
    const match = DESIRED_COUNT.exec(activity.description);
    if (
      !variant ||
      !match ||
      activity.statusCode === 'Failed' ||
      activity.statusCode === 'Unfulfilled'
    ) {
      continue;
    }
    const timestamp = activity.endTime ?? activity.startTime;
    if (!(Date.parse(timestamp) <= latest)) {
      continue;
    }
    points.push({
      timestamp,
      variantName: variant,
      desiredInstanceCount: Number(match[1]),
    });
  }
  return points;
}

/**
 * One point per variant with everything the snapshot says now.
 * @internal
 */
export function snapshotPoints(
  snapshot: ScalingSnapshot,
  timestamp: string,
): ScalingHistoryPoint[] {
  return snapshot.variants.map(variant => ({
    timestamp,
    variantName: variant.variantName,
    desiredInstanceCount: variant.desiredInstanceCount,
    currentInstanceCount: variant.currentInstanceCount,
    minCapacity: variant.minCapacity,
    maxCapacity: variant.maxCapacity,
    loadPerInstance: variant.latestLoadPerInstance,
    targetValue: variant.targetValue,
  }));
}

/**
 * Merges point lists oldest first; for the same variant and time the later list wins.
 * @internal
 */
export function mergeHistory(
  ...lists: ScalingHistoryPoint[][]
): ScalingHistoryPoint[] {
  const byKey = new Map<string, ScalingHistoryPoint>();
  for (const list of lists) {
    for (const point of list) {
      byKey.set(`${point.variantName}@${point.timestamp}`, point);
    }
  }
  return [...byKey.values()].sort(
    (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp),
  );
}

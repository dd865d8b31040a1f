import type { ScalingHistoryPoint } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { LoadPoint } from '../aws/CloudWatchMetricsReader';

/**
 * One timeline per variant for the charts: the capacity change points as recorded, plus
 * one point per load datapoint carrying `loadPerInstance`, the capacity in force at that
 * time (the latest capacity point at or before it, when there is one) and the target
 * value in force then (else the policy's current one, `currentTargets`). Oldest first.
 * Pure.
 * @internal
 */
export function mergeLoadIntoHistory(
  capacity: ScalingHistoryPoint[],
  load: Record<string, LoadPoint[]>,
  currentTargets: Record<string, number | undefined>,
): ScalingHistoryPoint[] {
  const merged: ScalingHistoryPoint[] = [...capacity];
  for (const [variantName, points] of Object.entries(load)) {
    const steps = capacity
      .filter(p => p.variantName === variantName)
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    for (const point of points) {
      const time = Date.parse(point.timestamp);
      const inForce = [...steps]
        .reverse()
        .find(p => Date.parse(p.timestamp) <= time);
      merged.push({
        timestamp: point.timestamp,
        variantName,
        ...(inForce
          ? {
              desiredInstanceCount: inForce.desiredInstanceCount,
              currentInstanceCount: inForce.currentInstanceCount,
              minCapacity: inForce.minCapacity,
              maxCapacity: inForce.maxCapacity,
            }
          : {}),
        loadPerInstance: point.value,
        targetValue: inForce?.targetValue ?? currentTargets[variantName],
      });
    }
  }
  return merged.sort(
    (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp),
  );
}

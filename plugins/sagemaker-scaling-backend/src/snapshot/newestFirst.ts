import type { ScalingActivity } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Activities newest first (by start time, then activity id, so equal times keep one
 * order); the only place activities are ordered. Returns a new array.
 * @internal
 */
export function newestFirst(activities: ScalingActivity[]): ScalingActivity[] {
  return [...activities].sort(
    (a, b) =>
      b.startTime.localeCompare(a.startTime) ||
      b.activityId.localeCompare(a.activityId),
  );
}

/**
 * How long this variant's new instances take to serve, measured from its past scale-out
 * activities (StartTime to EndTime), as the decision-support notes advise, rather than
 * assumed.
 */
import type { ScalingActivity } from '../snapshot';
import type { ProvisioningDelayAssumption } from './types';

/**
 * Minutes assumed when no scale-out has been measured: an uncached model container's
 * startup of 525 s (AWS Machine Learning blog on SageMaker container caching, 2026,
 * "from 525 s to 258 s"), rounded up to whole minutes.
 * @public
 */
export const DEFAULT_PROVISIONING_DELAY_MINUTES = 9;

const DESIRED_COUNT = /desired instance count to (\d+)/i;

function desiredCount(activity: ScalingActivity): number | undefined {
  const match = DESIRED_COUNT.exec(activity.description);
  return match ? Number(match[1]) : undefined;
}

/**
 * The median start-to-end minutes of the successful scale-out activities of one variant,
 * with how many it rests on; the stated default when there are none. A scale-out is an
 * activity caused by the policy's high alarm, or one that sets a higher desired count than
 * the activity before it. With `resourceId` (`endpoint/<name>/variant/<variant>`), only
 * that variant's activities count; without it, `activities` must be one variant's.
 * @public
 */
export function provisioningDelayFromActivities(
  activities: ReadonlyArray<ScalingActivity>,
  options: { resourceId?: string } = {},
): ProvisioningDelayAssumption {
  const byStart = activities
    .filter(
      a =>
        options.resourceId === undefined || a.resourceId === options.resourceId,
    )
    .map(activity => ({ activity, start: Date.parse(activity.startTime) }))
    .filter(a => Number.isFinite(a.start))
    .sort((a, b) => a.start - b.start);
  const durations: number[] = [];
  let previousCount: number | undefined;
  for (const { activity, start } of byStart) {
    const count = desiredCount(activity);
    const scaleOut =
      /AlarmHigh/.test(activity.cause) ||
      (count !== undefined &&
        previousCount !== undefined &&
        count > previousCount);
    if (count !== undefined) previousCount = count;
    if (!scaleOut || activity.statusCode !== 'Successful') continue;
    const end = activity.endTime ? Date.parse(activity.endTime) : NaN;
    if (Number.isFinite(end) && end >= start) {
      durations.push((end - start) / 60_000);
    }
  }
  if (durations.length === 0) {
    return {
      minutes: DEFAULT_PROVISIONING_DELAY_MINUTES,
      source: 'default',
      basedOn: 0,
      description: `No successful scale-out measured yet: assuming ${DEFAULT_PROVISIONING_DELAY_MINUTES} minutes, an uncached model container's startup (525 s) reported by AWS.`,
    };
  }
  durations.sort((a, b) => a - b);
  const mid = Math.floor(durations.length / 2);
  const median =
    durations.length % 2
      ? durations[mid]
      : (durations[mid - 1] + durations[mid]) / 2;
  const minutes = Math.round(median * 10) / 10;
  return {
    minutes,
    source: 'measured',
    basedOn: durations.length,
    description: `Median of ${durations.length} successful scale-out${
      durations.length === 1 ? '' : 's'
    } of this variant: ${minutes} minutes from start to end.`,
  };
}

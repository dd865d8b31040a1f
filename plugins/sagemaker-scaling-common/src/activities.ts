/**
 * Reading Application Auto Scaling activities: a decision not to scale is recorded as an
 * activity with status `Failed` and `NotScaledReasons`, but it is no failure.
 */
import type { NotScaledReason, ScalingActivity } from './snapshot';

/**
 * Whether the activity is a decision not to scale (`IncludeNotScaledActivities`), which
 * AWS records with status `Failed` although nothing failed.
 * @public
 */
export function isNotScaledActivity(activity: ScalingActivity): boolean {
  return (activity.notScaledReasons?.length ?? 0) > 0;
}

const REASON_WORDS: Record<string, string> = {
  AlreadyAtMaxCapacity: 'already at its maximum capacity',
  AlreadyAtMinCapacity: 'already at its minimum capacity',
  AlreadyAtDesiredCapacity: 'already at the capacity the policy asks for',
  AutoScalingAnticipatedFlapping:
    'scaling in would have triggered a scale-out right after (anticipated flapping)',
  TargetServicePutResourceAsUnscalable:
    'SageMaker marked the variant as not scalable for now (e.g. while the endpoint updates)',
};

/**
 * A not-scaled reason in words, with the capacities AWS saw, e.g. "already at its maximum
 * capacity (4 of max 4)". Unknown codes are shown as they are.
 * @public
 */
export function describeNotScaledReason(reason: NotScaledReason): string {
  const words = REASON_WORDS[reason.code] ?? reason.code;
  const {
    currentCapacity: current,
    minCapacity: min,
    maxCapacity: max,
  } = reason;
  if (reason.code === 'AlreadyAtMaxCapacity' && current !== undefined) {
    return `${words} (${current} of max ${max ?? current})`;
  }
  if (reason.code === 'AlreadyAtMinCapacity' && current !== undefined) {
    return `${words} (${current} of min ${min ?? current})`;
  }
  return current === undefined ? words : `${words} (${current} instances)`;
}

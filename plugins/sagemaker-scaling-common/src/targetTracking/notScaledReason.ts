/**
 * The AWS code for a decision that refused a change, as `DescribeScalingActivities` with
 * `IncludeNotScaledActivities: true` reports it (AAS API reference, API_NotScaledReason).
 */
import type { TargetTrackingDecision } from './types';

/**
 * The `NotScaledReasons[].Code` values this model can produce. AWS also knows
 * `AutoScalingAnticipatedFlapping` and `TargetServicePutResourceAsUnscalable`, which the
 * model has no input for.
 * @public
 */
export type NotScaledReasonCode =
  | 'AlreadyAtMaxCapacity'
  | 'AlreadyAtMinCapacity'
  | 'AlreadyAtDesiredCapacity';

/**
 * The AWS NotScaledReason code of a decision whose alarm fired but which did not change
 * the capacity; `undefined` when the decision changed it, no alarm fired, or AWS would not
 * record a not-scaled activity for it (cooldowns, suspension, disabled scale-in).
 * @public
 */
export function notScaledReasonCode(
  decision: TargetTrackingDecision,
): NotScaledReasonCode | undefined {
  if (decision.action !== 'none') return undefined;
  if (decision.alarmHigh !== 'ALARM' && decision.alarmLow !== 'ALARM') {
    return undefined;
  }
  switch (decision.reason) {
    case 'at-max-capacity':
      return 'AlreadyAtMaxCapacity';
    case 'at-min-capacity':
      return 'AlreadyAtMinCapacity';
    case 'within-target':
      // The low alarm fired, but the proportional capacity is the current one.
      return 'AlreadyAtDesiredCapacity';
    case 'scale-out-cooldown':
      // The high alarm fired, but the capacity added during the cooldown covers it.
      return decision.alarmHigh === 'ALARM'
        ? 'AlreadyAtDesiredCapacity'
        : undefined;
    default:
      return undefined;
  }
}

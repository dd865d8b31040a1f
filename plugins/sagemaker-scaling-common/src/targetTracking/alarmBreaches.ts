/**
 * When one datapoint breaches a target-tracking alarm: the one definition the evaluation
 * and the replay's fast path share.
 */
import { TARGET_TRACKING_LOW_THRESHOLD_RATIO } from './rules';

/** Whether a datapoint breaches AlarmHigh: above the target. @public */
export function breachesHighAlarm(value: number, targetValue: number): boolean {
  return value > targetValue;
}

/** Whether a datapoint breaches AlarmLow: below 90 % of the target. @public */
export function breachesLowAlarm(value: number, targetValue: number): boolean {
  return value < targetValue * TARGET_TRACKING_LOW_THRESHOLD_RATIO;
}

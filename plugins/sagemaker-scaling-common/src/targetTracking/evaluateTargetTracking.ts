/**
 * The target-tracking rules of Application Auto Scaling as a pure function: given a
 * policy, the target's limits and capacity, the metric history and the cooldown state,
 * decide the next desired capacity and why.
 */
import {
  TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS,
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_MAX_SCALE_IN_FRACTION,
} from './rules';
import { breachesHighAlarm, breachesLowAlarm } from './alarmBreaches';
import type {
  TargetTrackingAlarmState,
  TargetTrackingCooldownState,
  TargetTrackingDecision,
  TargetTrackingInput,
} from './types';

/** Tolerance so that 3.0000000000000004 does not round up to 4. */
const EPSILON = 1e-9;

/**
 * The state of an alarm over the last `count` datapoints: INSUFFICIENT_DATA when one is
 * missing, ALARM when all breach. Loops in place: the planner calls this every minute.
 */
function alarmState(
  metric: TargetTrackingInput['metric'],
  count: number,
  breaches: (value: number) => boolean,
): TargetTrackingAlarmState {
  if (metric.length < count) return 'INSUFFICIENT_DATA';
  let all = true;
  for (let i = metric.length - count; i < metric.length; i++) {
    const value = metric[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return 'INSUFFICIENT_DATA';
    }
    if (all && !breaches(value)) all = false;
  }
  return all ? 'ALARM' : 'OK';
}

/** The highest of the last `count` datapoints (all present). */
function peakOf(metric: TargetTrackingInput['metric'], count: number): number {
  let peak = -Infinity;
  for (let i = metric.length - count; i < metric.length; i++) {
    peak = Math.max(peak, metric[i] as number);
  }
  return peak;
}

function checkInput(input: TargetTrackingInput) {
  const { policy, minCapacity, maxCapacity, currentCapacity } = input;
  if (!(policy.targetValue > 0) || !Number.isFinite(policy.targetValue)) {
    throw new Error(
      `targetValue must be a positive number, got ${policy.targetValue}`,
    );
  }
  if (!Number.isInteger(minCapacity) || minCapacity < 0) {
    throw new Error(`minCapacity must be an integer >= 0, got ${minCapacity}`);
  }
  if (!Number.isInteger(maxCapacity) || maxCapacity < minCapacity) {
    throw new Error(
      `maxCapacity must be an integer >= minCapacity (${minCapacity}), got ${maxCapacity}`,
    );
  }
  if (!Number.isInteger(currentCapacity) || currentCapacity < 0) {
    throw new Error(
      `currentCapacity must be an integer >= 0, got ${currentCapacity}`,
    );
  }
}

/**
 * Decides the next capacity of one target-tracking policy.
 *
 * Rules (AWS documents the behaviour, not the numbers; these are the observed defaults):
 * - AlarmHigh is in ALARM when the last 3 one-minute datapoints are all above target.
 *   Scale out in proportion: `ceil(capacity * latest / target)`, clamped to max.
 * - AlarmLow is in ALARM when the last 15 datapoints are all below 90% of target.
 *   Scale in to `ceil(capacity * highest-of-the-15 / target)` (rounding keeps capacity),
 *   removing at most half the capacity (at least 1) per activity, clamped to min.
 * - A missing datapoint in a window makes that alarm INSUFFICIENT_DATA: no action.
 * - Scale-out cooldown: the capacity added by the scale-out that started it counts, so
 *   the proportion is computed on the capacity before that scale-out and only a larger
 *   capacity than the current one scales out again.
 * - Scale-in cooldown blocks scale-in; a scale-out ends it at once. A running scale-out
 *   cooldown blocks scale-in too.
 * - `disableScaleIn` and `suspendedState` block the matching direction.
 * @public
 */
export function evaluateTargetTracking(
  input: TargetTrackingInput,
): TargetTrackingDecision {
  checkInput(input);
  const { policy, minCapacity, maxCapacity, currentCapacity, now } = input;
  const target = policy.targetValue;
  const scaleOutCooldownMs =
    (policy.scaleOutCooldown ?? TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS) *
    1000;
  const scaleInCooldownMs =
    (policy.scaleInCooldown ?? TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS) * 1000;

  // Expired cooldowns are forgotten (built afresh: deleting keys slows every later read).
  const prior = input.cooldown ?? {};
  const cooldown: TargetTrackingCooldownState = {};
  if (
    prior.scaleOutCooldownUntil !== undefined &&
    prior.scaleOutCooldownUntil > now
  ) {
    cooldown.scaleOutCooldownUntil = prior.scaleOutCooldownUntil;
    if (prior.scaleOutBaseCapacity !== undefined) {
      cooldown.scaleOutBaseCapacity = prior.scaleOutBaseCapacity;
    }
  }
  if (
    prior.scaleInCooldownUntil !== undefined &&
    prior.scaleInCooldownUntil > now
  ) {
    cooldown.scaleInCooldownUntil = prior.scaleInCooldownUntil;
  }
  const inScaleOutCooldown = cooldown.scaleOutCooldownUntil !== undefined;
  const inScaleInCooldown = cooldown.scaleInCooldownUntil !== undefined;

  const alarmHigh = alarmState(
    input.metric,
    TARGET_TRACKING_HIGH_DATAPOINTS,
    v => breachesHighAlarm(v, target),
  );
  const alarmLow = alarmState(input.metric, TARGET_TRACKING_LOW_DATAPOINTS, v =>
    breachesLowAlarm(v, target),
  );

  const none = (
    reason: TargetTrackingDecision['reason'],
    message: string,
  ): TargetTrackingDecision => ({
    action: 'none',
    desiredCapacity: currentCapacity,
    reason,
    message,
    alarmHigh,
    alarmLow,
    cooldown,
  });

  if (alarmHigh === 'ALARM') {
    const latest = input.metric[input.metric.length - 1] as number;
    if (input.suspended?.dynamicScalingOutSuspended) {
      return none(
        'scale-out-suspended',
        'Metric above target, but dynamic scale-out is suspended.',
      );
    }
    const base = inScaleOutCooldown
      ? cooldown.scaleOutBaseCapacity ?? currentCapacity
      : currentCapacity;
    const proportional = Math.ceil(
      (Math.max(base, 1) * latest) / target - EPSILON,
    );
    const desired = Math.min(maxCapacity, Math.max(minCapacity, proportional));
    if (desired <= currentCapacity) {
      if (currentCapacity >= maxCapacity) {
        return none(
          'at-max-capacity',
          `Metric ${latest} is above target ${target}, but capacity is at the maximum of ${maxCapacity}.`,
        );
      }
      return none(
        'scale-out-cooldown',
        `Metric ${latest} is above target ${target}; the capacity added during the scale-out cooldown already covers it.`,
      );
    }
    return {
      action: 'scale-out',
      desiredCapacity: desired,
      reason: 'scale-out',
      message: `Metric ${latest} above target ${target} for ${TARGET_TRACKING_HIGH_DATAPOINTS} minutes: scaling out from ${currentCapacity} to ${desired}.`,
      alarm: 'AlarmHigh',
      alarmHigh,
      alarmLow,
      cooldown: {
        scaleOutCooldownUntil: now + scaleOutCooldownMs,
        scaleOutBaseCapacity: inScaleOutCooldown ? base : currentCapacity,
        // A scale-out ends a running scale-in cooldown.
      },
    };
  }

  if (alarmLow === 'ALARM') {
    if (policy.disableScaleIn) {
      return none(
        'scale-in-disabled',
        'Metric well below target, but scale-in is disabled for this policy.',
      );
    }
    if (input.suspended?.dynamicScalingInSuspended) {
      return none(
        'scale-in-suspended',
        'Metric well below target, but dynamic scale-in is suspended.',
      );
    }
    if (inScaleInCooldown) {
      return none(
        'scale-in-cooldown',
        'Metric well below target; waiting for the scale-in cooldown to end.',
      );
    }
    // The capacity a scale-out just added is not removed before its cooldown ends.
    if (inScaleOutCooldown) {
      return none(
        'scale-out-cooldown',
        'Metric well below target; no scale-in until the scale-out cooldown ends.',
      );
    }
    const peak = peakOf(input.metric, TARGET_TRACKING_LOW_DATAPOINTS);
    const proportional = Math.ceil((currentCapacity * peak) / target - EPSILON);
    const largestStep = Math.max(
      1,
      Math.floor(currentCapacity * TARGET_TRACKING_MAX_SCALE_IN_FRACTION),
    );
    const desired = Math.min(
      Math.max(proportional, currentCapacity - largestStep, minCapacity),
      Math.max(currentCapacity, minCapacity),
    );
    if (desired >= currentCapacity) {
      return none(
        currentCapacity <= minCapacity ? 'at-min-capacity' : 'within-target',
        currentCapacity <= minCapacity
          ? `Metric well below target, but capacity is at the minimum of ${minCapacity}.`
          : 'Metric below target, but removing an instance would push it above target.',
      );
    }
    return {
      action: 'scale-in',
      desiredCapacity: desired,
      reason: 'scale-in',
      message: `Metric at most ${peak} for ${TARGET_TRACKING_LOW_DATAPOINTS} minutes, more than 10% below target ${target}: scaling in from ${currentCapacity} to ${desired}.`,
      alarm: 'AlarmLow',
      alarmHigh,
      alarmLow,
      cooldown: { ...cooldown, scaleInCooldownUntil: now + scaleInCooldownMs },
    };
  }

  if (alarmHigh === 'INSUFFICIENT_DATA' && alarmLow === 'INSUFFICIENT_DATA') {
    return none(
      'insufficient-data',
      'Not enough metric data to evaluate the policy.',
    );
  }
  const latest = input.metric[input.metric.length - 1];
  if (
    alarmLow === 'INSUFFICIENT_DATA' &&
    typeof latest === 'number' &&
    breachesLowAlarm(latest, target)
  ) {
    return none(
      'insufficient-data',
      `Metric below target, but scale-in needs ${TARGET_TRACKING_LOW_DATAPOINTS} complete minutes of data.`,
    );
  }
  return none('within-target', 'Metric is close enough to target.');
}

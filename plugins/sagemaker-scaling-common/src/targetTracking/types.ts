/**
 * Inputs and outputs of the target-tracking model.
 */

/** A target-tracking policy's settings (seconds for cooldowns). @public */
export interface TargetTrackingPolicySettings {
  targetValue: number;
  /** Seconds; AWS default for SageMaker variants is 300. */
  scaleOutCooldown?: number;
  /** Seconds; AWS default for SageMaker variants is 300. */
  scaleInCooldown?: number;
  disableScaleIn?: boolean;
}

/** The cooldown bookkeeping carried from one evaluation to the next. @public */
export interface TargetTrackingCooldownState {
  /** Time (ms) until which the scale-out cooldown lasts. */
  scaleOutCooldownUntil?: number;
  /**
   * Capacity before the scale-out that started the running scale-out cooldown: the
   * metric still reflects it, so the capacity added since counts toward the next one.
   */
  scaleOutBaseCapacity?: number;
  /** Time (ms) until which the scale-in cooldown lasts. */
  scaleInCooldownUntil?: number;
}

/** CloudWatch alarm states. @public */
export type TargetTrackingAlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** Everything one evaluation needs; the function is pure over it. @public */
export interface TargetTrackingInput {
  policy: TargetTrackingPolicySettings;
  minCapacity: number;
  maxCapacity: number;
  /** The desired capacity Application Auto Scaling last set (the target's capacity). */
  currentCapacity: number;
  /** `suspendedState` of the scalable target. */
  suspended?: {
    dynamicScalingInSuspended?: boolean;
    dynamicScalingOutSuspended?: boolean;
  };
  /**
   * Per-minute datapoints of the metric, oldest first, the last one being the latest
   * complete minute; `undefined`, `null` or `NaN` marks a minute without data. Only the
   * last 15 are read, so a window (or a typed array view) will do.
   */
  metric: ArrayLike<number | null | undefined>;
  /** Evaluation time (ms); cooldowns compare against it. */
  now: number;
  cooldown?: TargetTrackingCooldownState;
}

/** What happened and why (stable codes for UIs and tests). @public */
export type TargetTrackingReason =
  | 'scale-out'
  | 'scale-in'
  | 'within-target'
  | 'insufficient-data'
  | 'at-max-capacity'
  | 'at-min-capacity'
  | 'scale-out-suspended'
  | 'scale-in-suspended'
  | 'scale-in-disabled'
  | 'scale-out-cooldown'
  | 'scale-in-cooldown';

/** The decision of one evaluation. @public */
export interface TargetTrackingDecision {
  action: 'scale-out' | 'scale-in' | 'none';
  /** Capacity to set; equals currentCapacity when action is 'none'. */
  desiredCapacity: number;
  reason: TargetTrackingReason;
  /** One sentence for people. */
  message: string;
  /** Which alarm triggered the action, if any. */
  alarm?: 'AlarmHigh' | 'AlarmLow';
  alarmHigh: TargetTrackingAlarmState;
  alarmLow: TargetTrackingAlarmState;
  /** Cooldown bookkeeping to pass to the next evaluation. */
  cooldown: TargetTrackingCooldownState;
}

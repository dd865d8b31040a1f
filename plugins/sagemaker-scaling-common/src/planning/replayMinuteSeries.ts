/**
 * The replay loop: minute by minute, the load per instance in service feeds
 * `evaluateTargetTracking` (the model the sandbox cluster scales with, so the planner and
 * the demo cannot drift), and each change reaches the instances in service after its delay.
 */
import type { ScalingSettings } from '../manifests';
import { HOURS_PER_MONTH } from '../pricing';
import type { InstancePrice } from '../pricing';
import {
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  breachesHighAlarm,
  breachesLowAlarm,
  evaluateTargetTracking,
  notScaledReasonCode,
} from '../targetTracking';
import type {
  TargetTrackingCooldownState,
  TargetTrackingPolicySettings,
} from '../targetTracking';
import type { MinuteSeries } from './toMinuteSeries';
import type {
  ScalingReplayDecision,
  ScalingReplayPoint,
  ScalingReplayResult,
} from './types';

/** Minutes from a scale-in decision until the instances leave service ("about a minute"). @public */
export const SCALE_IN_EFFECT_MINUTES = 1;

const MINUTE_MS = 60_000;

/** Conditions of one replay, already validated. @internal */
export interface ReplayConditions {
  initialInstances: number;
  provisioningDelayMinutes: number;
  price?: InstancePrice;
  loadLimitPerInstance?: number;
  /** Whether to keep the timeline and the decisions (a sweep only needs the summary). */
  detail: boolean;
  /**
   * Evaluate the policy at every minute, even when no alarm can be in ALARM. Only the
   * test that holds the fast path to the full evaluation sets it.
   */
  evaluateEveryMinute?: boolean;
}

/** Replays validated settings over a minute series. @internal */
export function replayMinuteSeries(
  series: MinuteSeries,
  settings: ScalingSettings,
  conditions: ReplayConditions,
): ScalingReplayResult {
  const { minCapacity, maxCapacity, targetValue } = settings;
  const policy: TargetTrackingPolicySettings = {
    targetValue,
    scaleInCooldown: settings.scaleInCooldown,
    scaleOutCooldown: settings.scaleOutCooldown,
    disableScaleIn: settings.disableScaleIn,
  };
  const provisioning = Math.ceil(conditions.provisioningDelayMinutes);
  const limit = conditions.loadLimitPerInstance;
  const { start, invocations } = series;
  const minutes = invocations.length;

  // Updating a target moves its capacity into [min, max] (AAS API).
  let desired = Math.min(
    maxCapacity,
    Math.max(minCapacity, conditions.initialInstances),
  );
  let inService = desired;
  /** Changes on their way, by the minute they reach service; ascending. */
  let pending: Array<{ at: number; capacity: number }> = [];
  let cooldown: TargetTrackingCooldownState = {};
  /** Load per instance by minute, NaN in gaps: what the alarms read. */
  const metric = new Float64Array(minutes);
  /** The evaluation reads at most this many datapoints back. */
  const window = Math.max(
    TARGET_TRACKING_HIGH_DATAPOINTS,
    TARGET_TRACKING_LOW_DATAPOINTS,
  );
  const timeline: ScalingReplayPoint[] = [];
  const decisions: ScalingReplayDecision[] = [];
  let instanceMinutes = 0;
  let minutesAboveTarget = 0;
  let minutesAboveLoadLimit = 0;
  let minutesAtMax = 0;
  let peakInstances = inService;
  let scaleOutEvents = 0;
  let scaleInEvents = 0;
  /** Consecutive datapoints breaching each alarm, up to this minute. */
  let highRun = 0;
  let lowRun = 0;

  for (let i = 0; i < minutes; i++) {
    while (pending.length > 0 && pending[0].at <= i) {
      inService = pending.shift()!.capacity;
    }
    const count = invocations[i];
    const load =
      Number.isNaN(count) || inService === 0 ? null : count / inService;
    metric[i] = load ?? NaN;
    instanceMinutes += inService;
    if (inService > peakInstances) peakInstances = inService;
    if (inService >= maxCapacity) minutesAtMax++;
    const aboveTarget = load !== null && breachesHighAlarm(load, targetValue);
    if (aboveTarget) minutesAboveTarget++;
    if (load !== null && limit !== undefined && load > limit) {
      minutesAboveLoadLimit++;
    }
    highRun = aboveTarget ? highRun + 1 : 0;
    lowRun =
      load !== null && breachesLowAlarm(load, targetValue) ? lowRun + 1 : 0;

    // With neither alarm in ALARM the evaluation changes nothing: skip it (most minutes).
    if (
      conditions.evaluateEveryMinute ||
      highRun >= TARGET_TRACKING_HIGH_DATAPOINTS ||
      lowRun >= TARGET_TRACKING_LOW_DATAPOINTS
    ) {
      // Decided at the end of the minute, on the datapoints up to it.
      const now = start + (i + 1) * MINUTE_MS;
      const decision = evaluateTargetTracking({
        policy,
        minCapacity,
        maxCapacity,
        currentCapacity: desired,
        metric: metric.subarray(Math.max(0, i + 1 - window), i + 1),
        now,
        cooldown,
      });
      cooldown = decision.cooldown;
      const from = desired;
      if (decision.action !== 'none') {
        desired = decision.desiredCapacity;
        const at =
          i +
          1 +
          (decision.action === 'scale-out'
            ? provisioning
            : SCALE_IN_EFFECT_MINUTES);
        // A newer change supersedes those that would reach service after it.
        pending = pending.filter(p => p.at < at);
        pending.push({ at, capacity: desired });
        if (decision.action === 'scale-out') scaleOutEvents++;
        else scaleInEvents++;
      }
      if (
        conditions.detail &&
        (decision.action !== 'none' ||
          decision.alarmHigh === 'ALARM' ||
          decision.alarmLow === 'ALARM')
      ) {
        decisions.push({
          timestamp: now,
          action: decision.action,
          fromInstances: from,
          toInstances: desired,
          reason: decision.reason,
          notScaledReason: notScaledReasonCode(decision),
          message: decision.message,
        });
      }
    }
    if (conditions.detail) {
      timeline.push({
        timestamp: start + i * MINUTE_MS,
        instances: inService,
        desiredInstances: desired,
        loadPerInstance: load,
      });
    }
  }

  const instanceHours = instanceMinutes / 60;
  const price = conditions.price;
  const costUsd =
    price && !price.unknown ? instanceHours * price.usdPerHour : undefined;
  return {
    timeline,
    decisions,
    price,
    summary: {
      minutes,
      instanceHours,
      costUsd,
      monthlyCostUsd:
        costUsd === undefined
          ? undefined
          : (costUsd / (minutes / 60)) * HOURS_PER_MONTH,
      minutesAboveTarget,
      minutesAboveLoadLimit:
        limit === undefined ? undefined : minutesAboveLoadLimit,
      peakInstances,
      minutesAtMax,
      scaleOutEvents,
      scaleInEvents,
    },
  };
}

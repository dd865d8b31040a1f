/**
 * Replays a load series through the target-tracking rules minute by minute, with a
 * provisioning delay between desired and in-service capacity: the what-if planner's core.
 */
import { evaluateTargetTracking } from './evaluateTargetTracking';
import type {
  TargetTrackingCooldownState,
  TargetTrackingDecision,
  TargetTrackingPolicySettings,
} from './types';

/** @public */
export interface TargetTrackingSimulationInput {
  policy: TargetTrackingPolicySettings;
  minCapacity: number;
  maxCapacity: number;
  /** In-service (and desired) capacity at the start. */
  initialCapacity: number;
  /** Total invocations per minute (all instances), oldest first; null = no data. */
  invocationsPerMinute: ReadonlyArray<number | null>;
  /** Minutes from a scale-out decision until the new instances serve (default 4). */
  provisioningMinutes?: number;
  /** Minutes from a scale-in decision until instances stop serving (default 1). */
  deprovisioningMinutes?: number;
  /** Time of the first minute (ms), for the decisions' cooldowns (default 0). */
  startTime?: number;
  suspended?: {
    dynamicScalingInSuspended?: boolean;
    dynamicScalingOutSuspended?: boolean;
  };
}

/** One simulated minute. @public */
export interface TargetTrackingSimulationPoint {
  minute: number;
  time: number;
  invocations: number | null;
  /** Instances serving during this minute. */
  inServiceCapacity: number;
  /** Desired capacity at the end of this minute. */
  desiredCapacity: number;
  /** invocations / inServiceCapacity; null without data or capacity. */
  metric: number | null;
  decision: TargetTrackingDecision;
}

/**
 * Replays the load and returns one point per minute.
 * @public
 */
export function simulateTargetTracking(
  input: TargetTrackingSimulationInput,
): TargetTrackingSimulationPoint[] {
  const provisioning = input.provisioningMinutes ?? 4;
  const deprovisioning = input.deprovisioningMinutes ?? 1;
  const start = input.startTime ?? 0;
  let desired = input.initialCapacity;
  let inService = input.initialCapacity;
  /** Capacity changes waiting to take effect: [minute it applies, capacity]. */
  let pending: Array<[number, number]> = [];
  let cooldown: TargetTrackingCooldownState = {};
  const metric: Array<number | null> = [];
  const points: TargetTrackingSimulationPoint[] = [];
  input.invocationsPerMinute.forEach((invocations, minute) => {
    for (const [at, capacity] of pending) {
      if (at <= minute) inService = capacity;
    }
    pending = pending.filter(([at]) => at > minute);
    const value =
      invocations === null || inService === 0 ? null : invocations / inService;
    metric.push(value);
    const time = start + (minute + 1) * 60_000;
    const decision = evaluateTargetTracking({
      policy: input.policy,
      minCapacity: input.minCapacity,
      maxCapacity: input.maxCapacity,
      currentCapacity: desired,
      suspended: input.suspended,
      metric,
      now: time,
      cooldown,
    });
    cooldown = decision.cooldown;
    if (decision.action !== 'none') {
      desired = decision.desiredCapacity;
      const delay =
        decision.action === 'scale-out' ? provisioning : deprovisioning;
      pending.push([minute + 1 + delay, desired]);
    }
    points.push({
      minute,
      time,
      invocations,
      inServiceCapacity: inService,
      desiredCapacity: desired,
      metric: value,
      decision,
    });
  });
  return points;
}

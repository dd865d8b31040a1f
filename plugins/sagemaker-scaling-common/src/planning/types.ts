/**
 * Inputs and outputs of the what-if planner: a replay of an endpoint's own traffic
 * through scaling settings.
 */
import type { ScalingSettings } from '../manifests';
import type { InstancePrice } from '../pricing';
import type {
  NotScaledReasonCode,
  TargetTrackingReason,
} from '../targetTracking';

/** Total invocations of a variant (all instances) in one minute. @public */
export interface InvocationDatapoint {
  /** Start of the minute, ms since the epoch. */
  timestamp: number;
  /** Invocations in that minute, all instances together. */
  value: number;
}

/** How long new instances take to serve, and what the figure rests on. @public */
export interface ProvisioningDelayAssumption {
  /** Minutes from a scale-out decision until the new instances are in service. */
  minutes: number;
  /** `'measured'` from past scale-out activities, or the stated `'default'`. */
  source: 'measured' | 'default';
  /** Activities measured (0 for the default). */
  basedOn: number;
  /** One sentence saying where the figure comes from. */
  description: string;
}

/** Input of {@link replayScalingSettings}. @public */
export interface ScalingReplayInput {
  settings: ScalingSettings;
  /** Invocations per minute, oldest first; missing minutes are gaps (no data). */
  series: ReadonlyArray<InvocationDatapoint>;
  /** Instances in service at the first minute (moved into [min, max], as AAS does). */
  initialInstances: number;
  /** Minutes from a scale-out decision to in service; rounded up to whole minutes. */
  provisioningDelayMinutes: number;
  /** Price per instance-hour; without a known price, costs are `undefined`. */
  price?: InstancePrice;
  /**
   * Invocations per minute one instance can serve well, when known: minutes whose load per
   * instance is above it are counted in `minutesAboveLoadLimit`. Lets settings with
   * different targets be compared against one yardstick.
   */
  loadLimitPerInstance?: number;
}

/** One replayed minute. @public */
export interface ScalingReplayPoint {
  /** Start of the minute, ms since the epoch. */
  timestamp: number;
  /** Instances in service during the minute. */
  instances: number;
  /** Desired capacity at the end of the minute. */
  desiredInstances: number;
  /** Invocations per instance in service; `null` in a gap. */
  loadPerInstance: number | null;
}

/** A minute at which an alarm fired or the capacity changed. @public */
export interface ScalingReplayDecision {
  /** End of the minute the decision was taken at, ms since the epoch. */
  timestamp: number;
  action: 'scale-out' | 'scale-in' | 'none';
  fromInstances: number;
  toInstances: number;
  reason: TargetTrackingReason;
  /** The code AWS would record for a refused change, if it would record one. */
  notScaledReason?: NotScaledReasonCode;
  message: string;
}

/** Totals of one replay. @public */
export interface ScalingReplaySummary {
  /** Minutes replayed (from the first to the last datapoint, gaps included). */
  minutes: number;
  /** Sum of instances in service over the replay, in hours. */
  instanceHours: number;
  /** instanceHours x price per hour; `undefined` when the price is unknown. */
  costUsd?: number;
  /** The cost at this rate for a 730-hour month; `undefined` when the price is unknown. */
  monthlyCostUsd?: number;
  /** Minutes whose load per instance was above the settings' target. */
  minutesAboveTarget: number;
  /** Minutes above `loadLimitPerInstance`, when the input gave one. */
  minutesAboveLoadLimit?: number;
  peakInstances: number;
  /** Minutes with maxCapacity instances in service. */
  minutesAtMax: number;
  scaleOutEvents: number;
  scaleInEvents: number;
}

/** Output of {@link replayScalingSettings}. @public */
export interface ScalingReplayResult {
  timeline: ScalingReplayPoint[];
  summary: ScalingReplaySummary;
  decisions: ScalingReplayDecision[];
  /** The price the costs use, or the unknown price and how to configure it. */
  price?: InstancePrice;
}

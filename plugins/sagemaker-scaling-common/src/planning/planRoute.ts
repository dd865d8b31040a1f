/**
 * Request and answer of the backend's `POST .../plan` route (openapi: ScalingPlanRequest,
 * ScalingPlan), for its clients (the node service client, the frontend).
 */
import type { ScalingSettings } from '../manifests';
import type { InstancePrice } from '../pricing';
import type { ScalingComparisonDifference } from './compareScalingSettings';
import type { ScalingSuggestion } from './suggestScalingSettings';
import type {
  InvocationDatapoint,
  ProvisioningDelayAssumption,
  ScalingReplaySummary,
} from './types';

/** Body of `POST .../plan`. @public */
export interface ScalingPlanRouteRequest {
  /** The variant to replay; the first one when omitted. */
  variantName?: string;
  /** The proposed settings, replayed beside the current ones. */
  settings: ScalingSettings;
  /** Hours of recorded traffic to replay (default 336, 14 days). */
  hours?: number;
  /** A series to replay instead of the recorded traffic (total invocations per minute). */
  invocations?: InvocationDatapoint[];
  /** Instances at the first minute (default: the recorded count then, else min). */
  initialInstances?: number;
  /** Also sweep candidate targets (and maxima) for the cheapest within the threshold. */
  suggest?: {
    maxMinutesAboveTarget: number;
    targets?: number[];
    maxima?: number[];
  };
}

/** One replay as the route answers it. @public */
export interface ScalingPlanRouteReplay {
  timeline: Array<{
    /** ISO time of the start of the minute. */
    timestamp: string;
    instances: number;
    /** `null` in a gap of the series. */
    loadPerInstance: number | null;
  }>;
  summary: ScalingReplaySummary;
}

/** Answer of `POST .../plan`. @public */
export interface ScalingPlanRouteResponse {
  variantName: string;
  current: ScalingPlanRouteReplay;
  proposed: ScalingPlanRouteReplay;
  /** Proposed minus current. */
  difference: ScalingComparisonDifference;
  assumptions: {
    /** `unavailableReason` when the activities could not be read (then the default). */
    provisioningDelay: ProvisioningDelayAssumption & {
      unavailableReason?: string;
    };
    alarmRules: {
      highAlarmDatapoints: number;
      lowAlarmDatapoints: number;
      lowAlarmThresholdRatio: number;
      scaleInEffectMinutes: number;
      description: string;
    };
    /** The price the costs use, or unknown with how to configure one. */
    price: InstancePrice & { fallbackReason?: string };
    traffic: {
      source: 'request' | 'cloudwatch';
      minutes: number;
      from: string;
      to: string;
    };
    initialInstances: {
      value: number;
      source: 'request' | 'history' | 'minCapacity';
    };
  };
  suggestion?: ScalingSuggestion;
}

/**
 * Request and response shapes of the backend's plan and prices routes (see its
 * openapi.yaml: ScalingPlan, PricesResponse), built from the planner and price types in
 * `-common`.
 */
import type {
  InstancePrice,
  ProvisioningDelayAssumption,
  ScalingComparisonDifference,
  ScalingReplaySummary,
  ScalingSettings,
  ScalingSuggestion,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** Body of {@link SageMakerScalingApi.planScaling}. @public */
export interface ScalingPlanRequest {
  /** The variant to replay; the first one when omitted. */
  variantName?: string;
  /** The proposed settings, replayed beside the current ones. */
  settings: ScalingSettings;
  /** Hours of recorded traffic to replay (default: 14 days). */
  hours?: number;
  /** A series to replay instead of the recorded traffic (total invocations per minute). */
  invocations?: { timestamp: string | number; value: number }[];
  /** Instances at the first minute (default: the count at the start of the window). */
  initialInstances?: number;
  /** Also sweep targets for the cheapest one keeping minutes above target below this. */
  suggest?: { maxMinutesAboveTarget: number };
}

/** One replay of settings over the traffic. @public */
export interface ScalingPlanReplay {
  timeline: {
    /** Start of the minute, ISO 8601. */
    timestamp: string;
    instances: number;
    /** `null` in a gap of the series. */
    loadPerInstance: number | null;
  }[];
  summary: ScalingReplaySummary;
}

/** Answer of {@link SageMakerScalingApi.planScaling}. @public */
export interface ScalingPlanResponse {
  variantName: string;
  current: ScalingPlanReplay;
  proposed: ScalingPlanReplay;
  /** Proposed minus current. */
  difference: ScalingComparisonDifference;
  assumptions: {
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

/** Query of {@link SageMakerScalingApi.getPrices}. @public */
export interface InstancePriceQuery {
  instanceType: string;
  minCapacity: number;
  maxCapacity: number;
}

/** A known price of an instance type and what min..max instances cost. @public */
export interface KnownInstancePriceEstimate {
  unknown?: false;
  instanceType: string;
  usdPerInstanceHour: number;
  perHour: { atMin: number; atMax: number };
  perMonth: { hours: number; atMin: number; atMax: number };
  /** Where the price comes from (list price with region and date, Price List API, override). */
  source: string;
  label?: string;
  fallbackReason?: string;
}

/** No price is known: which setting would make it known. @public */
export interface UnknownInstancePriceEstimate {
  unknown: true;
  instanceType: string;
  howToConfigure: string;
  fallbackReason?: string;
}

/** Answer of {@link SageMakerScalingApi.getPrices}. @public */
export type InstancePriceEstimate =
  | KnownInstancePriceEstimate
  | UnknownInstancePriceEstimate;

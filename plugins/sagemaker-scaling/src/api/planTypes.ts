/**
 * Request and response shapes of the backend's plan and prices routes (see its
 * openapi.yaml: ScalingPlan, PricesResponse), built from the planner and price types in
 * `-common`.
 */
import type {
  ScalingPlanRouteReplay,
  ScalingPlanRouteRequest,
  ScalingPlanRouteResponse,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** Body of {@link SageMakerScalingApi.planScaling}: the route's request type of `-common`. @public */
export type ScalingPlanRequest = ScalingPlanRouteRequest;

/** One replay of settings over the traffic. @public */
export type ScalingPlanReplay = ScalingPlanRouteReplay;

/** Answer of {@link SageMakerScalingApi.planScaling}. @public */
export type ScalingPlanResponse = ScalingPlanRouteResponse;

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

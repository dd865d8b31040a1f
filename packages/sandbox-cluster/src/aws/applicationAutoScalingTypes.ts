/**
 * The shapes Application Auto Scaling keeps and answers with: scalable targets, scaling
 * policies with their alarms, scaling activities, and the key of a target.
 */
import type { ScalingActivityStatusCode } from '@mlplatform/plugin-sagemaker-scaling-common';

/** @internal */
export interface AasSuspendedState {
  DynamicScalingInSuspended?: boolean;
  DynamicScalingOutSuspended?: boolean;
  ScheduledScalingSuspended?: boolean;
}

/** @internal */
export interface AasTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  SuspendedState: AasSuspendedState;
  CreationTime: number;
  ScalableTargetARN: string;
}

/** @internal */
export interface AasTargetTrackingConfiguration {
  TargetValue: number;
  PredefinedMetricSpecification?: {
    PredefinedMetricType: string;
    ResourceLabel?: string;
  };
  CustomizedMetricSpecification?: Record<string, unknown>;
  ScaleOutCooldown?: number;
  ScaleInCooldown?: number;
  DisableScaleIn?: boolean;
}

/** @internal */
export interface AasAlarm {
  AlarmName: string;
  AlarmARN: string;
}

/** @internal */
export interface AasPolicy {
  PolicyARN: string;
  PolicyName: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  PolicyType: string;
  TargetTrackingScalingPolicyConfiguration?: AasTargetTrackingConfiguration;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  Alarms: AasAlarm[];
  CreationTime: number;
}

/** @internal */
export interface AasActivity {
  ActivityId: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  Description: string;
  Cause: string;
  StartTime: number;
  EndTime?: number;
  StatusCode: ScalingActivityStatusCode;
  StatusMessage?: string;
  Details?: string;
  /**
   * Why an alarm's wanted change did not happen; only on not-scaled activities, which
   * DescribeScalingActivities returns with `IncludeNotScaledActivities: true` alone.
   */
  NotScaledReasons?: AasNotScaledReason[];
}

/** The codes of API_NotScaledReason. @internal */
export type AasNotScaledReasonCode =
  | 'AutoScalingAnticipatedFlapping'
  | 'TargetServicePutResourceAsUnscalable'
  | 'AlreadyAtMaxCapacity'
  | 'AlreadyAtMinCapacity'
  | 'AlreadyAtDesiredCapacity';

/** One reason of a not-scaled activity (API_NotScaledReason). @internal */
export interface AasNotScaledReason {
  Code: AasNotScaledReasonCode;
  MaxCapacity?: number;
  MinCapacity?: number;
  CurrentCapacity?: number;
}

/** Identifies a scalable target. @internal */
export interface TargetKey {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
}

/** @internal */
export function targetKey(k: TargetKey): string {
  return `${k.ServiceNamespace}|${k.ResourceId}|${k.ScalableDimension}`;
}

import type { AlarmsReading } from '../aws/CloudWatchAlarmReader';
import type { LoadPoint } from '../aws/CloudWatchMetricsReader';
import type {
  Endpoint,
  InstancePrice,
  EndpointConfig,
  Model,
  ScalableTarget,
  ScalingActivity,
  ScalingHistoryPoint,
  ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Everything {@link buildScalingSnapshot} needs, already looked up; no I/O happens there.
 * @internal
 */
export interface ScalingSnapshotInput {
  entityRef: string;
  cluster: string;
  namespace: string;
  /** `metadata.name` of the Endpoint resource, from the entity's annotation. */
  endpointName: string;
  endpoint?: Endpoint;
  endpointConfig?: EndpointConfig;
  models: readonly Model[];
  /** Every ScalableTarget whose resourceID names this endpoint. */
  scalableTargets: readonly ScalableTarget[];
  /** Every ScalingPolicy whose resourceID names this endpoint. */
  scalingPolicies: readonly ScalingPolicy[];
  freshness: { observedAt: string; stale: boolean; staleReason?: string };
  /**
   * Activities from Application Auto Scaling, newest first; `available: false` when it
   * could not be reached.
   */
  autoscaling:
    | { available: true; activities: ScalingActivity[] }
    | { available: false; reason: string; activities: ScalingActivity[] };
  history?: ScalingHistoryPoint[];
  /**
   * Per-minute invocations per instance from CloudWatch by variant name, oldest first;
   * absent or empty for a variant whose load is unknown.
   */
  load?: Record<string, LoadPoint[]>;
  /** The alarms of each ScalingPolicy by its metadata.name; absent when not read. */
  alarms?: Record<string, AlarmsReading>;
  /** ISO time the input was gathered: what cooldowns are measured against. */
  gatheredAt?: string;
  /**
   * The price per instance-hour of each variant's instance type, already resolved (from a
   * cache, never waited for); a variant whose type is missing here has no `cost`.
   */
  prices?: Record<string, InstancePrice>;
}

/**
 * The scaling state of one ML service, as the backend serves it and the frontend shows it,
 * and the request/response types of the REST API under `/api/sagemaker-scaling/v1`.
 */
import type { EndpointBinding } from './binding';
import type { ScalingSettings } from './manifests/types';
import type { VariantCost } from './pricing/variantCostFigures';
import type {
  AckCondition,
  AckKind,
  EndpointStatusValue,
  SuspendedState,
} from './resources';

/** Points at one ACK resource. @public */
export interface ResourceRef {
  kind: AckKind;
  namespace: string;
  name: string;
}

/** What every resource summary carries. @public */
export interface ResourceSummary {
  ref: ResourceRef;
  /** `status.ackResourceMetadata.arn` */
  arn?: string;
  region?: string;
  conditions: AckCondition[];
  /**
   * The object as stored in the cluster, without `managedFields` and with what can carry
   * secrets redacted: container environment values and the
   * `kubectl.kubernetes.io/last-applied-configuration` annotation read `<redacted>` (the
   * keys stay).
   */
  manifest: Record<string, unknown>;
}

/** @public */
export interface EndpointSummary extends ResourceSummary {
  endpointName: string;
  endpointConfigName: string;
  status?: EndpointStatusValue;
  failureReason?: string;
  creationTime?: string;
  lastModifiedTime?: string;
}

/** @public */
export interface EndpointConfigSummary extends ResourceSummary {
  endpointConfigName: string;
}

/** @public */
export interface ModelSummary extends ResourceSummary {
  modelName: string;
  image?: string;
  modelDataURL?: string;
}

/** @public */
export interface ScalableTargetSummary extends ResourceSummary {
  resourceID: string;
  scalableDimension: string;
  minCapacity?: number;
  maxCapacity?: number;
  suspendedState?: SuspendedState;
}

/** @public */
export interface ScalingAlarm {
  alarmName: string;
  alarmARN?: string;
  /** CloudWatch alarm state, when Application Auto Scaling reports it. */
  state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
}

/**
 * What a target-tracking ScalingPolicy tracks and how it reacts, as its spec says (absent
 * where it does not).
 * @public
 */
export interface ScalingPolicyTracking {
  /** The policy's predefined metric, e.g. `SageMakerVariantInvocationsPerInstance`. */
  metricType?: string;
  /** The policy's custom metric name, when it tracks a customized metric. */
  customMetricName?: string;
  /** The value of the metric the policy keeps the variant at. */
  targetValue?: number;
  /** Seconds the policy waits after a scale-in. */
  scaleInCooldown?: number;
  /** Seconds the policy waits after a scale-out. */
  scaleOutCooldown?: number;
  /** True when the policy never removes instances. */
  disableScaleIn?: boolean;
}

/** @public */
export interface ScalingPolicySummary
  extends ResourceSummary,
    ScalingPolicyTracking {
  policyName: string;
  policyType?: string;
  resourceID: string;
  scalableDimension: string;
  alarms: ScalingAlarm[];
}

/**
 * One production variant with everything that scales it, already joined to its
 * ScalableTarget and ScalingPolicy by the backend, so that a client shows it as it is.
 * @public
 */
export interface VariantState extends ScalingPolicyTracking {
  variantName: string;
  modelName?: string;
  instanceType?: string;
  initialInstanceCount?: number;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  currentWeight?: number;
  desiredWeight?: number;
  /** Name of the ScalableTarget resource for this variant; absent when it does not autoscale. */
  scalableTargetName?: string;
  /** Names of the ScalingPolicy resources for this variant, sorted. */
  scalingPolicyNames: string[];
  /**
   * Name of the policy whose settings are shown here: the first target-tracking policy
   * by name, else the first policy.
   */
  scalingPolicyName?: string;
  /** The ScalableTarget's lower bound of instances. */
  minCapacity?: number;
  /** The ScalableTarget's upper bound of instances. */
  maxCapacity?: number;
  /** True when the desired (else current) instance count has reached `maxCapacity`. */
  atMaxCapacity: boolean;
  /** Latest per-minute invocations per instance, when known (the load against `targetValue`). */
  latestLoadPerInstance?: number;
  /** The findings about this variant (a subset of the snapshot's), most severe first. */
  findings: ScalingFinding[];
  /**
   * Opaque token of the variant's editable settings as read (from the ScalableTarget's and
   * ScalingPolicy's resourceVersions): send it as `expectedVersion` with `PUT .../scaling`,
   * which answers 409 once someone else changed them.
   */
  settingsVersion: string;
  /** Why the variant did (not) scale; absent for a variant without a ScalableTarget. */
  explanation?: ScalingExplanation;
  /**
   * What the variant costs now, at min and at max, and its monthly run rate (an estimate
   * from list prices), or the unknown price with how to configure it; absent while the
   * instance type is not known.
   */
  cost?: VariantCost;
}

/** Status codes of an Application Auto Scaling activity. @public */
export type ScalingActivityStatusCode =
  | 'Pending'
  | 'InProgress'
  | 'Successful'
  | 'Overridden'
  | 'Unfulfilled'
  | 'Failed';

/** A scaling activity, as Application Auto Scaling records it. @public */
export interface ScalingActivity {
  activityId: string;
  resourceId: string;
  scalableDimension: string;
  description: string;
  cause: string;
  statusCode: ScalingActivityStatusCode;
  statusMessage?: string;
  startTime: string;
  endTime?: string;
  details?: string;
  /**
   * Why an activity did not change the capacity (only on not-scaled activities, which
   * `IncludeNotScaledActivities: true` returns).
   */
  notScaledReasons?: NotScaledReason[];
}

/** Why Application Auto Scaling decided not to scale, with the capacities it saw. @public */
export interface NotScaledReason {
  /** AWS's code, e.g. `AlreadyAtMaxCapacity` or `AutoScalingAnticipatedFlapping`. */
  code: string;
  currentCapacity?: number;
  minCapacity?: number;
  maxCapacity?: number;
}

/** What a variant's scaling is doing now, in one word. @public */
export type ScalingExplanationState =
  | 'not-autoscaled'
  | 'scaling-out'
  | 'scaling-in'
  | 'updating'
  | 'suspended'
  | 'at-max'
  | 'at-min'
  | 'cooldown'
  | 'scale-out-waiting'
  | 'scale-in-waiting'
  | 'scale-in-disabled'
  | 'steady'
  | 'unknown';

/** One fact an explanation rests on. @public */
export interface ScalingExplanationEvidence {
  /** What the fact is about. */
  kind:
    | 'not-scaled-reason'
    | 'alarm'
    | 'activity'
    | 'cooldown'
    | 'endpoint-status'
    | 'setting'
    | 'load'
    | 'missing';
  /** The fact in plain words. */
  text: string;
  /** A NotScaledReason code or an endpoint status, when the fact is one. */
  code?: string;
  alarmName?: string;
  /** The alarm's CloudWatch state (`OK`, `ALARM`, `INSUFFICIENT_DATA`). */
  alarmState?: string;
  threshold?: number;
  /** Datapoints the alarm needs, and how many of the recent ones breach it. */
  datapointsToAlarm?: number;
  breachingDatapoints?: number;
  /** ISO time the fact refers to (alarm state change, activity start, cooldown end). */
  time?: string;
}

/**
 * Why a variant did (not) scale, in plain words, with the evidence: built from its
 * capacity and limits, the endpoint status, the latest (not-)scaled activities, the
 * policy's alarms and their recent datapoints, and the cooldowns.
 * @public
 */
export interface ScalingExplanation {
  /** One sentence, without clock times (see `since`/`until`). */
  summary: string;
  state: ScalingExplanationState;
  /** ISO time the state has held since, when known. */
  since?: string;
  /** ISO time the state ends at the latest (a cooldown's end), when known. */
  until?: string;
  evidence: ScalingExplanationEvidence[];
  /** The next capacity change target tracking would make, when one is foreseeable. */
  nextChange?: {
    direction: 'out' | 'in';
    /** What has to happen first, in plain words. */
    condition: string;
    /** ISO time before which it cannot happen, when a cooldown holds it. */
    notBefore?: string;
  };
}

/** Severity of a finding; findings are sorted most severe first. @public */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * Every finding code, e.g. for a filter's options; the order is not the severity order.
 * @public
 */
export const FINDING_CODES = [
  'endpoint-not-found',
  'endpoint-failed',
  'binding-conflict',
  'terminal-condition',
  'recoverable-condition',
  'at-max-capacity',
  'variant-without-scalable-target',
  'target-for-missing-variant',
  'policy-for-missing-target',
  'target-without-policy',
  'scaling-suspended',
  'scale-in-disabled',
  'metric-dimension-mismatch',
  'endpoint-unbound',
  'autoscaling-unavailable',
  'data-stale',
] as const;

/** What a finding is about. @public */
export type FindingCode = (typeof FINDING_CODES)[number];

/** A detected problem or notable state. @public */
export interface ScalingFinding {
  code: FindingCode;
  severity: FindingSeverity;
  /** One sentence for people, including the controller's message where there is one. */
  message: string;
  resource?: ResourceRef;
  /** The production variant the finding is about, when it is about one. */
  variantName?: string;
  /** Since when this has been true (ISO time), when known. */
  since?: string;
}

/** One point of the capacity/load history used for charts. @public */
export interface ScalingHistoryPoint {
  /** ISO time */
  timestamp: string;
  variantName: string;
  desiredInstanceCount?: number;
  currentInstanceCount?: number;
  minCapacity?: number;
  maxCapacity?: number;
  loadPerInstance?: number;
  targetValue?: number;
}

/** The full scaling state of one entity's endpoint. @public */
export interface ScalingSnapshot {
  /** `kind:namespace/name` of the catalog entity. */
  entityRef: string;
  cluster: string;
  namespace: string;
  /** `metadata.name` of the Endpoint resource. */
  endpointName: string;
  /** When the cluster data was last known to be current (ISO time). */
  observedAt: string;
  /**
   * True when the data is not known to be current, e.g. the cluster became unreachable
   * after a first sync: the backend keeps serving the last state it read.
   */
  stale: boolean;
  /** Why the data is stale, one clause for people; only when `stale`. */
  staleReason?: string;
  /**
   * Which entity the endpoint's resources are bound to, as seen from `entityRef`: only
   * `bound` lets its owners change the settings here; `unbound` lets them adopt it.
   */
  binding: EndpointBinding;
  /** Absent when the Endpoint resource does not exist in the cluster. */
  endpoint?: EndpointSummary;
  endpointConfig?: EndpointConfigSummary;
  models: ModelSummary[];
  /** In the order of the EndpointConfig, then variants only the Endpoint's status has. */
  variants: VariantState[];
  /** Every ScalableTarget pointing at this endpoint, including ones for unknown variants. */
  scalableTargets: ScalableTargetSummary[];
  /** Every ScalingPolicy pointing at this endpoint. */
  scalingPolicies: ScalingPolicySummary[];
  /** Most recent first (by start time, then activity id); at most the latest 20. */
  activities: ScalingActivity[];
  /** False when Application Auto Scaling could not be reached for this snapshot. */
  activitiesAvailable: boolean;
  /** Capacity and load over time, oldest first, when known. */
  history: ScalingHistoryPoint[];
  /**
   * Every finding of the endpoint, including those about one variant (which its
   * variant's `findings` repeat): most severe first, then in the backend's fixed order of
   * codes.
   */
  findings: ScalingFinding[];
}

/** `GET .../activities` response. @public */
export interface ScalingActivitiesPage {
  items: ScalingActivity[];
  nextCursor?: string;
}

/** Scaling settings an owner may change (`PUT .../scaling`), for one variant. @public */
export interface ScalingSettingsUpdate
  extends Omit<ScalingSettings, 'initialInstanceCount'> {
  /** Which variant; optional when the endpoint has exactly one. */
  variantName?: string;
}

/**
 * Body of `PUT .../scaling`: the settings, and the variant's `settingsVersion` they were
 * edited from.
 * @public
 */
export interface ScalingUpdateRequest extends ScalingSettingsUpdate {
  expectedVersion: string;
}

/** `GET /clusters` item. @public */
export interface ClusterInfo {
  name: string;
  reachable: boolean;
  lastSyncAt?: string;
  /** Why the cluster is not reachable or stale; never contains credentials. */
  error?: string;
}

/** `GET /clusters` response. @public */
export interface ClustersResponse {
  clusters: ClusterInfo[];
}

/** Server-sent event names of `GET .../events`. @public */
export const SCALING_EVENT_SNAPSHOT = 'snapshot';
/** @public */
export const SCALING_EVENT_HEARTBEAT = 'heartbeat';
/** @public */
export const SCALING_EVENT_ERROR = 'error';
/** Base path of the REST API below the plugin's base URL. @public */
export const SCALING_API_VERSION_PATH = '/v1';

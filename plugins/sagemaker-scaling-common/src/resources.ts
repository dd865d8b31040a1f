/**
 * Typed model of the five ACK resources a scaled SageMaker endpoint is made of.
 * Field names and casing follow the ACK CRDs (`modelDataURL`, `executionRoleARN`,
 * `resourceID`, ...), not the AWS API.
 */

/** @public */
export const SAGEMAKER_API_GROUP = 'sagemaker.services.k8s.aws';
/** @public */
export const APPLICATION_AUTOSCALING_API_GROUP =
  'applicationautoscaling.services.k8s.aws';
/** @public */
export const ACK_API_VERSION = 'v1alpha1';

/** The five kinds this project manages. @public */
export type AckKind =
  | 'Model'
  | 'EndpointConfig'
  | 'Endpoint'
  | 'ScalableTarget'
  | 'ScalingPolicy';

/** Where each kind lives in the Kubernetes API. @public */
export interface AckKindInfo {
  kind: AckKind;
  group: string;
  version: string;
  /** `group/version`, as written in `apiVersion`. */
  apiVersion: string;
  plural: string;
  singular: string;
}

function kindInfo(kind: AckKind, group: string, plural: string): AckKindInfo {
  return {
    kind,
    group,
    version: ACK_API_VERSION,
    apiVersion: `${group}/${ACK_API_VERSION}`,
    plural,
    singular: kind.toLowerCase(),
  };
}

/**
 * The five kinds in apply order (delete in reverse).
 * @public
 */
export const ACK_KINDS: readonly AckKindInfo[] = [
  kindInfo('Model', SAGEMAKER_API_GROUP, 'models'),
  kindInfo('EndpointConfig', SAGEMAKER_API_GROUP, 'endpointconfigs'),
  kindInfo('Endpoint', SAGEMAKER_API_GROUP, 'endpoints'),
  kindInfo(
    'ScalableTarget',
    APPLICATION_AUTOSCALING_API_GROUP,
    'scalabletargets',
  ),
  kindInfo(
    'ScalingPolicy',
    APPLICATION_AUTOSCALING_API_GROUP,
    'scalingpolicies',
  ),
];

/** Looks up the API coordinates of a kind. @public */
export function ackKindInfo(kind: AckKind): AckKindInfo {
  const info = ACK_KINDS.find(k => k.kind === kind);
  if (!info) {
    throw new Error(`Unknown ACK kind '${kind}'`);
  }
  return info;
}

/** Kubernetes object metadata, as far as we read or write it. @public */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  managedFields?: unknown[];
}

/** An ACK condition (`status.conditions[]`). @public */
export interface AckCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `status.ackResourceMetadata`, common to every ACK resource. @public */
export interface AckResourceMetadata {
  arn?: string;
  ownerAccountID: string;
  region: string;
  partition?: string;
}

/** Status fields every ACK resource has. @public */
export interface AckStatusBase {
  ackResourceMetadata?: AckResourceMetadata;
  conditions?: AckCondition[];
}

/** A tag on a SageMaker resource. @public */
export interface AckTag {
  key: string;
  value: string;
}

/** Generic shape of an ACK custom resource. @public */
export interface AckResource<K extends AckKind, Spec, Status> {
  apiVersion: string;
  kind: K;
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}

/** `spec.primaryContainer` / `spec.containers[]` of a Model. @public */
export interface ContainerDefinition {
  containerHostname?: string;
  image?: string;
  modelDataURL?: string;
  environment?: Record<string, string>;
  mode?: string;
}

/** @public */
export interface ModelSpec {
  modelName: string;
  executionRoleARN?: string;
  primaryContainer?: ContainerDefinition;
  containers?: ContainerDefinition[];
  enableNetworkIsolation?: boolean;
  tags?: AckTag[];
}

/** @public */
export type Model = AckResource<'Model', ModelSpec, AckStatusBase>;

/** `spec.productionVariants[]` of an EndpointConfig. @public */
export interface ProductionVariant {
  variantName: string;
  modelName: string;
  instanceType?: string;
  initialInstanceCount?: number;
  initialVariantWeight?: number;
}

/** @public */
export interface EndpointConfigSpec {
  endpointConfigName: string;
  productionVariants: ProductionVariant[];
  kmsKeyID?: string;
  tags?: AckTag[];
}

/** @public */
export type EndpointConfig = AckResource<
  'EndpointConfig',
  EndpointConfigSpec,
  AckStatusBase
>;

/** @public */
export interface EndpointSpec {
  endpointName: string;
  endpointConfigName: string;
  tags?: AckTag[];
}

/** Values of `status.endpointStatus` (SageMaker API enum). @public */
export type EndpointStatusValue =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

/** `status.productionVariants[]` of an Endpoint. @public */
export interface ProductionVariantSummary {
  variantName: string;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  currentWeight?: number;
  desiredWeight?: number;
  variantStatus?: {
    status?: string;
    statusMessage?: string;
    startTime?: string;
  }[];
}

/** @public */
export interface EndpointStatus extends AckStatusBase {
  endpointStatus?: EndpointStatusValue;
  failureReason?: string;
  creationTime?: string;
  lastModifiedTime?: string;
  productionVariants?: ProductionVariantSummary[];
}

/** @public */
export type Endpoint = AckResource<'Endpoint', EndpointSpec, EndpointStatus>;

/** SageMaker scalable dimensions. @public */
export type SageMakerScalableDimension =
  | 'sagemaker:variant:DesiredInstanceCount'
  | 'sagemaker:variant:DesiredProvisionedConcurrency'
  | 'sagemaker:inference-component:DesiredCopyCount';

/** @public */
export interface SuspendedState {
  dynamicScalingInSuspended?: boolean;
  dynamicScalingOutSuspended?: boolean;
  scheduledScalingSuspended?: boolean;
}

/** @public */
export interface ScalableTargetSpec {
  resourceID: string;
  scalableDimension: string;
  serviceNamespace: string;
  minCapacity?: number;
  maxCapacity?: number;
  roleARN?: string;
  suspendedState?: SuspendedState;
}

/** @public */
export interface ScalableTargetStatus extends AckStatusBase {
  creationTime?: string;
  lastModifiedTime?: string;
}

/** @public */
export type ScalableTarget = AckResource<
  'ScalableTarget',
  ScalableTargetSpec,
  ScalableTargetStatus
>;

/** SageMaker predefined metric types for target tracking. @public */
export type SageMakerPredefinedMetricType =
  | 'SageMakerVariantInvocationsPerInstance'
  | 'SageMakerVariantConcurrentRequestsPerModelHighResolution'
  | 'SageMakerVariantProvisionedConcurrencyUtilization'
  | 'SageMakerInferenceComponentInvocationsPerCopy'
  | 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution';

/** @public */
export interface TargetTrackingScalingPolicyConfiguration {
  targetValue?: number;
  predefinedMetricSpecification?: {
    predefinedMetricType: string;
    resourceLabel?: string;
  };
  customizedMetricSpecification?: {
    metricName?: string;
    namespace?: string;
    dimensions?: { name: string; value: string }[];
    statistic?: string;
    unit?: string;
  };
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
  disableScaleIn?: boolean;
}

/** @public */
export interface ScalingPolicySpec {
  policyName: string;
  policyType?: 'TargetTrackingScaling' | 'StepScaling' | string;
  resourceID: string;
  scalableDimension: string;
  serviceNamespace: string;
  targetTrackingScalingPolicyConfiguration?: TargetTrackingScalingPolicyConfiguration;
  stepScalingPolicyConfiguration?: Record<string, unknown>;
}

/** @public */
export interface ScalingPolicyStatus extends AckStatusBase {
  alarms?: { alarmName?: string; alarmARN?: string }[];
  creationTime?: string;
  lastModifiedTime?: string;
}

/** @public */
export type ScalingPolicy = AckResource<
  'ScalingPolicy',
  ScalingPolicySpec,
  ScalingPolicyStatus
>;

/** Any of the five. @public */
export type AnyAckResource =
  | Model
  | EndpointConfig
  | Endpoint
  | ScalableTarget
  | ScalingPolicy;

/** `endpoint/<endpoint-name>/variant/<variant-name>`. @public */
export function variantResourceId(endpointName: string, variantName: string) {
  return `endpoint/${endpointName}/variant/${variantName}`;
}

/**
 * Parses a SageMaker variant resource ID; undefined for any other shape.
 * @public
 */
export function parseVariantResourceId(
  resourceId: string,
): { endpointName: string; variantName: string } | undefined {
  const m = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(resourceId);
  return m ? { endpointName: m[1], variantName: m[2] } : undefined;
}

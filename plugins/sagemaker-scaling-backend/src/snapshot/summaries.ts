import type {
  AnyAckResource,
  Endpoint,
  EndpointConfig,
  EndpointConfigSummary,
  EndpointSummary,
  Model,
  ModelSummary,
  ResourceRef,
  ResourceSummary,
  ScalableTarget,
  ScalableTargetSummary,
  ScalingPolicy,
  ScalingPolicySummary,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { redactManifest } from './redactManifest';

/** Points at a resource. @internal */
export function refOf(resource: AnyAckResource): ResourceRef {
  return {
    kind: resource.kind,
    namespace: resource.metadata.namespace ?? '',
    name: resource.metadata.name,
  };
}

function baseSummary(resource: AnyAckResource): ResourceSummary {
  return {
    ref: refOf(resource),
    arn: resource.status?.ackResourceMetadata?.arn,
    region: resource.status?.ackResourceMetadata?.region,
    conditions: resource.status?.conditions ?? [],
    // Every manifest the API returns is built here, so this is where secrets go.
    manifest: redactManifest(resource) as unknown as Record<string, unknown>,
  };
}

/** @internal */
export function summarizeEndpoint(endpoint: Endpoint): EndpointSummary {
  return {
    ...baseSummary(endpoint),
    endpointName: endpoint.spec.endpointName,
    endpointConfigName: endpoint.spec.endpointConfigName,
    status: endpoint.status?.endpointStatus,
    failureReason: endpoint.status?.failureReason,
    creationTime: endpoint.status?.creationTime,
    lastModifiedTime: endpoint.status?.lastModifiedTime,
  };
}

/** @internal */
export function summarizeEndpointConfig(
  config: EndpointConfig,
): EndpointConfigSummary {
  return {
    ...baseSummary(config),
    endpointConfigName: config.spec.endpointConfigName,
  };
}

/** @internal */
export function summarizeModel(model: Model): ModelSummary {
  const container = model.spec.primaryContainer ?? model.spec.containers?.[0];
  return {
    ...baseSummary(model),
    modelName: model.spec.modelName,
    image: container?.image,
    modelDataURL: container?.modelDataURL,
  };
}

/** @internal */
export function summarizeScalableTarget(
  target: ScalableTarget,
): ScalableTargetSummary {
  return {
    ...baseSummary(target),
    resourceID: target.spec.resourceID,
    scalableDimension: target.spec.scalableDimension,
    minCapacity: target.spec.minCapacity,
    maxCapacity: target.spec.maxCapacity,
    suspendedState: target.spec.suspendedState,
  };
}

/**
 * The target-tracking settings of a policy as flat fields, as both the policy summary and
 * the variant state show them; all undefined without a policy or its configuration.
 * @internal
 */
export function summarizeTargetTracking(
  policy: ScalingPolicy | undefined,
): Pick<
  ScalingPolicySummary,
  | 'metricType'
  | 'customMetricName'
  | 'targetValue'
  | 'scaleInCooldown'
  | 'scaleOutCooldown'
  | 'disableScaleIn'
> {
  const tt = policy?.spec.targetTrackingScalingPolicyConfiguration;
  return {
    metricType: tt?.predefinedMetricSpecification?.predefinedMetricType,
    customMetricName: tt?.customizedMetricSpecification?.metricName,
    targetValue: tt?.targetValue,
    scaleInCooldown: tt?.scaleInCooldown,
    scaleOutCooldown: tt?.scaleOutCooldown,
    disableScaleIn: tt?.disableScaleIn,
  };
}

/** @internal */
export function summarizeScalingPolicy(
  policy: ScalingPolicy,
): ScalingPolicySummary {
  return {
    ...baseSummary(policy),
    policyName: policy.spec.policyName,
    policyType: policy.spec.policyType,
    resourceID: policy.spec.resourceID,
    scalableDimension: policy.spec.scalableDimension,
    ...summarizeTargetTracking(policy),
    alarms: (policy.status?.alarms ?? [])
      .filter(a => a.alarmName)
      .map(a => ({ alarmName: a.alarmName!, alarmARN: a.alarmARN })),
  };
}

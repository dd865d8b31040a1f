import { DEFAULT_METRIC_TYPE } from './metrics';
import { deriveScaledEndpointNames } from './names';
import type { ScaledEndpointSpec } from './types';
import { DEFAULT_COOLDOWN_SECONDS } from './validateScalingSettings';

/** Variant name used when none is given (the tutorial's). @public */
export const DEFAULT_VARIANT_NAME = 'AllTraffic';

/**
 * A spec with every default and derived name filled in. `containerHostname` stays
 * optional: the Model carries it only when the user gave one.
 * @public
 */
export type NormalizedScaledEndpointSpec = Required<
  Omit<ScaledEndpointSpec, 'containerHostname'>
> &
  Pick<ScaledEndpointSpec, 'containerHostname'>;

/**
 * Fills in defaults (variant `AllTraffic`, metric `SageMakerVariantInvocationsPerInstance`,
 * cooldowns 300 s, scale-in enabled) and the resource names derived from `serviceName`
 * where none was given. Does not validate: call {@link validateScaledEndpointSpec} first.
 * @public
 */
export function normalizeScaledEndpointSpec(
  spec: ScaledEndpointSpec,
): NormalizedScaledEndpointSpec {
  const derived = deriveScaledEndpointNames(spec.serviceName);
  const scalingPolicyName = spec.scalingPolicyName ?? derived.scalingPolicyName;
  const normalized: NormalizedScaledEndpointSpec = {
    serviceName: spec.serviceName,
    namespace: spec.namespace,
    modelDataURL: spec.modelDataURL,
    image: spec.image,
    executionRoleARN: spec.executionRoleARN,
    instanceType: spec.instanceType,
    initialInstanceCount: spec.initialInstanceCount,
    variantName: spec.variantName ?? DEFAULT_VARIANT_NAME,
    minCapacity: spec.minCapacity,
    maxCapacity: spec.maxCapacity,
    targetValue: spec.targetValue,
    metricType: spec.metricType ?? DEFAULT_METRIC_TYPE,
    scaleInCooldown: spec.scaleInCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    scaleOutCooldown: spec.scaleOutCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    disableScaleIn: spec.disableScaleIn ?? false,
    modelName: spec.modelName ?? derived.modelName,
    endpointConfigName: spec.endpointConfigName ?? derived.endpointConfigName,
    endpointName: spec.endpointName ?? derived.endpointName,
    scalableTargetName: spec.scalableTargetName ?? derived.scalableTargetName,
    scalingPolicyName,
    policyName: spec.policyName ?? scalingPolicyName,
  };
  if (spec.containerHostname) {
    normalized.containerHostname = spec.containerHostname;
  }
  return normalized;
}

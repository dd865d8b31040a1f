import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ackKindInfo,
  DEFAULT_METRIC_TYPE,
  variantResourceId,
  type ScalableTarget,
  type ScalingPolicy,
  type ScalingSettingsUpdate,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ScalingSnapshotInput } from '../snapshot/types';

/** The two objects to server-side apply, holding only the fields this plugin owns. */
export interface ScalingApplyObjects {
  variantName: string;
  scalableTarget: ScalableTarget;
  scalingPolicy: ScalingPolicy;
  /** True when the variant had no target-tracking policy and one is created. */
  createsPolicy: boolean;
}

/**
 * Works out which ScalableTarget and ScalingPolicy an update changes and builds the
 * apply configurations: capacity on the target; target value, cooldowns and
 * disableScaleIn on the policy. Other fields stay with whoever set them.
 * @internal
 */
export function buildScalingApplyObjects(
  input: ScalingSnapshotInput,
  update: ScalingSettingsUpdate,
): ScalingApplyObjects {
  const { endpoint } = input;
  if (!endpoint) {
    throw new NotFoundError(
      `Endpoint resource '${input.endpointName}' does not exist in namespace '${input.namespace}' of cluster '${input.cluster}'`,
    );
  }
  const variants = [
    ...new Set([
      ...(input.endpointConfig?.spec.productionVariants ?? []).map(
        v => v.variantName,
      ),
      ...(endpoint.status?.productionVariants ?? []).map(v => v.variantName),
    ]),
  ];
  let variantName = update.variantName;
  if (!variantName) {
    if (variants.length !== 1) {
      throw new InputError(
        `variantName is required when the endpoint has ${
          variants.length === 0
            ? 'no known variants'
            : `several variants (${variants.join(', ')})`
        }`,
      );
    }
    variantName = variants[0];
  } else if (!variants.includes(variantName)) {
    throw new InputError(
      `variantName '${variantName}' is not a variant of endpoint '${
        endpoint.spec.endpointName
      }' (variants: ${variants.join(', ') || 'none'})`,
    );
  }
  const resourceId = variantResourceId(endpoint.spec.endpointName, variantName);
  const target = input.scalableTargets.find(
    t => t.spec.resourceID === resourceId,
  );
  if (!target) {
    throw new ConflictError(
      `Variant '${variantName}' has no ScalableTarget (resourceID ${resourceId}); register one before changing its scaling settings`,
    );
  }
  const existingPolicy = input.scalingPolicies.find(
    p =>
      p.spec.resourceID === resourceId &&
      p.spec.scalableDimension === target.spec.scalableDimension &&
      (p.spec.policyType ?? 'StepScaling') === 'TargetTrackingScaling',
  );

  const namespace = target.metadata.namespace ?? input.namespace;
  const targetInfo = ackKindInfo('ScalableTarget');
  const scalableTarget: ScalableTarget = {
    apiVersion: targetInfo.apiVersion,
    kind: 'ScalableTarget',
    metadata: { name: target.metadata.name, namespace },
    spec: {
      resourceID: target.spec.resourceID,
      scalableDimension: target.spec.scalableDimension,
      serviceNamespace: target.spec.serviceNamespace,
      minCapacity: update.minCapacity,
      maxCapacity: update.maxCapacity,
    },
  };

  const policyName =
    existingPolicy?.metadata.name ??
    `${target.metadata.name}-target-tracking`.slice(0, 253);
  const policyInfo = ackKindInfo('ScalingPolicy');
  const scalingPolicy: ScalingPolicy = {
    apiVersion: policyInfo.apiVersion,
    kind: 'ScalingPolicy',
    metadata: { name: policyName, namespace },
    spec: {
      policyName: existingPolicy?.spec.policyName ?? policyName,
      policyType: 'TargetTrackingScaling',
      resourceID: target.spec.resourceID,
      scalableDimension: target.spec.scalableDimension,
      serviceNamespace: target.spec.serviceNamespace,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: update.targetValue,
        scaleInCooldown: update.scaleInCooldown,
        scaleOutCooldown: update.scaleOutCooldown,
        disableScaleIn: update.disableScaleIn,
        // The metric is not ours to change; only a new policy gets the default one.
        ...(existingPolicy
          ? {}
          : {
              predefinedMetricSpecification: {
                predefinedMetricType: DEFAULT_METRIC_TYPE,
              },
            }),
      },
    },
  };
  return {
    variantName,
    scalableTarget,
    scalingPolicy,
    createsPolicy: !existingPolicy,
  };
}

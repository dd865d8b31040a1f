import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ackKindInfo,
  ANNOTATION_BOUND_ENTITY,
  DEFAULT_METRIC_TYPE,
  type ScalableTarget,
  type ScalingPolicy,
  type ScalingSettingsUpdate,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EndpointResources } from '../snapshot/ScalingSnapshotService';
import { variantScalingObjects } from './variantScalingObjects';

/** Where the endpoint is and which entity it is bound to, with its cached resources. */
export interface ScalingApplyInput extends EndpointResources {
  entityRef: string;
  cluster: string;
  namespace: string;
  endpointName: string;
}

/** The two objects to server-side apply, holding only the fields this plugin owns. */
export interface ScalingApplyObjects {
  variantName: string;
  scalableTarget: ScalableTarget;
  scalingPolicy: ScalingPolicy;
  /** True when the variant had no target-tracking policy and one is created. */
  createsPolicy: boolean;
  /** The target and policy as cached before the change (no policy when one is created). */
  previous: { scalableTarget: ScalableTarget; scalingPolicy?: ScalingPolicy };
}

/**
 * Works out which ScalableTarget and ScalingPolicy an update changes and builds the
 * apply configurations: capacity on the target; target value, cooldowns and
 * disableScaleIn on the policy. Other fields stay with whoever set them. Each object
 * carries the cached resourceVersion as a precondition (the API server answers 409 if
 * it changed since) and the binding annotation, which this field manager keeps owning.
 * @internal
 */
export function buildScalingApplyObjects(
  input: ScalingApplyInput,
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
  const {
    resourceId,
    target,
    policy: existingPolicy,
  } = variantScalingObjects(input, endpoint.spec.endpointName, variantName);
  if (!target) {
    throw new ConflictError(
      `Variant '${variantName}' has no ScalableTarget (resourceID ${resourceId}); register one before changing its scaling settings`,
    );
  }

  const namespace = target.metadata.namespace ?? input.namespace;
  const annotations = { [ANNOTATION_BOUND_ENTITY]: input.entityRef };
  const targetInfo = ackKindInfo('ScalableTarget');
  const scalableTarget: ScalableTarget = {
    apiVersion: targetInfo.apiVersion,
    kind: 'ScalableTarget',
    metadata: {
      name: target.metadata.name,
      namespace,
      resourceVersion: target.metadata.resourceVersion,
      annotations,
    },
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
    metadata: {
      name: policyName,
      namespace,
      ...(existingPolicy
        ? { resourceVersion: existingPolicy.metadata.resourceVersion }
        : {}),
      annotations,
    },
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
    previous: { scalableTarget: target, scalingPolicy: existingPolicy },
  };
}

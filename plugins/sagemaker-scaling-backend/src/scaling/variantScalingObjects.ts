import {
  variantResourceId,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EndpointResources } from '../snapshot/ScalingSnapshotService';

/** The ScalableTarget of one variant and the target-tracking policy `PUT .../scaling` edits. */
export interface VariantScalingObjects {
  resourceId: string;
  target?: ScalableTarget;
  /** The variant's target-tracking policy on the target's dimension, when it has one. */
  policy?: ScalingPolicy;
}

/**
 * Which ScalableTarget and ScalingPolicy hold a variant's editable settings: the one
 * rule both the snapshot's settingsVersion and the update use.
 * @internal
 */
export function variantScalingObjects(
  resources: Pick<EndpointResources, 'scalableTargets' | 'scalingPolicies'>,
  awsEndpointName: string,
  variantName: string,
): VariantScalingObjects {
  const resourceId = variantResourceId(awsEndpointName, variantName);
  const target = resources.scalableTargets.find(
    t => t.spec.resourceID === resourceId,
  );
  // The first by name, as the snapshot shows a variant's settings.
  const policy = target
    ? [...resources.scalingPolicies]
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
        .find(
          p =>
            p.spec.resourceID === resourceId &&
            p.spec.scalableDimension === target.spec.scalableDimension &&
            (p.spec.policyType ?? 'StepScaling') === 'TargetTrackingScaling',
        )
    : undefined;
  return { resourceId, target, policy };
}

import type {
  ResourceSummary,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** Every resource summary of a snapshot, in the order they are applied. @internal */
export function snapshotResources(
  snapshot: ScalingSnapshot,
): ResourceSummary[] {
  return [
    ...snapshot.models,
    ...(snapshot.endpointConfig ? [snapshot.endpointConfig] : []),
    ...(snapshot.endpoint ? [snapshot.endpoint] : []),
    ...snapshot.scalableTargets,
    ...snapshot.scalingPolicies,
  ];
}

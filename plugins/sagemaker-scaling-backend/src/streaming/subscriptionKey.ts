import type { ResolvedEndpoint } from '../snapshot/ScalingSnapshotService';

/**
 * What one shared snapshot is for: the endpoint and the entity (the snapshot names the
 * entity, so two entities on one endpoint are two subscriptions).
 * @internal
 */
export function subscriptionKey(target: ResolvedEndpoint): string {
  return JSON.stringify([
    target.cluster.config.name,
    target.namespace,
    target.endpointName,
    target.entityRef,
  ]);
}

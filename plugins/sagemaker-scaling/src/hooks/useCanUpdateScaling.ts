import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { sagemakerScalingUpdatePermission } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * True once the user is known to have `sagemaker.scaling.update` on the entity (its
 * owners, by the app's policy): the condition for Edit, Adopt and Revert.
 * @internal
 */
export function useCanUpdateScaling(entity: Entity): boolean {
  const { allowed, loading } = usePermission({
    permission: sagemakerScalingUpdatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return !loading && allowed;
}

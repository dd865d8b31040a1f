import type { Entity } from '@backstage/catalog-model';
import { getEndpointLocation } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * True when the entity names its SageMaker endpoint
 * (`sagemaker.services.k8s.aws/endpoint-name`), so the card and tab apply to it.
 * @public
 */
export function isSageMakerScalingAvailable(entity: Entity): boolean {
  return getEndpointLocation(entity) !== undefined;
}

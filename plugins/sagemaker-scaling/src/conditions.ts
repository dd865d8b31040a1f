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

/**
 * True for Group and System entities, whose pages can show the ML endpoints they own or
 * contain (the `EntitySageMakerFleetCard`).
 * @public
 */
export function isSageMakerFleetAvailable(entity: Entity): boolean {
  return ['group', 'system'].includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * What an entity may do with the endpoint its annotations name: the entity's annotations
 * only claim an endpoint; the binding annotation on the endpoint's resources decides.
 */
import { NotAllowedError } from '@backstage/errors';
import {
  evaluateEndpointBinding,
  type AnyAckResource,
  type EndpointBinding,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EndpointResources } from '../snapshot/ScalingSnapshotService';

/** Every resource of the endpoint, in apply order (Model, config, endpoint, target, policy). @internal */
export function endpointResourceList(
  resources: EndpointResources,
): AnyAckResource[] {
  return [
    ...resources.models,
    ...(resources.endpointConfig ? [resources.endpointConfig] : []),
    ...(resources.endpoint ? [resources.endpoint] : []),
    ...resources.scalableTargets,
    ...resources.scalingPolicies,
  ];
}

/** The binding of the endpoint's resources as seen from `entityRef`. @internal */
export function endpointBindingOf(
  entityRef: string,
  resources: EndpointResources,
): EndpointBinding {
  return evaluateEndpointBinding(entityRef, endpointResourceList(resources));
}

/**
 * Reads are allowed on an endpoint bound to the entity or bound to none (made with
 * kubectl); one bound to another entity, or to several, stays hidden (403).
 * @internal
 */
export function assertMayRead(binding: EndpointBinding): void {
  if (binding.state === 'bound-to-other' || binding.state === 'conflicting') {
    throw new NotAllowedError(
      `Not allowed to read this endpoint: ${binding.reason}`,
    );
  }
}

/**
 * Changes are allowed only on an endpoint bound to the entity; an unbound one must be
 * adopted first (`POST .../adopt`).
 * @internal
 */
export function assertMayChange(binding: EndpointBinding): void {
  assertMayRead(binding);
  if (binding.state === 'unbound') {
    throw new NotAllowedError(
      `Not allowed to change this endpoint: ${binding.reason} (POST .../adopt)`,
    );
  }
}

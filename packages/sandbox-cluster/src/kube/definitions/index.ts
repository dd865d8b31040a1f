/**
 * The project's own definitions of the five ACK kinds, served by default so that the
 * sandbox needs nothing outside the repository.
 */
import { ackCustomResourceDefinition } from './customResourceDefinition';
import type { CustomResourceDefinition } from './customResourceDefinition';
import { ENDPOINT } from './endpoint';
import { ENDPOINT_CONFIG } from './endpointConfig';
import { MODEL } from './model';
import { SCALABLE_TARGET } from './scalableTarget';
import { SCALING_POLICY } from './scalingPolicy';

export type { CustomResourceDefinition } from './customResourceDefinition';

/**
 * The sandbox's CustomResourceDefinitions of Model, EndpointConfig, Endpoint,
 * ScalableTarget and ScalingPolicy (fresh objects on every call).
 * @internal
 */
export function ackCustomResourceDefinitions(): CustomResourceDefinition[] {
  return [
    MODEL,
    ENDPOINT_CONFIG,
    ENDPOINT,
    SCALABLE_TARGET,
    SCALING_POLICY,
  ].map(def => ackCustomResourceDefinition(structuredClone(def)));
}

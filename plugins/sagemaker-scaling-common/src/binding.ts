/**
 * The binding of an endpoint's ACK resources to one catalog entity. An entity's
 * annotations only say which endpoint it *claims*; the resources say which entity they
 * belong to. Only the entity the resources are bound to may change them, so registering an
 * entity that names another team's endpoint gives no rights over it.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Annotation on each of an endpoint's ACK resources with the full ref of the catalog
 * entity they are bound to (e.g. `component:default/fraud-detection`). Written by the
 * render action, the adoption route and the demo; read by every write path.
 * @public
 */
export const ANNOTATION_BOUND_ENTITY =
  'sagemaker-scaling.backstage.io/entity-ref';

/**
 * The ref of the Component an ML service's resources are bound to: the entity the
 * template's `catalog-info.yaml` and the entity provider both emit for `serviceName`.
 * @public
 */
export function serviceEntityRef(serviceName: string): string {
  return stringifyEntityRef({
    kind: 'Component',
    namespace: 'default',
    name: serviceName,
  });
}

/**
 * The entity ref a resource is bound to (lower-cased, as `stringifyEntityRef` writes it),
 * or undefined when it carries none.
 * @public
 */
export function boundEntityRef(resource: {
  metadata: { annotations?: Record<string, string> };
}): string | undefined {
  const value =
    resource.metadata.annotations?.[ANNOTATION_BOUND_ENTITY]?.trim();
  // toLowerCase is en-US's lower case, without the locale lookup: this runs for every
  // resource of every fleet row.
  return value ? value.toLowerCase() : undefined;
}

/**
 * How an endpoint's resources relate to the entity asking about them:
 * - `bound`: every resource that names an entity names this one;
 * - `unbound`: none names an entity (made with kubectl, as in the tutorial): readable,
 *   and an owner may adopt them;
 * - `bound-to-other`: they name another entity; this one may neither read nor change them;
 * - `conflicting`: the resources name different entities; nobody may change them until an
 *   operator fixes the annotations.
 * @public
 */
export type EndpointBindingState =
  | 'bound'
  | 'unbound'
  | 'bound-to-other'
  | 'conflicting';

/** The binding of an endpoint's resources, as seen from one entity. @public */
export interface EndpointBinding {
  state: EndpointBindingState;
  /** The entity refs the resources name, sorted; empty when unbound. */
  boundTo: string[];
  /** One sentence for people, naming the rule. */
  reason: string;
}

/**
 * Evaluates the binding of `resources` (an endpoint's Endpoint, and any of its other ACK
 * resources) for `entityRef`. Resources without the annotation do not count against a
 * binding the others carry, so a ScalingPolicy added later by kubectl does not unbind it.
 * @public
 */
export function evaluateEndpointBinding(
  entityRef: string,
  resources: ReadonlyArray<{
    kind?: string;
    metadata: { name?: string; annotations?: Record<string, string> };
  }>,
): EndpointBinding {
  const self = entityRef.toLowerCase();
  const boundTo = [
    ...new Set(
      resources
        .map(r => boundEntityRef(r))
        .filter((r): r is string => Boolean(r)),
    ),
  ].sort();
  if (boundTo.length === 0) {
    return {
      state: 'unbound',
      boundTo,
      reason: `The endpoint's resources carry no ${ANNOTATION_BOUND_ENTITY} annotation: an owner of ${self} must adopt them before they can be changed here`,
    };
  }
  if (boundTo.length > 1) {
    return {
      state: 'conflicting',
      boundTo,
      reason: `The endpoint's resources are bound to different entities (${boundTo.join(
        ', ',
      )}); nobody can change them here until their ${ANNOTATION_BOUND_ENTITY} annotations agree`,
    };
  }
  if (boundTo[0] !== self) {
    return {
      state: 'bound-to-other',
      boundTo,
      reason: `The endpoint is bound to ${boundTo[0]}, not to ${self} (${ANNOTATION_BOUND_ENTITY})`,
    };
  }
  return {
    state: 'bound',
    boundTo,
    reason: `The endpoint is bound to ${self}`,
  };
}

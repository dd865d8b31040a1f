import { parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  ANNOTATION_BOUND_ENTITY,
  boundEntityRef,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** The backend route that binds unbound resources to an entity (the Scaling tab's Adopt). */
function adoptRoute(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `POST /api/sagemaker-scaling/v1/entities/${kind}/${namespace}/${name}/adopt`;
}

/**
 * Throws a NotAllowedError unless every resource is bound to `entityRef`
 * (ANNOTATION_BOUND_ENTITY): resources bound to another entity belong to it, and unbound
 * ones (made with kubectl) must be adopted by an owner first.
 */
export function assertResourcesBoundTo(
  entityRef: string,
  resources: AnyAckResource[],
  doing: string,
): void {
  const self = entityRef.toLocaleLowerCase('en-US');
  const otherBound: string[] = [];
  const unbound: string[] = [];
  for (const resource of resources) {
    const what = `${resource.kind} ${resource.metadata.name}`;
    const boundTo = boundEntityRef(resource);
    if (!boundTo) unbound.push(what);
    else if (boundTo !== self)
      otherBound.push(`${what} is bound to ${boundTo}`);
  }
  if (otherBound.length > 0) {
    throw new NotAllowedError(
      `Refusing to ${doing}: ${otherBound.join(
        '; ',
      )}, not to ${self} (${ANNOTATION_BOUND_ENTITY}); only that entity may change them`,
    );
  }
  if (unbound.length > 0) {
    throw new NotAllowedError(
      `Refusing to ${doing}: ${unbound.join(
        ', ',
      )} carry no ${ANNOTATION_BOUND_ENTITY} annotation; an owner of ${self} must adopt them first (Adopt on the entity's Scaling tab, or ${adoptRoute(
        self,
      )})`,
    );
  }
}

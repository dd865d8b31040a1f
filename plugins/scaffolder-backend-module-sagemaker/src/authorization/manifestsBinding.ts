import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_BOUND_ENTITY,
  ANNOTATION_SERVICE_OWNER,
  boundEntityRef,
  normalizeServiceEntityRef,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** The one value of an annotation on all objects; an InputError naming it otherwise. */
function sharedAnnotation(
  objects: AnyAckResource[],
  annotation: string,
  read: (object: AnyAckResource) => string | undefined,
  why: string,
): string {
  const missing = objects.filter(o => !read(o));
  if (missing.length > 0) {
    throw new InputError(
      `metadata.annotations["${annotation}"] is required on every object (${why}); missing on ${missing
        .map(o => `${o.kind} ${o.metadata.name}`)
        .join(', ')}`,
    );
  }
  const values = [...new Set(objects.map(o => read(o)!))].sort();
  if (values.length > 1) {
    throw new InputError(
      `metadata.annotations["${annotation}"] must be the same on all objects, got ${values.join(
        ', ',
      )}`,
    );
  }
  return values[0];
}

/**
 * The entity the manifests bind their resources to (ANNOTATION_BOUND_ENTITY, as the render
 * action writes it), as a full entity ref.
 */
export function boundEntityOfManifests(objects: AnyAckResource[]): string {
  const ref = sharedAnnotation(
    objects,
    ANNOTATION_BOUND_ENTITY,
    o => boundEntityRef(o),
    'it names the catalog entity whose rights the apply needs; sagemaker:endpoint:render writes it',
  );
  let full: string | undefined;
  try {
    full = stringifyEntityRef(parseEntityRef(ref));
  } catch {
    full = undefined;
  }
  if (full !== ref) {
    throw new InputError(
      `metadata.annotations["${ANNOTATION_BOUND_ENTITY}"] must be a full entity ref such as component:default/churn-prediction, got ${JSON.stringify(
        ref,
      )}`,
    );
  }
  return ref;
}

/** The owner the manifests name (ANNOTATION_SERVICE_OWNER), as a full, lower-cased entity ref. */
export function ownerOfManifests(objects: AnyAckResource[]): string {
  return sharedAnnotation(
    objects,
    ANNOTATION_SERVICE_OWNER,
    o =>
      normalizeServiceEntityRef(
        o.metadata.annotations?.[ANNOTATION_SERVICE_OWNER],
        'group',
      )?.toLocaleLowerCase('en-US'),
    'a service not yet in the catalog may be created only by its owner',
  );
}

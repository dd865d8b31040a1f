/**
 * Turns one labelled ACK Endpoint into the ML service's catalog Component. Pure: the
 * provider decides what to do with the warnings.
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  FieldFormatEntityPolicy,
  makeValidator,
  type Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_ENDPOINT_NAME,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_SERVICE_DESCRIPTION,
  ANNOTATION_SERVICE_LIFECYCLE,
  ANNOTATION_SERVICE_OWNER,
  ANNOTATION_SERVICE_SYSTEM,
  CATALOG_LABEL_ENTITY_PROVIDER,
  DEFAULT_SERVICE_LIFECYCLE,
  LABEL_CATALOG,
  LABEL_SERVICE,
  normalizeServiceEntityRef,
  sagemakerEndpointLocationRef,
  validateServiceCatalogInfo,
  type Endpoint,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** `spec.type` and tags of an ML service, as the template's skeleton catalog-info.yaml has them. */
const SERVICE_TYPE = 'ml-service';
const SERVICE_TAGS = ['sagemaker', 'ml'];

/** What {@link endpointToEntity} made of an Endpoint. @internal */
export interface EndpointEntityResult {
  /** The entity; undefined when a required field (name, owner) is missing or invalid. */
  entity?: Entity;
  /** Values that were left out (or why the entity was), one sentence each. */
  warnings: string[];
}

const validator = makeValidator();
const fieldFormat = new FieldFormatEntityPolicy();

/**
 * The Component of an ML service from its Endpoint's labels and annotations
 * (`sagemaker-scaling.backstage.io/*`). Invalid optional values (system, description,
 * lifecycle) are left out with a warning; without a valid name or owner there is no entity.
 * @internal
 */
export function endpointToEntity(
  endpoint: Endpoint,
  clusterName: string,
): EndpointEntityResult {
  const warnings: string[] = [];
  const { metadata } = endpoint;
  const namespace = metadata.namespace ?? 'default';
  const where = `Endpoint ${namespace}/${metadata.name} on cluster ${clusterName}`;
  const labels = metadata.labels ?? {};
  const annotations = metadata.annotations ?? {};

  const name = labels[LABEL_SERVICE] ?? metadata.name;
  if (!validator.isValidEntityName(name)) {
    return {
      warnings: [
        `${where}: service name ${JSON.stringify(
          name,
        )} is not a valid entity name; not catalogued`,
      ],
    };
  }

  const info = {
    owner: annotations[ANNOTATION_SERVICE_OWNER],
    system: annotations[ANNOTATION_SERVICE_SYSTEM],
    description: annotations[ANNOTATION_SERVICE_DESCRIPTION],
    lifecycle: annotations[ANNOTATION_SERVICE_LIFECYCLE],
  };
  const bad = new Map(
    validateServiceCatalogInfo(info).map(issue => [issue.field, issue.message]),
  );
  const owner = normalizeServiceEntityRef(info.owner, 'group');
  if (!owner) {
    return {
      warnings: [
        `${where}: ${
          info.owner === undefined
            ? `no ${ANNOTATION_SERVICE_OWNER} annotation`
            : bad.get('owner')
        }; not catalogued`,
      ],
    };
  }
  const keep = (field: string, value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    const problem = bad.get(field);
    if (problem) {
      warnings.push(`${where}: ${problem}; left out`);
      return undefined;
    }
    return value;
  };
  const system = keep('system', info.system);
  const description = keep('description', info.description);
  const lifecycle =
    keep('lifecycle', info.lifecycle) ?? DEFAULT_SERVICE_LIFECYCLE;
  const location = sagemakerEndpointLocationRef({
    cluster: clusterName,
    namespace,
    endpointName: metadata.name,
  });

  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(description ? { description } : {}),
      // lets templates tell provider-managed services apart (no location to unregister)
      labels: { [LABEL_CATALOG]: CATALOG_LABEL_ENTITY_PROVIDER },
      annotations: {
        [ANNOTATION_ENDPOINT_NAME]: metadata.name,
        [ANNOTATION_KUBERNETES_NAMESPACE]: namespace,
        [ANNOTATION_CLUSTER]: clusterName,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      },
      tags: SERVICE_TAGS,
    },
    spec: {
      type: SERVICE_TYPE,
      lifecycle,
      owner,
      ...(system
        ? { system: normalizeServiceEntityRef(system, 'system') }
        : {}),
    },
  };
  // The catalog would reject what these reject; better to say so here, once.
  try {
    fieldFormat.enforce(entity);
  } catch (error) {
    return {
      warnings: [
        ...warnings,
        `${where}: ${(error as Error).message}; not catalogued`,
      ],
    };
  }
  return { entity, warnings };
}

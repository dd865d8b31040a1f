/**
 * Catalog annotations that tie an ML service entity to its ACK resources.
 */

/** `metadata.name` of the entity's ACK Endpoint resource (required). @public */
export const ANNOTATION_ENDPOINT_NAME =
  'sagemaker.services.k8s.aws/endpoint-name';
/** Namespace of the ACK resources (default `default`). @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Name of the configured cluster (optional when only one is configured). @public */
export const ANNOTATION_CLUSTER = 'sagemaker.services.k8s.aws/cluster';
/** Namespace used when the entity has no namespace annotation. @public */
export const DEFAULT_KUBERNETES_NAMESPACE = 'default';

/** Minimal entity shape, so this works with any catalog-model version. @public */
export interface AnnotatedEntity {
  metadata: { annotations?: Record<string, string> };
}

/** Where an entity's endpoint lives, read from its annotations. @public */
export interface EndpointLocation {
  endpointName: string;
  namespace: string;
  cluster?: string;
}

/**
 * Reads the endpoint location from an entity; undefined when the entity has no
 * endpoint annotation.
 * @public
 */
export function getEndpointLocation(
  entity: AnnotatedEntity,
): EndpointLocation | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const endpointName = annotations[ANNOTATION_ENDPOINT_NAME]?.trim();
  if (!endpointName) {
    return undefined;
  }
  return {
    endpointName,
    namespace:
      annotations[ANNOTATION_KUBERNETES_NAMESPACE]?.trim() ||
      DEFAULT_KUBERNETES_NAMESPACE,
    cluster: annotations[ANNOTATION_CLUSTER]?.trim() || undefined,
  };
}

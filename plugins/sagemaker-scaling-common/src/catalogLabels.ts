/**
 * Labels and annotations on the ACK resources that say which ML service they belong to
 * and how it reaches the catalog. Owner refs and descriptions are not valid label values,
 * so only the service name and the entity-provider marker are labels (selectable); the
 * catalog fields are annotations.
 */
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { ValidationIssue } from './manifests/types';

/** Prefix of our own keys: neither ACK's (`services.k8s.aws`) nor Backstage core's. */
const PREFIX = 'sagemaker-scaling.backstage.io';

/**
 * Label whose value {@link CATALOG_LABEL_ENTITY_PROVIDER} marks an Endpoint as catalogued
 * by the SageMaker catalog entity provider. Services delivered with a `catalog-info.yaml`
 * (GitOps) do not carry it, so no service is emitted twice.
 * @public
 */
export const LABEL_CATALOG = `${PREFIX}/catalog`;
/** The value of {@link LABEL_CATALOG} the entity provider selects. @public */
export const CATALOG_LABEL_ENTITY_PROVIDER = 'entity-provider';
/** Label with the ML service name (the catalog entity's `metadata.name`). @public */
export const LABEL_SERVICE = `${PREFIX}/service`;
/** Annotation with the service owner's entity ref (e.g. `group:default/ml-platform`). @public */
export const ANNOTATION_SERVICE_OWNER = `${PREFIX}/owner`;
/** Annotation with the entity ref of the system the service belongs to. @public */
export const ANNOTATION_SERVICE_SYSTEM = `${PREFIX}/system`;
/** Annotation with the service description. @public */
export const ANNOTATION_SERVICE_DESCRIPTION = `${PREFIX}/description`;
/** Annotation with the service lifecycle (e.g. `experimental`, `production`). @public */
export const ANNOTATION_SERVICE_LIFECYCLE = `${PREFIX}/lifecycle`;

/** Location type of entities the entity provider emits, in `managed-by-location`. @public */
export const SAGEMAKER_ENDPOINT_LOCATION_TYPE = 'sagemaker-endpoint';
/** Lifecycle of a service that names none (the template's default). @public */
export const DEFAULT_SERVICE_LIFECYCLE = 'experimental';
/** Longest accepted description. @public */
export const SERVICE_DESCRIPTION_MAX_LENGTH = 500;
/** Longest accepted lifecycle. @public */
export const SERVICE_LIFECYCLE_MAX_LENGTH = 63;

/**
 * The catalog fields of an ML service, written onto its ACK resources.
 * @public
 */
export interface ServiceCatalogInfo {
  /** Entity ref of the owner; the kind defaults to `group`, the namespace to `default`. */
  owner: string;
  /** Entity ref of the system; the kind defaults to `system`. */
  system?: string;
  description?: string;
  /** Default {@link DEFAULT_SERVICE_LIFECYCLE}. */
  lifecycle?: string;
  /**
   * Also label the resources for the entity provider (delivery without a
   * `catalog-info.yaml`). Default false.
   */
  entityProvider?: boolean;
}

const validator = makeValidator();
const LIFECYCLE_PATTERN = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/**
 * The full entity ref of `ref`, or undefined when it is not a valid entity reference.
 * @public
 */
export function normalizeServiceEntityRef(
  ref: unknown,
  defaultKind: 'group' | 'system',
): string | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return undefined;
  try {
    const parsed = parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
    if (
      !validator.isValidKind(parsed.kind) ||
      !validator.isValidNamespace(parsed.namespace) ||
      !validator.isValidEntityName(parsed.name)
    ) {
      return undefined;
    }
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

/**
 * Checks the catalog fields of a service; empty when valid. The same rules decide what
 * the entity provider accepts from an Endpoint's annotations.
 * @public
 */
export function validateServiceCatalogInfo(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const info = (
    typeof input === 'object' && input !== null ? input : {}
  ) as Record<string, unknown>;
  if (!normalizeServiceEntityRef(info.owner, 'group')) {
    issues.push({
      field: 'owner',
      message: `owner ${JSON.stringify(
        info.owner,
      )} must be an entity reference such as group:default/ml-platform`,
    });
  }
  if (
    info.system !== undefined &&
    info.system !== '' &&
    !normalizeServiceEntityRef(info.system, 'system')
  ) {
    issues.push({
      field: 'system',
      message: `system ${JSON.stringify(
        info.system,
      )} must be an entity reference such as system:default/recommendations`,
    });
  }
  if (
    info.description !== undefined &&
    (typeof info.description !== 'string' ||
      info.description.length > SERVICE_DESCRIPTION_MAX_LENGTH)
  ) {
    issues.push({
      field: 'description',
      message: `description must be a string of at most ${SERVICE_DESCRIPTION_MAX_LENGTH} characters`,
    });
  }
  if (
    info.lifecycle !== undefined &&
    info.lifecycle !== '' &&
    (typeof info.lifecycle !== 'string' ||
      info.lifecycle.length > SERVICE_LIFECYCLE_MAX_LENGTH ||
      !LIFECYCLE_PATTERN.test(info.lifecycle))
  ) {
    issues.push({
      field: 'lifecycle',
      message: `lifecycle ${JSON.stringify(
        info.lifecycle,
      )} must be letters, digits and inner - _ . (at most ${SERVICE_LIFECYCLE_MAX_LENGTH}), e.g. experimental or production`,
    });
  }
  if (
    info.entityProvider !== undefined &&
    typeof info.entityProvider !== 'boolean'
  ) {
    issues.push({
      field: 'entityProvider',
      message: 'entityProvider must be a boolean',
    });
  }
  return issues;
}

/**
 * The labels and annotations every ACK resource of a service carries. Call
 * {@link validateServiceCatalogInfo} first; refs are written in their full form.
 * @public
 */
export function serviceCatalogMetadata(
  serviceName: string,
  info: ServiceCatalogInfo,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels: Record<string, string> = { [LABEL_SERVICE]: serviceName };
  if (info.entityProvider) {
    labels[LABEL_CATALOG] = CATALOG_LABEL_ENTITY_PROVIDER;
  }
  const annotations: Record<string, string> = {
    [ANNOTATION_SERVICE_OWNER]:
      normalizeServiceEntityRef(info.owner, 'group') ?? info.owner,
    [ANNOTATION_SERVICE_LIFECYCLE]: info.lifecycle || DEFAULT_SERVICE_LIFECYCLE,
  };
  if (info.system) {
    annotations[ANNOTATION_SERVICE_SYSTEM] =
      normalizeServiceEntityRef(info.system, 'system') ?? info.system;
  }
  if (info.description) {
    annotations[ANNOTATION_SERVICE_DESCRIPTION] = info.description;
  }
  return { labels, annotations };
}

/**
 * The `backstage.io/managed-by-location` of the entity the provider emits for an Endpoint:
 * `sagemaker-endpoint:<cluster>/<namespace>/<endpoint>`.
 * @public
 */
export function sagemakerEndpointLocationRef(endpoint: {
  cluster: string;
  namespace: string;
  endpointName: string;
}): string {
  return `${SAGEMAKER_ENDPOINT_LOCATION_TYPE}:${endpoint.cluster}/${endpoint.namespace}/${endpoint.endpointName}`;
}

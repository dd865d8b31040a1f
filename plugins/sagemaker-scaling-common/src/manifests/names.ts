/**
 * Naming rules of SageMaker, Application Auto Scaling, Kubernetes and the Backstage catalog,
 * and the names derived from a service name.
 */

/** Longest SageMaker model, endpoint config, endpoint or variant name. @public */
export const SAGEMAKER_NAME_MAX_LENGTH = 63;

/**
 * SageMaker name rule (model, endpoint config, endpoint, variant, container hostname):
 * letters, digits and inner hyphens; no `_`, `.` or leading/trailing `-`.
 * @public
 */
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/** DNS-1123 label (namespaces), at most 63 characters. @public */
export const DNS1123_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Longest DNS-1123 label. @public */
export const DNS1123_LABEL_MAX_LENGTH = 63;

/** DNS-1123 subdomain (Kubernetes `metadata.name`), at most 253 characters. @public */
export const DNS1123_SUBDOMAIN_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Longest DNS-1123 subdomain. @public */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** Backstage catalog entity name rule (`metadata.name`), at most 63 characters. @public */
export const CATALOG_ENTITY_NAME_PATTERN =
  /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * Application Auto Scaling policy name: 1..256 printable characters (`\p{Print}+`, which
 * the AWS API reads as printable ASCII: no newline, tab or other control character).
 * @public
 */
export const POLICY_NAME_PATTERN = /^[\x20-\x7e]+$/;

/** Longest Application Auto Scaling policy name. @public */
export const POLICY_NAME_MAX_LENGTH = 256;

/** The resource names of one scaled endpoint. @public */
export interface ScaledEndpointNames {
  modelName: string;
  endpointConfigName: string;
  endpointName: string;
  scalableTargetName: string;
  scalingPolicyName: string;
}

/**
 * Appends a suffix to a base name, shortening the base so the result stays within
 * `maxLength`, and never leaving a '-' where base and suffix meet (no `--` from a cut,
 * no trailing `-` when the suffix is empty).
 */
function withSuffix(base: string, suffix: string, maxLength: number): string {
  const room = Math.max(0, maxLength - suffix.length);
  const cut = base.slice(0, room).replace(/-+$/, '');
  return `${cut}${suffix}`;
}

/**
 * Names derived from a service name: model `<svc>-model`, endpoint config `<svc>-config`,
 * endpoint `<svc>`, scalable target `<svc>-scalable-target`, policy `<svc>-scaling-policy`.
 * Lowercased, because every one is also a Kubernetes `metadata.name` (DNS-1123), and cut
 * to stay within the SageMaker 63-character limit.
 * @public
 */
export function deriveScaledEndpointNames(
  serviceName: string,
): ScaledEndpointNames {
  const base = serviceName.toLowerCase();
  const max = SAGEMAKER_NAME_MAX_LENGTH;
  return {
    modelName: withSuffix(base, '-model', max),
    endpointConfigName: withSuffix(base, '-config', max),
    endpointName: withSuffix(base, '', max),
    scalableTargetName: withSuffix(base, '-scalable-target', max),
    scalingPolicyName: withSuffix(base, '-scaling-policy', max),
  };
}

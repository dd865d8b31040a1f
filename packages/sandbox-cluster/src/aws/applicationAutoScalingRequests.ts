/**
 * Validation and paging of Application Auto Scaling requests, with AWS's messages.
 */
import type { TargetKey } from './applicationAutoScalingTypes';
import { validationError } from './AwsServiceError';

const SERVICE_NAMESPACES = [
  'ecs',
  'elasticmapreduce',
  'ec2',
  'appstream',
  'dynamodb',
  'rds',
  'sagemaker',
  'custom-resource',
  'comprehend',
  'lambda',
  'cassandra',
  'kafka',
  'elasticache',
  'neptune',
  'workspaces',
];

const SAGEMAKER_DIMENSIONS: Record<string, RegExp> = {
  'sagemaker:variant:DesiredInstanceCount': /^endpoint\/[^/]+\/variant\/[^/]+$/,
  'sagemaker:variant:DesiredProvisionedConcurrency':
    /^endpoint\/[^/]+\/variant\/[^/]+$/,
  'sagemaker:inference-component:DesiredCopyCount':
    /^inference-component\/[^/]+$/,
};

/** The scalable dimension each SageMaker predefined metric scales. @internal */
export const SAGEMAKER_METRICS: Record<string, string> = {
  SageMakerVariantInvocationsPerInstance:
    'sagemaker:variant:DesiredInstanceCount',
  SageMakerVariantConcurrentRequestsPerModelHighResolution:
    'sagemaker:variant:DesiredInstanceCount',
  SageMakerVariantProvisionedConcurrencyUtilization:
    'sagemaker:variant:DesiredProvisionedConcurrency',
  SageMakerInferenceComponentInvocationsPerCopy:
    'sagemaker:inference-component:DesiredCopyCount',
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution:
    'sagemaker:inference-component:DesiredCopyCount',
};

/** A required string field, with AWS's messages. @internal */
export function requireString(input: any, field: string, max = 1600): string {
  const v = input?.[field];
  if (typeof v !== 'string' || v.length === 0) {
    throw validationError(
      `1 validation error detected: Value null at '${field[0].toLowerCase()}${field.slice(
        1,
      )}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (v.length > max) {
    throw validationError(
      `1 validation error detected: Value '${v}' at '${field[0].toLowerCase()}${field.slice(
        1,
      )}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return v;
}

/** An optional integer field. @internal */
export function optionalInt(input: any, field: string): number | undefined {
  const v = input?.[field];
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v)) {
    throw validationError(
      `Value '${v}' at '${field}' failed to satisfy constraint: Member must be an integer`,
    );
  }
  return v;
}

/** A page of `items` by `MaxResults` and `NextToken` (the offset, base64). @internal */
export function pageOf<T>(
  items: T[],
  input: any,
  maxAllowed: number,
): { page: T[]; NextToken?: string } {
  const max = input?.MaxResults ?? maxAllowed;
  if (!Number.isInteger(max) || max < 1 || max > maxAllowed) {
    throw validationError(
      `1 validation error detected: Value '${input?.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${maxAllowed}`,
    );
  }
  let start = 0;
  if (input?.NextToken) {
    const decoded = Number(
      Buffer.from(String(input.NextToken), 'base64').toString('utf8'),
    );
    if (!Number.isInteger(decoded) || decoded < 0) {
      throw validationError('Invalid NextToken');
    }
    start = decoded;
  }
  const page = items.slice(start, start + max);
  const next =
    start + max < items.length
      ? Buffer.from(String(start + max)).toString('base64')
      : undefined;
  return { page, ...(next ? { NextToken: next } : {}) };
}

/** The validated key of the target a request names. @internal */
export function checkTargetKey(input: any): TargetKey {
  const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
  if (!SERVICE_NAMESPACES.includes(ServiceNamespace)) {
    throw validationError(
      `1 validation error detected: Value '${ServiceNamespace}' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: [${SERVICE_NAMESPACES.join(
        ', ',
      )}]`,
    );
  }
  const ResourceId = requireString(input, 'ResourceId', 1600);
  const ScalableDimension = requireString(input, 'ScalableDimension', 128);
  if (ServiceNamespace === 'sagemaker') {
    const pattern = SAGEMAKER_DIMENSIONS[ScalableDimension];
    if (!pattern) {
      throw validationError(
        `Unsupported scalable dimension '${ScalableDimension}' for service namespace 'sagemaker'; use one of ${Object.keys(
          SAGEMAKER_DIMENSIONS,
        ).join(', ')}`,
      );
    }
    if (!pattern.test(ResourceId)) {
      throw validationError(
        `Unsupported resource ID '${ResourceId}' for scalable dimension '${ScalableDimension}'; expected ${
          ScalableDimension.startsWith('sagemaker:variant')
            ? 'endpoint/<endpoint-name>/variant/<variant-name>'
            : 'inference-component/<name>'
        }`,
      );
    }
  }
  return { ServiceNamespace, ResourceId, ScalableDimension };
}

/** A target's key as AWS's error messages spell it. @internal */
export function describeTargetKey(k: TargetKey): string {
  return `service namespace: ${k.ServiceNamespace}, resource ID: ${k.ResourceId}, scalable dimension: ${k.ScalableDimension}`;
}

/**
 * Whether a policy or activity is one DescribeScalingPolicies or DescribeScalingActivities
 * asks for: in the request's service namespace, and of its ResourceId and
 * ScalableDimension where the request names them.
 * @internal
 */
export function matchesResourceFilter(
  item: TargetKey,
  ServiceNamespace: string,
  input: any,
): boolean {
  return (
    item.ServiceNamespace === ServiceNamespace &&
    (!input.ResourceId || item.ResourceId === input.ResourceId) &&
    (!input.ScalableDimension ||
      item.ScalableDimension === input.ScalableDimension)
  );
}

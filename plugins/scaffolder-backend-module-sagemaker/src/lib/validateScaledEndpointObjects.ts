/**
 * Checks the five objects before anything is applied: kinds and API versions, Kubernetes
 * names, SageMaker and Application Auto Scaling names (the rules of the common package),
 * the references between the objects, and the scaling settings.
 */
import { InputError } from '@backstage/errors';
import {
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_LABEL_PATTERN,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  DNS1123_SUBDOMAIN_PATTERN,
  DEFAULT_COOLDOWN_SECONDS,
  EXECUTION_ROLE_ARN_PATTERN,
  IMAGE_PATTERN,
  INSTANCE_TYPE_PATTERN,
  MODEL_DATA_URL_PATTERN,
  POLICY_NAME_MAX_LENGTH,
  POLICY_NAME_PATTERN,
  SAGEMAKER_NAME_MAX_LENGTH,
  SAGEMAKER_NAME_PATTERN,
  ackKindInfo,
  parseVariantResourceId,
  validateScalingSettings,
  type AnyAckResource,
  type ScaledEndpointManifests,
  type ValidationIssue,
} from '@mlplatform/plugin-sagemaker-scaling-common';

interface NameRule {
  pattern: RegExp;
  maxLength: number;
  rule: string;
}

const SAGEMAKER_NAME: NameRule = {
  pattern: SAGEMAKER_NAME_PATTERN,
  maxLength: SAGEMAKER_NAME_MAX_LENGTH,
  rule: 'SageMaker name rule: letters, digits and inner hyphens, at most 63 characters',
};
const OBJECT_NAME: NameRule = {
  pattern: DNS1123_SUBDOMAIN_PATTERN,
  maxLength: DNS1123_SUBDOMAIN_MAX_LENGTH,
  rule: 'Kubernetes metadata.name, DNS-1123 subdomain: lowercase letters, digits, hyphens and dots, at most 253 characters',
};
const NAMESPACE: NameRule = {
  pattern: DNS1123_LABEL_PATTERN,
  maxLength: DNS1123_LABEL_MAX_LENGTH,
  rule: 'Kubernetes namespace, DNS-1123 label: lowercase letters, digits and inner hyphens, at most 63 characters',
};
const POLICY_NAME: NameRule = {
  pattern: POLICY_NAME_PATTERN,
  maxLength: POLICY_NAME_MAX_LENGTH,
  rule: 'Application Auto Scaling PolicyName: 1 to 256 printable characters',
};

function checkName(
  value: unknown,
  field: string,
  rule: NameRule,
  issues: ValidationIssue[],
): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    issues.push({ field, message: `${field} is required (${rule.rule})` });
    return undefined;
  }
  if (value.length > rule.maxLength || !rule.pattern.test(value)) {
    issues.push({
      field,
      message: `${field} ${JSON.stringify(value)} breaks the ${rule.rule}`,
    });
    return undefined;
  }
  return value;
}

function checkPattern(
  value: unknown,
  field: string,
  pattern: RegExp,
  rule: string,
  issues: ValidationIssue[],
) {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'string' || !pattern.test(value)) {
    issues.push({
      field,
      message: `${field} ${JSON.stringify(value)} must be ${rule}`,
    });
  }
}

function checkTypeAndMetadata(
  object: AnyAckResource,
  issues: ValidationIssue[],
): string | undefined {
  const info = ackKindInfo(object.kind);
  if (object.apiVersion !== info.apiVersion) {
    issues.push({
      field: `${object.kind}.apiVersion`,
      message: `${object.kind}.apiVersion must be ${
        info.apiVersion
      }, got ${JSON.stringify(object.apiVersion)}`,
    });
  }
  const metadata = (object.metadata ?? {}) as AnyAckResource['metadata'];
  checkName(metadata.name, `${object.kind}.metadata.name`, OBJECT_NAME, issues);
  return checkName(
    metadata.namespace,
    `${object.kind}.metadata.namespace`,
    NAMESPACE,
    issues,
  );
}

/**
 * Every broken rule of the five objects; empty when they can be applied.
 * @internal
 */
export function validateScaledEndpointObjects(
  m: ScaledEndpointManifests,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const all: AnyAckResource[] = [
    m.model,
    m.endpointConfig,
    m.endpoint,
    m.scalableTarget,
    m.scalingPolicy,
  ];
  const namespaces = new Set(
    all.map(o => checkTypeAndMetadata(o, issues)).filter(Boolean),
  );
  if (namespaces.size > 1) {
    issues.push({
      field: 'metadata.namespace',
      message: `all five resources must be in one namespace, got ${[
        ...namespaces,
      ].join(', ')}`,
    });
  }
  if (
    !m.model.spec ||
    !m.endpointConfig.spec ||
    !m.endpoint.spec ||
    !m.scalableTarget.spec ||
    !m.scalingPolicy.spec
  ) {
    issues.push({ field: 'spec', message: 'every resource must have a spec' });
    return issues;
  }

  // Model
  const modelName = checkName(
    m.model.spec.modelName,
    'Model.spec.modelName',
    SAGEMAKER_NAME,
    issues,
  );
  checkPattern(
    m.model.spec.executionRoleARN,
    'Model.spec.executionRoleARN',
    EXECUTION_ROLE_ARN_PATTERN,
    'an IAM role ARN such as arn:aws:iam::123456789012:role/name',
    issues,
  );
  const container = m.model.spec.primaryContainer;
  checkPattern(
    container?.image,
    'Model.spec.primaryContainer.image',
    IMAGE_PATTERN,
    'a container image URI without whitespace',
    issues,
  );
  checkPattern(
    container?.modelDataURL,
    'Model.spec.primaryContainer.modelDataURL',
    MODEL_DATA_URL_PATTERN,
    'an s3:// or https:// URL without whitespace or quotes',
    issues,
  );

  // EndpointConfig
  const configName = checkName(
    m.endpointConfig.spec.endpointConfigName,
    'EndpointConfig.spec.endpointConfigName',
    SAGEMAKER_NAME,
    issues,
  );
  const variants = m.endpointConfig.spec.productionVariants;
  const variantNames = new Set<string>();
  if (
    !Array.isArray(variants) ||
    variants.length === 0 ||
    variants.length > 10
  ) {
    issues.push({
      field: 'EndpointConfig.spec.productionVariants',
      message:
        'EndpointConfig.spec.productionVariants must list 1 to 10 variants',
    });
  } else {
    variants.forEach((v, i) => {
      const field = `EndpointConfig.spec.productionVariants[${i}]`;
      const name = checkName(
        v.variantName,
        `${field}.variantName`,
        SAGEMAKER_NAME,
        issues,
      );
      if (name) variantNames.add(name);
      if (modelName && v.modelName !== modelName) {
        issues.push({
          field: `${field}.modelName`,
          message: `${field}.modelName must name the Model being applied (${modelName}), got ${JSON.stringify(
            v.modelName,
          )}`,
        });
      }
      checkPattern(
        v.instanceType,
        `${field}.instanceType`,
        INSTANCE_TYPE_PATTERN,
        'a SageMaker instance type ml.<family>.<size>',
        issues,
      );
      if (
        v.initialInstanceCount !== undefined &&
        (!Number.isInteger(v.initialInstanceCount) ||
          v.initialInstanceCount < 1)
      ) {
        issues.push({
          field: `${field}.initialInstanceCount`,
          message: `${field}.initialInstanceCount must be a whole number of at least 1, got ${JSON.stringify(
            v.initialInstanceCount,
          )}`,
        });
      }
    });
  }

  // Endpoint
  const endpointName = checkName(
    m.endpoint.spec.endpointName,
    'Endpoint.spec.endpointName',
    SAGEMAKER_NAME,
    issues,
  );
  if (configName && m.endpoint.spec.endpointConfigName !== configName) {
    issues.push({
      field: 'Endpoint.spec.endpointConfigName',
      message: `Endpoint.spec.endpointConfigName must name the EndpointConfig being applied (${configName}), got ${JSON.stringify(
        m.endpoint.spec.endpointConfigName,
      )}`,
    });
  }

  // ScalableTarget and ScalingPolicy
  for (const object of [m.scalableTarget, m.scalingPolicy]) {
    const field = `${object.kind}.spec.resourceID`;
    const parsed = parseVariantResourceId(String(object.spec.resourceID ?? ''));
    if (!parsed) {
      issues.push({
        field,
        message: `${field} must be endpoint/<endpoint-name>/variant/<variant-name>, got ${JSON.stringify(
          object.spec.resourceID,
        )}`,
      });
    } else if (
      endpointName &&
      (parsed.endpointName !== endpointName ||
        (variantNames.size > 0 && !variantNames.has(parsed.variantName)))
    ) {
      issues.push({
        field,
        message: `${field} must point at a variant of the Endpoint being applied (endpoint/${endpointName}/variant/<one of ${[
          ...variantNames,
        ].join(', ')}>), got ${object.spec.resourceID}`,
      });
    }
    if (object.spec.serviceNamespace !== 'sagemaker') {
      issues.push({
        field: `${object.kind}.spec.serviceNamespace`,
        message: `${
          object.kind
        }.spec.serviceNamespace must be sagemaker, got ${JSON.stringify(
          object.spec.serviceNamespace,
        )}`,
      });
    }
  }
  if (
    m.scalableTarget.spec.resourceID !== m.scalingPolicy.spec.resourceID ||
    m.scalableTarget.spec.scalableDimension !==
      m.scalingPolicy.spec.scalableDimension
  ) {
    issues.push({
      field: 'ScalingPolicy.spec.resourceID',
      message:
        'ScalingPolicy.spec.resourceID and scalableDimension must equal those of the ScalableTarget',
    });
  }
  checkName(
    m.scalingPolicy.spec.policyName,
    'ScalingPolicy.spec.policyName',
    POLICY_NAME,
    issues,
  );

  const tracking =
    m.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration ?? {};
  const settingsIssues = validateScalingSettings({
    minCapacity: m.scalableTarget.spec.minCapacity,
    maxCapacity: m.scalableTarget.spec.maxCapacity,
    targetValue: tracking.targetValue,
    scaleInCooldown: tracking.scaleInCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    scaleOutCooldown: tracking.scaleOutCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    disableScaleIn: tracking.disableScaleIn ?? false,
  });
  for (const issue of settingsIssues) {
    const where =
      issue.field === 'minCapacity' || issue.field === 'maxCapacity'
        ? 'ScalableTarget.spec'
        : 'ScalingPolicy.spec.targetTrackingScalingPolicyConfiguration';
    issues.push({
      field: `${where}.${issue.field}`,
      message: `${where}: ${issue.message}`,
    });
  }
  return issues;
}

/**
 * Throws an `InputError` listing every issue, or returns the namespace all five share.
 * @internal
 */
export function assertValidScaledEndpointObjects(
  m: ScaledEndpointManifests,
): string {
  const issues = validateScaledEndpointObjects(m);
  if (issues.length > 0) {
    throw new InputError(
      `The manifests are invalid, nothing was applied:\n${issues
        .map(i => `- ${i.message}`)
        .join('\n')}`,
    );
  }
  return m.endpoint.metadata.namespace!;
}

/**
 * The rule of every string field of a scaled endpoint spec. The form of the software
 * template mirrors these in JSON Schema; keep both in step.
 */
import {
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_LABEL_PATTERN,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  DNS1123_SUBDOMAIN_PATTERN,
  POLICY_NAME_MAX_LENGTH,
  POLICY_NAME_PATTERN,
  SAGEMAKER_NAME_MAX_LENGTH,
  SAGEMAKER_NAME_PATTERN,
} from './names';
import type { StringRule } from './rules';

/** Model data location: `s3://` or `https://`, no whitespace, quotes or backslashes. @public */
export const MODEL_DATA_URL_PATTERN =
  /^(s3|https):\/\/[^\s/"'`\\]+(\/[^\s"'`\\]*)?$/;

/** Longest model data URL (SageMaker `ModelDataUrl`). @public */
export const MODEL_DATA_URL_MAX_LENGTH = 1024;

/**
 * A container image reference: `registry[:port]/path[:tag][@sha256:digest]`, lowercase
 * repository path, as Docker and ECR accept it.
 * @public
 */
export const IMAGE_PATTERN =
  /^[a-zA-Z0-9]+([._-][a-zA-Z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*(:[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

/** Longest container image URI (SageMaker `Image`). @public */
export const IMAGE_MAX_LENGTH = 255;

/** IAM role ARN (SageMaker `RoleArn`). @public */
export const EXECUTION_ROLE_ARN_PATTERN =
  /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

/** Shortest IAM role ARN. @public */
export const EXECUTION_ROLE_ARN_MIN_LENGTH = 20;

/** Longest IAM role ARN. @public */
export const EXECUTION_ROLE_ARN_MAX_LENGTH = 2048;

/** SageMaker hosting instance type, `ml.<family>.<size>`. @public */
export const INSTANCE_TYPE_PATTERN = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

/** Burstable instance family SageMaker refuses to autoscale. @public */
export const NON_AUTOSCALABLE_INSTANCE_PATTERN = /^ml\.t2\./;

/**
 * A SageMaker name that is also a Kubernetes `metadata.name`: the SageMaker rule, in
 * lowercase (DNS-1123).
 * @public
 */
export const LOWERCASE_SAGEMAKER_NAME_PATTERN = /^[a-z0-9](-*[a-z0-9])*$/;

const sagemakerName: Omit<StringRule, 'required'> = {
  maxLength: SAGEMAKER_NAME_MAX_LENGTH,
  pattern: SAGEMAKER_NAME_PATTERN,
  patternText:
    'letters, digits and inner hyphens only, starting and ending with a letter or digit',
  ruleName: 'SageMaker name rule',
};

const resourceName: Omit<StringRule, 'required'> = {
  maxLength: SAGEMAKER_NAME_MAX_LENGTH,
  pattern: LOWERCASE_SAGEMAKER_NAME_PATTERN,
  patternText:
    'lowercase letters, digits and inner hyphens only, starting and ending with a letter or digit',
  ruleName:
    'SageMaker name rule, lowercase because it is also the Kubernetes metadata.name',
};

const kubernetesObjectName: Omit<StringRule, 'required'> = {
  maxLength: DNS1123_SUBDOMAIN_MAX_LENGTH,
  pattern: DNS1123_SUBDOMAIN_PATTERN,
  patternText:
    'lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit',
  ruleName: 'Kubernetes metadata.name, DNS-1123 subdomain',
};

/** The rule of each string field of a `ScaledEndpointSpec`. @internal */
export const STRING_FIELD_RULES = {
  serviceName: {
    ...sagemakerName,
    required: true,
    ruleName: 'SageMaker name rule, also a valid catalog entity name',
  },
  namespace: {
    required: true,
    maxLength: DNS1123_LABEL_MAX_LENGTH,
    pattern: DNS1123_LABEL_PATTERN,
    patternText:
      'lowercase letters, digits and inner hyphens only, starting and ending with a letter or digit',
    ruleName: 'Kubernetes namespace, DNS-1123 label',
  },
  modelDataURL: {
    required: true,
    maxLength: MODEL_DATA_URL_MAX_LENGTH,
    pattern: MODEL_DATA_URL_PATTERN,
    patternText:
      'an s3:// or https:// URL without whitespace, quotes or backslashes',
    ruleName: 'SageMaker ModelDataUrl',
  },
  image: {
    required: true,
    maxLength: IMAGE_MAX_LENGTH,
    pattern: IMAGE_PATTERN,
    patternText:
      'a container image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag, without whitespace',
    ruleName: 'SageMaker container Image',
  },
  executionRoleARN: {
    required: true,
    minLength: EXECUTION_ROLE_ARN_MIN_LENGTH,
    maxLength: EXECUTION_ROLE_ARN_MAX_LENGTH,
    pattern: EXECUTION_ROLE_ARN_PATTERN,
    patternText: 'an IAM role ARN such as arn:aws:iam::123456789012:role/name',
    ruleName: 'SageMaker ExecutionRoleArn',
  },
  instanceType: {
    required: true,
    maxLength: 64,
    pattern: INSTANCE_TYPE_PATTERN,
    patternText:
      'a SageMaker instance type ml.<family>.<size>, e.g. ml.m5.large',
    ruleName: 'SageMaker ProductionVariantInstanceType',
  },
  variantName: { ...sagemakerName, required: false },
  containerHostname: { ...sagemakerName, required: false },
  modelName: { ...resourceName, required: false },
  endpointConfigName: { ...resourceName, required: false },
  endpointName: { ...resourceName, required: false },
  scalableTargetName: { ...kubernetesObjectName, required: false },
  scalingPolicyName: { ...kubernetesObjectName, required: false },
  policyName: {
    required: false,
    maxLength: POLICY_NAME_MAX_LENGTH,
    pattern: POLICY_NAME_PATTERN,
    patternText:
      'printable characters only (no newline, tab or control character)',
    ruleName: 'Application Auto Scaling PolicyName',
  },
} satisfies Record<string, StringRule>;

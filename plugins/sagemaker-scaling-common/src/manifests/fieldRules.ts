/**
 * The one table of field rules of a scaled endpoint spec and of scaling settings. Every
 * consumer derives its checks from it: the shared validators, the render action's and the
 * backend's zod schemas ({@link buildScaledEndpointFieldSchema}), the edit form (through
 * the validators); tests hold the template's JSON Schema and the OpenAPI document to it.
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
import { INSTANCE_VARIANT_METRIC_TYPES } from './metrics';

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

/** Rule of a string field: length bounds and a pattern. @public */
export interface StringFieldRule {
  type: 'string';
  minLength: number;
  maxLength: number;
  pattern: RegExp;
  /** Human wording of the pattern, e.g. "letters, digits and inner hyphens". */
  patternText: string;
  /** Where the rule comes from, e.g. "SageMaker name rule". */
  ruleName: string;
  description: string;
}

/** Rule of a string field that takes one of a fixed set of values. @public */
export interface EnumFieldRule {
  type: 'enum';
  values: readonly [string, ...string[]];
  ruleName: string;
  description: string;
}

/** Rule of a numeric field: whole (`integer`) or not (`number`), with inclusive bounds. @public */
export interface NumberFieldRule {
  type: 'integer' | 'number';
  minimum: number;
  maximum: number;
  unit?: string;
  ruleName: string;
  description: string;
}

/** Rule of a true/false field. @public */
export interface BooleanFieldRule {
  type: 'boolean';
  ruleName: string;
  description: string;
}

/** The rule of one field. @public */
export type FieldRule =
  | StringFieldRule
  | EnumFieldRule
  | NumberFieldRule
  | BooleanFieldRule;

/** Largest value of a 32-bit signed integer, the AWS `Integer` type (capacities). @public */
export const AWS_MAX_INTEGER = 2147483647;

/** Smallest target value Application Auto Scaling accepts (`TargetValue`). @public */
export const TARGET_VALUE_MIN = 8.51592e-109;

/** Largest target value Application Auto Scaling accepts (`TargetValue`). @public */
export const TARGET_VALUE_MAX = 1.174271e108;

/** Longest cooldown, in seconds (one day; a project limit within the AWS `Integer`). @public */
export const MAX_COOLDOWN_SECONDS = 86400;

const SAGEMAKER_NAME_TEXT =
  'letters, digits and inner hyphens only, starting and ending with a letter or digit';
const LOWERCASE_NAME_TEXT =
  'lowercase letters, digits and inner hyphens only, starting and ending with a letter or digit';

function sagemakerName(description: string, ruleName = 'SageMaker name rule') {
  return {
    type: 'string',
    minLength: 1,
    maxLength: SAGEMAKER_NAME_MAX_LENGTH,
    pattern: SAGEMAKER_NAME_PATTERN,
    patternText: SAGEMAKER_NAME_TEXT,
    ruleName,
    description,
  } satisfies StringFieldRule;
}

function resourceName(description: string) {
  return {
    type: 'string',
    minLength: 1,
    maxLength: SAGEMAKER_NAME_MAX_LENGTH,
    pattern: LOWERCASE_SAGEMAKER_NAME_PATTERN,
    patternText: LOWERCASE_NAME_TEXT,
    ruleName:
      'SageMaker name rule, lowercase because it is also the Kubernetes metadata.name',
    description,
  } satisfies StringFieldRule;
}

function kubernetesObjectName(description: string) {
  return {
    type: 'string',
    minLength: 1,
    maxLength: DNS1123_SUBDOMAIN_MAX_LENGTH,
    pattern: DNS1123_SUBDOMAIN_PATTERN,
    patternText:
      'lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit',
    ruleName: 'Kubernetes metadata.name, DNS-1123 subdomain',
    description,
  } satisfies StringFieldRule;
}

function capacity(description: string, ruleName: string) {
  return {
    type: 'integer',
    // SageMaker variants scale between at least 1 instance (scale to zero needs inference
    // components); AWS types capacities as 32-bit integers
    minimum: 1,
    maximum: AWS_MAX_INTEGER,
    unit: 'instances',
    ruleName,
    description,
  } satisfies NumberFieldRule;
}

function cooldown(description: string, ruleName: string) {
  return {
    type: 'integer',
    minimum: 0,
    maximum: MAX_COOLDOWN_SECONDS,
    unit: 'seconds',
    ruleName,
    description,
  } satisfies NumberFieldRule;
}

/**
 * The rule of every field of a {@link ScaledEndpointSpec} (and so of
 * {@link ScalingSettings}). Which fields are required is the consumer's: see
 * {@link SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS}.
 * @public
 */
export const SCALED_ENDPOINT_FIELD_RULES = {
  serviceName: sagemakerName(
    'Name of the ML service; the resource names derive from it',
    'SageMaker name rule, also a valid catalog entity name',
  ),
  namespace: {
    type: 'string',
    minLength: 1,
    maxLength: DNS1123_LABEL_MAX_LENGTH,
    pattern: DNS1123_LABEL_PATTERN,
    patternText: LOWERCASE_NAME_TEXT,
    ruleName: 'Kubernetes namespace, DNS-1123 label',
    description: 'Kubernetes namespace of the ACK resources',
  },
  modelDataURL: {
    type: 'string',
    minLength: 1,
    maxLength: MODEL_DATA_URL_MAX_LENGTH,
    pattern: MODEL_DATA_URL_PATTERN,
    patternText:
      'an s3:// or https:// URL without whitespace, quotes or backslashes',
    ruleName: 'SageMaker ModelDataUrl',
    description: 'Where the model artifacts are (s3:// or https://)',
  },
  image: {
    type: 'string',
    minLength: 1,
    maxLength: IMAGE_MAX_LENGTH,
    pattern: IMAGE_PATTERN,
    patternText:
      'a container image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag, without whitespace',
    ruleName: 'SageMaker container Image',
    description: 'Inference container image URI',
  },
  executionRoleARN: {
    type: 'string',
    minLength: EXECUTION_ROLE_ARN_MIN_LENGTH,
    maxLength: EXECUTION_ROLE_ARN_MAX_LENGTH,
    pattern: EXECUTION_ROLE_ARN_PATTERN,
    patternText: 'an IAM role ARN such as arn:aws:iam::123456789012:role/name',
    ruleName: 'SageMaker ExecutionRoleArn',
    description: 'IAM role SageMaker assumes to run the model',
  },
  instanceType: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    pattern: INSTANCE_TYPE_PATTERN,
    patternText:
      'a SageMaker instance type ml.<family>.<size>, e.g. ml.m5.large',
    ruleName: 'SageMaker ProductionVariantInstanceType',
    description:
      'SageMaker instance type ml.<family>.<size>; ml.t2.* cannot be autoscaled',
  },
  initialInstanceCount: {
    type: 'integer',
    minimum: 1,
    maximum: AWS_MAX_INTEGER,
    unit: 'instances',
    ruleName: 'SageMaker InitialInstanceCount, a 32-bit integer',
    description: 'Instances at creation, within [minCapacity, maxCapacity]',
  },
  variantName: sagemakerName('Production variant name (default AllTraffic)'),
  containerHostname: sagemakerName(
    'Container hostname (left out when not given)',
  ),
  minCapacity: capacity(
    'Fewest instances',
    'Application Auto Scaling MinCapacity, a 32-bit integer; SageMaker variants need at least 1',
  ),
  maxCapacity: capacity(
    'Most instances',
    'Application Auto Scaling MaxCapacity, a 32-bit integer',
  ),
  targetValue: {
    type: 'number',
    minimum: TARGET_VALUE_MIN,
    maximum: TARGET_VALUE_MAX,
    ruleName: 'Application Auto Scaling TargetValue',
    description: 'Target value of the metric per instance',
  },
  metricType: {
    type: 'enum',
    values: INSTANCE_VARIANT_METRIC_TYPES as unknown as readonly [
      string,
      ...string[],
    ],
    ruleName: "predefined metrics that scale a variant's instance count",
    description:
      'Predefined metric to track (default SageMakerVariantInvocationsPerInstance)',
  },
  scaleInCooldown: cooldown(
    'Seconds after a scale-in before the next (default 300)',
    'Application Auto Scaling ScaleInCooldown, at most one day',
  ),
  scaleOutCooldown: cooldown(
    'Seconds after a scale-out before the next (default 300)',
    'Application Auto Scaling ScaleOutCooldown, at most one day',
  ),
  disableScaleIn: {
    type: 'boolean',
    ruleName: 'Application Auto Scaling DisableScaleIn',
    description: 'When true the policy never removes instances (default false)',
  },
  modelName: resourceName('Model name (default <service>-model)'),
  endpointConfigName: resourceName(
    'Endpoint config name (default <service>-config)',
  ),
  endpointName: resourceName('Endpoint name (default <service>)'),
  scalableTargetName: kubernetesObjectName(
    'ScalableTarget metadata.name (default <service>-scalable-target)',
  ),
  scalingPolicyName: kubernetesObjectName(
    'ScalingPolicy metadata.name (default <service>-scaling-policy)',
  ),
  policyName: {
    type: 'string',
    minLength: 1,
    maxLength: POLICY_NAME_MAX_LENGTH,
    pattern: POLICY_NAME_PATTERN,
    patternText:
      'printable characters only (no newline, tab or control character)',
    ruleName: 'Application Auto Scaling PolicyName',
    description:
      'Application Auto Scaling policy name (default: the ScalingPolicy metadata.name)',
  },
} as const satisfies Record<string, FieldRule>;

/** A field of the rule table. @public */
export type ScaledEndpointField = keyof typeof SCALED_ENDPOINT_FIELD_RULES;

/** The fields a {@link ScaledEndpointSpec} must have; the others have defaults. @public */
export const SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS: readonly ScaledEndpointField[] =
  [
    'serviceName',
    'namespace',
    'modelDataURL',
    'image',
    'executionRoleARN',
    'instanceType',
    'initialInstanceCount',
    'minCapacity',
    'maxCapacity',
    'targetValue',
  ];

/** The fields of {@link ScalingSettings}, all required but `initialInstanceCount`. @public */
export const SCALING_SETTINGS_FIELDS = [
  'minCapacity',
  'maxCapacity',
  'targetValue',
  'scaleInCooldown',
  'scaleOutCooldown',
  'disableScaleIn',
] as const satisfies readonly ScaledEndpointField[];

/**
 * The sentence that states a field's rule, naming the field, e.g. "minCapacity must be a
 * whole number between 1 and 2147483647 instances (Application Auto Scaling MinCapacity,
 * ...)". Every consumer reports a broken rule with it.
 * @public
 */
export function fieldRuleMessage(field: ScaledEndpointField): string {
  const rule: FieldRule = SCALED_ENDPOINT_FIELD_RULES[field];
  switch (rule.type) {
    case 'string':
      return `${field} must be ${rule.patternText}, ${
        rule.minLength === 1 ? '1' : rule.minLength
      } to ${rule.maxLength} characters (${rule.ruleName})`;
    case 'enum':
      return `${field} must be one of ${rule.values.join(', ')} (${
        rule.ruleName
      })`;
    case 'integer':
      return `${field} must be a whole number between ${rule.minimum} and ${
        rule.maximum
      }${rule.unit ? ` ${rule.unit}` : ''} (${rule.ruleName})`;
    case 'number':
      return `${field} must be a number between ${rule.minimum} and ${rule.maximum} (${rule.ruleName})`;
    default:
      return `${field} must be true or false (${rule.ruleName})`;
  }
}

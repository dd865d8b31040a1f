/**
 * Boundary values of every field of a scaled endpoint spec: values each consumer of the
 * rule table (validators, the action's and the template's JSON Schema, the backend's zod
 * schema and OpenAPI document, the edit form) must accept, and values each must refuse.
 * Cross-field rules (min \<= initial \<= max, no ml.t2) are not part of this table.
 */
import Ajv from 'ajv';

/** What every consumer must accept and refuse for one field. @public */
export interface FieldBoundaryCases {
  accept: readonly unknown[];
  refuse: readonly unknown[];
}

const sagemakerName: FieldBoundaryCases = {
  accept: ['a', 'Model-1', 'a--b', 'x'.repeat(63)],
  refuse: ['', '-a', 'a-', 'a_b', 'a.b', 'x'.repeat(64), 1],
};
const lowercaseName: FieldBoundaryCases = {
  accept: ['a', 'model-1', 'x'.repeat(63)],
  refuse: ['', 'Model', '-a', 'a_b', 'x'.repeat(64)],
};
const objectName: FieldBoundaryCases = {
  accept: ['a', 'a.b-c', 'x'.repeat(253)],
  refuse: ['', 'A', '-a', 'a_b', 'x'.repeat(254)],
};
const capacity: FieldBoundaryCases = {
  // AWS types capacities as 32-bit integers
  accept: [1, 2, 2147483647],
  refuse: [0, -1, 1.5, 2147483648, 2 ** 53, '1', null],
};
const cooldown: FieldBoundaryCases = {
  accept: [0, 300, 86400],
  refuse: [-1, 86401, 1.5, '300'],
};

/** Boundary values per field of the rule table. @public */
export const FIELD_BOUNDARY_CASES: Record<string, FieldBoundaryCases> = {
  serviceName: sagemakerName,
  namespace: {
    accept: ['a', 'ml-serving', 'x'.repeat(63)],
    refuse: ['', 'ML', 'a-', 'a.b', 'x'.repeat(64)],
  },
  modelDataURL: {
    accept: ['s3://bucket/model.tar.gz', 'https://host/path', 's3://b'],
    refuse: [
      '',
      'ftp://h/p',
      's3://b/a b',
      's3://b/"',
      `s3://b/${'k'.repeat(1019)}`,
    ],
  },
  image: {
    accept: [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag',
      'repo',
      `r/${'a'.repeat(253)}`,
    ],
    refuse: ['', 'a b', 'repo/UPPER', `r/${'a'.repeat(254)}`],
  },
  executionRoleARN: {
    accept: [
      'arn:aws:iam::123456789012:role/r',
      `arn:aws:iam::123456789012:role/${'a'.repeat(2017)}`,
    ],
    refuse: [
      '',
      'arn:aws:iam::1234:role/r',
      'arn:aws:iam::123456789012:user/u',
      `arn:aws:iam::123456789012:role/${'a'.repeat(2018)}`,
    ],
  },
  instanceType: {
    accept: ['ml.m5.large', 'ml.c5.xlarge'],
    refuse: ['', 'm5.large', 'ml.M5.large', `ml.m5.${'x'.repeat(59)}`],
  },
  initialInstanceCount: capacity,
  variantName: sagemakerName,
  containerHostname: sagemakerName,
  minCapacity: capacity,
  maxCapacity: capacity,
  targetValue: {
    // the range Application Auto Scaling accepts for TargetValue
    accept: [8.51592e-109, 0.5, 60, 1.174271e108],
    refuse: [0, -1, 8.5e-109, 1e-320, 1.1743e108, 1e308, '60', true],
  },
  metricType: {
    accept: [
      'SageMakerVariantInvocationsPerInstance',
      'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    ],
    refuse: [
      '',
      'CPUUtilization',
      'SageMakerVariantProvisionedConcurrencyUtilization',
    ],
  },
  scaleInCooldown: cooldown,
  scaleOutCooldown: cooldown,
  disableScaleIn: { accept: [true, false], refuse: ['true', 0] },
  modelName: lowercaseName,
  endpointConfigName: lowercaseName,
  endpointName: lowercaseName,
  scalableTargetName: objectName,
  scalingPolicyName: objectName,
  policyName: {
    accept: ['p', 'Policy 1 (v2)', 'x'.repeat(256)],
    refuse: ['', 'a\nb', 'a\tb', 'x'.repeat(257)],
  },
};

const ajv = new Ajv({ strict: false });

/**
 * Whether a JSON Schema accepts a value (ajv, all formats off): for checking derived and
 * hand-written JSON Schemas against {@link FIELD_BOUNDARY_CASES}.
 * @public
 */
export function jsonSchemaAccepts(schema: object, value: unknown): boolean {
  // ajv caches the compiled schema by object identity
  return ajv.validate(schema, value) as boolean;
}

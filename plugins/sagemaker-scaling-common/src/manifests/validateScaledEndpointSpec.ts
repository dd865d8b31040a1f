import {
  STRING_FIELD_RULES,
  NON_AUTOSCALABLE_INSTANCE_PATTERN,
} from './fieldRules';
import {
  INSTANCE_VARIANT_METRIC_TYPES,
  SAGEMAKER_VARIANT_METRICS,
  VARIANT_INSTANCE_COUNT_DIMENSION,
} from './metrics';
import { checkKnownFields, checkString, isFieldRecord } from './rules';
import type { ValidationIssue } from './types';
import { collectScalingIssues } from './validateScalingSettings';

/** Every field a {@link ScaledEndpointSpec} may have. @public */
export const SCALED_ENDPOINT_SPEC_FIELDS: readonly string[] = [
  ...Object.keys(STRING_FIELD_RULES),
  'initialInstanceCount',
  'minCapacity',
  'maxCapacity',
  'targetValue',
  'metricType',
  'scaleInCooldown',
  'scaleOutCooldown',
  'disableScaleIn',
];

function checkMetricType(value: unknown, issues: ValidationIssue[]): void {
  if (value === undefined || value === null) {
    return;
  }
  if (
    typeof value === 'string' &&
    (INSTANCE_VARIANT_METRIC_TYPES as readonly string[]).includes(value)
  ) {
    return;
  }
  const known = SAGEMAKER_VARIANT_METRICS.find(m => m.metricType === value);
  issues.push({
    field: 'metricType',
    message: known
      ? `metricType ${known.metricType} scales ${
          known.dimension
        }, not ${VARIANT_INSTANCE_COUNT_DIMENSION}; use one of ${INSTANCE_VARIANT_METRIC_TYPES.join(
          ', ',
        )}`
      : `metricType must be one of ${INSTANCE_VARIANT_METRIC_TYPES.join(', ')}`,
  });
}

/**
 * Validates what a user asks for when creating a scaled model endpoint, before anything
 * is rendered or written. Every issue names the field and the rule it breaks; the list is
 * empty when the input is valid. Unknown fields are refused, so a misspelt optional field
 * does not silently fall back to its default.
 * @public
 */
export function validateScaledEndpointSpec(input: unknown): ValidationIssue[] {
  if (!isFieldRecord(input)) {
    return [
      { field: '', message: 'the scaled endpoint spec must be an object' },
    ];
  }
  const issues: ValidationIssue[] = [];
  checkKnownFields(input, SCALED_ENDPOINT_SPEC_FIELDS, issues);
  for (const [field, rule] of Object.entries(STRING_FIELD_RULES)) {
    checkString(input, field, rule, issues);
  }
  const instanceType = input.instanceType;
  if (
    typeof instanceType === 'string' &&
    NON_AUTOSCALABLE_INSTANCE_PATTERN.test(instanceType)
  ) {
    issues.push({
      field: 'instanceType',
      message: `instanceType ${instanceType} is a burstable ml.t2 type, which Application Auto Scaling cannot scale; choose another family such as ml.m5.large`,
    });
  }
  checkMetricType(input.metricType, issues);
  collectScalingIssues(
    input,
    { allowDefaults: true, initialCountRequired: true },
    issues,
  );
  return issues;
}

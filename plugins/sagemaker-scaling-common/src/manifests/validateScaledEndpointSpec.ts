import {
  NON_AUTOSCALABLE_INSTANCE_PATTERN,
  SCALED_ENDPOINT_FIELD_RULES,
  SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS,
  SCALING_SETTINGS_FIELDS,
  type ScaledEndpointField,
} from './fieldRules';
import {
  INSTANCE_VARIANT_METRIC_TYPES,
  SAGEMAKER_VARIANT_METRICS,
  VARIANT_INSTANCE_COUNT_DIMENSION,
} from './metrics';
import { checkField, checkKnownFields, isFieldRecord } from './rules';
import type { ValidationIssue } from './types';
import { collectScalingIssues } from './validateScalingSettings';

/** Every field a {@link ScaledEndpointSpec} may have. @public */
export const SCALED_ENDPOINT_SPEC_FIELDS: readonly string[] = Object.keys(
  SCALED_ENDPOINT_FIELD_RULES,
);

/** Fields checked here one by one; the scaling ones go through collectScalingIssues. */
const NON_SCALING_FIELDS = (
  Object.keys(SCALED_ENDPOINT_FIELD_RULES) as ScaledEndpointField[]
).filter(
  field =>
    field !== 'metricType' &&
    field !== 'initialInstanceCount' &&
    !(SCALING_SETTINGS_FIELDS as readonly string[]).includes(field),
);

function checkMetricType(value: unknown, issues: ValidationIssue[]): void {
  if (value === undefined || value === null) {
    return;
  }
  const known = SAGEMAKER_VARIANT_METRICS.find(m => m.metricType === value);
  if (known && known.dimension !== VARIANT_INSTANCE_COUNT_DIMENSION) {
    // a real metric of another dimension: say why it does not fit
    issues.push({
      field: 'metricType',
      message: `metricType ${known.metricType} scales ${
        known.dimension
      }, not ${VARIANT_INSTANCE_COUNT_DIMENSION}; use one of ${INSTANCE_VARIANT_METRIC_TYPES.join(
        ', ',
      )}`,
    });
    return;
  }
  checkField({ metricType: value }, 'metricType', false, issues);
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
  for (const field of NON_SCALING_FIELDS) {
    checkField(
      input,
      field,
      SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS.includes(field),
      issues,
    );
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

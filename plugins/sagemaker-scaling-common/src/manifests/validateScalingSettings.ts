import { SCALING_SETTINGS_FIELDS } from './fieldRules';
import { checkField, isFieldRecord } from './rules';
import type { FieldRecord } from './rules';
import type { ValidationIssue } from './types';

/** Cooldown used when none is given, in seconds (the AWS default for SageMaker). @public */
export const DEFAULT_COOLDOWN_SECONDS = 300;

/**
 * Checks the scaling fields of a record against the rule table, then the cross-field
 * rules (min \<= max, min \<= initial \<= max), once. With `allowDefaults`, the cooldowns
 * and `disableScaleIn` may be absent (the spec fills in defaults); otherwise they are
 * required.
 * @internal
 */
export function collectScalingIssues(
  record: FieldRecord,
  options: { allowDefaults: boolean; initialCountRequired: boolean },
  issues: ValidationIssue[],
): void {
  const minCapacity = checkField(record, 'minCapacity', true, issues) as
    | number
    | undefined;
  const maxCapacity = checkField(record, 'maxCapacity', true, issues) as
    | number
    | undefined;
  const initialInstanceCount = checkField(
    record,
    'initialInstanceCount',
    options.initialCountRequired,
    issues,
  ) as number | undefined;
  if (
    minCapacity !== undefined &&
    maxCapacity !== undefined &&
    minCapacity > maxCapacity
  ) {
    issues.push({
      field: 'maxCapacity',
      message: `maxCapacity must be greater than or equal to minCapacity, got minCapacity ${minCapacity} and maxCapacity ${maxCapacity}`,
    });
  } else if (
    minCapacity !== undefined &&
    maxCapacity !== undefined &&
    initialInstanceCount !== undefined &&
    (initialInstanceCount < minCapacity || initialInstanceCount > maxCapacity)
  ) {
    issues.push({
      field: 'initialInstanceCount',
      message: `initialInstanceCount must lie within minCapacity and maxCapacity [${minCapacity}, ${maxCapacity}], got ${initialInstanceCount}`,
    });
  }
  checkField(record, 'targetValue', true, issues);
  for (const field of SCALING_SETTINGS_FIELDS.slice(3)) {
    checkField(record, field, !options.allowDefaults, issues);
  }
}

/**
 * Validates scaling settings as the edit form and `PUT .../scaling` send them:
 * each field by its rule in `SCALED_ENDPOINT_FIELD_RULES` (capacities whole numbers
 * 1..2147483647 with min \<= max, `targetValue` 8.51592e-109..1.174271e108, cooldowns whole
 * seconds 0..86400, `disableScaleIn` boolean), and the optional `initialInstanceCount`
 * within [min, max]. Fields it does not know are not checked.
 * Returns an empty list when valid.
 * @public
 */
export function validateScalingSettings(input: unknown): ValidationIssue[] {
  if (!isFieldRecord(input)) {
    return [{ field: '', message: 'scaling settings must be an object' }];
  }
  const issues: ValidationIssue[] = [];
  collectScalingIssues(
    input,
    { allowDefaults: false, initialCountRequired: false },
    issues,
  );
  return issues;
}

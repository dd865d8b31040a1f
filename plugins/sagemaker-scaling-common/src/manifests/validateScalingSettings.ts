import {
  checkBoolean,
  checkInteger,
  checkPositiveNumber,
  isFieldRecord,
} from './rules';
import type { FieldRecord } from './rules';
import type { ValidationIssue } from './types';

/** Longest cooldown, in seconds (one day). @public */
export const MAX_COOLDOWN_SECONDS = 86400;

/** Cooldown used when none is given, in seconds (the AWS default for SageMaker). @public */
export const DEFAULT_COOLDOWN_SECONDS = 300;

/**
 * Checks the scaling fields of a record. With `allowDefaults`, the cooldowns and
 * `disableScaleIn` may be absent (the spec fills in defaults); otherwise they are required.
 * @internal
 */
export function collectScalingIssues(
  record: FieldRecord,
  options: { allowDefaults: boolean; initialCountRequired: boolean },
  issues: ValidationIssue[],
): void {
  const minCapacity = checkInteger(
    record,
    'minCapacity',
    { required: true, min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'instances' },
    issues,
  );
  const maxCapacity = checkInteger(
    record,
    'maxCapacity',
    { required: true, min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'instances' },
    issues,
  );
  const initialInstanceCount = checkInteger(
    record,
    'initialInstanceCount',
    {
      required: options.initialCountRequired,
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      unit: 'instances',
    },
    issues,
  );
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
  checkPositiveNumber(record, 'targetValue', issues);
  for (const field of ['scaleInCooldown', 'scaleOutCooldown']) {
    checkInteger(
      record,
      field,
      {
        required: !options.allowDefaults,
        min: 0,
        max: MAX_COOLDOWN_SECONDS,
        unit: 'seconds',
      },
      issues,
    );
  }
  checkBoolean(record, 'disableScaleIn', !options.allowDefaults, issues);
}

/**
 * Validates scaling settings as the edit form and `PUT .../scaling` send them:
 * `minCapacity`/`maxCapacity` whole numbers with 1 \<= min \<= max, `targetValue` finite and
 * \> 0, cooldowns whole seconds 0..86400, `disableScaleIn` boolean, and the optional
 * `initialInstanceCount` within [min, max]. Fields it does not know are not checked.
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

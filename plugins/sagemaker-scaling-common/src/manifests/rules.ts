/**
 * Field-level checks shared by the validators. Each check reads one field of a plain
 * object, appends a {@link ValidationIssue} naming the field and the broken rule, and
 * returns the value when it is usable.
 */
import type { ValidationIssue } from './types';

/** A plain object to validate, field by field. @internal */
export type FieldRecord = Record<string, unknown>;

/** How a string field is checked. @internal */
export interface StringRule {
  required: boolean;
  minLength?: number;
  maxLength: number;
  pattern: RegExp;
  /** Human wording of the pattern, e.g. "letters, digits and inner hyphens". */
  patternText: string;
  /** Where the rule comes from, e.g. "SageMaker name rule". */
  ruleName: string;
}

/** How a whole-number field is checked. @internal */
export interface IntegerRule {
  required: boolean;
  min: number;
  max?: number;
  unit?: string;
}

/** Whether the input is a plain object (not null, not an array). @internal */
export function isFieldRecord(input: unknown): input is FieldRecord {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** Checks a string field against its rule; the value when valid. @internal */
export function checkString(
  record: FieldRecord,
  field: string,
  rule: StringRule,
  issues: ValidationIssue[],
): string | undefined {
  const value = record[field];
  if (isMissing(value)) {
    if (rule.required) {
      issues.push({ field, message: `${field} is required` });
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.push({
      field,
      message: `${field} must be a string, got ${describe(value)}`,
    });
    return undefined;
  }
  const min = rule.minLength ?? 1;
  if (value.length < min) {
    issues.push({
      field,
      message:
        min === 1
          ? `${field} must not be empty (${rule.ruleName})`
          : `${field} must be at least ${min} characters (${rule.ruleName})`,
    });
    return undefined;
  }
  let ok = true;
  if (value.length > rule.maxLength) {
    issues.push({
      field,
      message: `${field} must be at most ${rule.maxLength} characters, got ${value.length} (${rule.ruleName})`,
    });
    ok = false;
  }
  if (!rule.pattern.test(value)) {
    issues.push({
      field,
      message: `${field} must be ${rule.patternText}, matching ${rule.pattern.source} (${rule.ruleName})`,
    });
    ok = false;
  }
  return ok ? value : undefined;
}

/** Checks a whole-number field against its bounds; the value when valid. @internal */
export function checkInteger(
  record: FieldRecord,
  field: string,
  rule: IntegerRule,
  issues: ValidationIssue[],
): number | undefined {
  const value = record[field];
  if (isMissing(value)) {
    if (rule.required) {
      issues.push({ field, message: `${field} is required` });
    }
    return undefined;
  }
  const unit = rule.unit ? ` ${rule.unit}` : '';
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issues.push({
      field,
      message: `${field} must be a whole number, got ${
        typeof value === 'number' ? value : describe(value)
      }`,
    });
    return undefined;
  }
  if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
    issues.push({
      field,
      message:
        rule.max === undefined
          ? `${field} must be at least ${rule.min}${unit}, got ${value}`
          : `${field} must be between ${rule.min} and ${rule.max}${unit}, got ${value}`,
    });
    return undefined;
  }
  return value;
}

/** Checks a required finite number greater than 0; the value when valid. @internal */
export function checkPositiveNumber(
  record: FieldRecord,
  field: string,
  issues: ValidationIssue[],
): number | undefined {
  const value = record[field];
  if (isMissing(value)) {
    issues.push({ field, message: `${field} is required` });
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    issues.push({
      field,
      message: `${field} must be a finite number greater than 0, got ${
        typeof value === 'number' ? value : describe(value)
      }`,
    });
    return undefined;
  }
  return value;
}

/** Checks a boolean field; the value when valid. @internal */
export function checkBoolean(
  record: FieldRecord,
  field: string,
  required: boolean,
  issues: ValidationIssue[],
): boolean | undefined {
  const value = record[field];
  if (isMissing(value)) {
    if (required) {
      issues.push({ field, message: `${field} is required` });
    }
    return undefined;
  }
  if (typeof value !== 'boolean') {
    issues.push({
      field,
      message: `${field} must be true or false, got ${describe(value)}`,
    });
    return undefined;
  }
  return value;
}

/** Reports every field not in `known`. @internal */
export function checkKnownFields(
  record: FieldRecord,
  known: readonly string[],
  issues: ValidationIssue[],
): void {
  for (const field of Object.keys(record)) {
    if (!known.includes(field)) {
      issues.push({
        field,
        message: `${field} is not a known field (allowed: ${known.join(', ')})`,
      });
    }
  }
}

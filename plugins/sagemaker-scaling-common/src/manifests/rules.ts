/**
 * Field-level checks shared by the validators, driven by the rule table
 * (`SCALED_ENDPOINT_FIELD_RULES`). Each check reads one field of a plain object, appends a
 * {@link ValidationIssue} naming the field and the broken rule, and returns the value when
 * it is usable.
 */
import {
  SCALED_ENDPOINT_FIELD_RULES,
  fieldRuleMessage,
  type FieldRule,
  type NumberFieldRule,
  type ScaledEndpointField,
  type StringFieldRule,
} from './fieldRules';
import type { ValidationIssue } from './types';

/** A plain object to validate, field by field. @internal */
export type FieldRecord = Record<string, unknown>;

/** Whether the input is a plain object (not null, not an array). @internal */
export function isFieldRecord(input: unknown): input is FieldRecord {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function checkString(
  field: string,
  value: unknown,
  rule: StringFieldRule,
  issues: ValidationIssue[],
): boolean {
  if (typeof value !== 'string') {
    issues.push({
      field,
      message: `${field} must be a string, got ${describe(value)}`,
    });
    return false;
  }
  if (value.length < rule.minLength) {
    issues.push({
      field,
      message:
        rule.minLength === 1
          ? `${field} must not be empty (${rule.ruleName})`
          : `${field} must be at least ${rule.minLength} characters (${rule.ruleName})`,
    });
    return false;
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
  return ok;
}

function checkNumber(
  field: string,
  value: unknown,
  rule: NumberFieldRule,
  issues: ValidationIssue[],
): boolean {
  const got = typeof value === 'number' ? String(value) : describe(value);
  const kind = rule.type === 'integer' ? 'a whole number' : 'a number';
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    (rule.type === 'integer' &&
      Number.isFinite(value) &&
      !Number.isInteger(value))
  ) {
    issues.push({ field, message: `${field} must be ${kind}, got ${got}` });
    return false;
  }
  if (!(value >= rule.minimum && value <= rule.maximum)) {
    issues.push({
      field,
      message: `${field} must be ${
        rule.type === 'integer' ? '' : 'a number '
      }between ${rule.minimum} and ${rule.maximum}${
        rule.unit ? ` ${rule.unit}` : ''
      }, got ${got} (${rule.ruleName})`,
    });
    return false;
  }
  return true;
}

function checkValue(
  ruleOf: ScaledEndpointField,
  value: unknown,
  issues: ValidationIssue[],
  field: string = ruleOf,
): boolean {
  const rule: FieldRule = SCALED_ENDPOINT_FIELD_RULES[ruleOf];
  switch (rule.type) {
    case 'string':
      return checkString(field, value, rule, issues);
    case 'integer':
    case 'number':
      return checkNumber(field, value, rule, issues);
    case 'enum':
      if (
        typeof value === 'string' &&
        (rule.values as readonly string[]).includes(value)
      ) {
        return true;
      }
      issues.push({
        field,
        message: fieldRuleMessage(ruleOf).replace(ruleOf, field),
      });
      return false;
    default:
      if (typeof value === 'boolean') return true;
      issues.push({
        field,
        message: `${field} must be true or false, got ${describe(value)}`,
      });
      return false;
  }
}

/**
 * Checks one field of a record against its rule in the table; the value when valid.
 * @internal
 */
export function checkField<F extends ScaledEndpointField>(
  record: FieldRecord,
  field: F,
  required: boolean,
  issues: ValidationIssue[],
): unknown {
  const value = record[field];
  if (value === undefined || value === null) {
    if (required) {
      issues.push({ field, message: `${field} is required` });
    }
    return undefined;
  }
  return checkValue(field, value, issues) ? value : undefined;
}

/**
 * Checks a value found at `path` (e.g. `Model.spec.modelName`) against the rule of the
 * table's field `ruleOf`, reporting it under the path; the value when valid.
 * @internal
 */
export function checkValueAt(
  path: string,
  value: unknown,
  ruleOf: ScaledEndpointField,
  issues: ValidationIssue[],
): unknown {
  if (value === undefined || value === null) {
    issues.push({ field: path, message: `${path} is required` });
    return undefined;
  }
  return checkValue(ruleOf, value, issues, path) ? value : undefined;
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

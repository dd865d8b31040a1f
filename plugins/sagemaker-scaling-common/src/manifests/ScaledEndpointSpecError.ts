import type { ValidationIssue } from './types';

/**
 * Thrown when a scaled endpoint spec breaks a rule. Its `name` is `InputError`, so the
 * Backstage error handlers answer it with 400 like `@backstage/errors`' InputError; the
 * issues are kept for callers that show them per field.
 * @public
 */
export class ScaledEndpointSpecError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    super(
      `Invalid scaled endpoint spec: ${issues.map(i => i.message).join('; ')}`,
    );
    this.name = 'InputError';
    this.issues = issues;
  }
}

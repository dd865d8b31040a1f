import type { ValidationIssue } from '../manifests';

/**
 * Thrown when the planner's input breaks a rule. Its `name` is `InputError`, so the
 * Backstage error handlers answer it with 400; the issues name the fields.
 * @public
 */
export class PlannerInputError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    super(`Invalid planner input: ${issues.map(i => i.message).join('; ')}`);
    this.name = 'InputError';
    this.issues = issues;
  }
}

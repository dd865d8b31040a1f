/**
 * The rules of a replay's input: the settings by the one rule table
 * (`validateScalingSettings`), the invocation series, the starting instances and the
 * provisioning delay.
 */
import { validateScalingSettings } from '../manifests';
import type { ValidationIssue } from '../manifests';
import { validateInvocationSeries } from './validateInvocationSeries';

/** Longest provisioning delay the planner accepts, in minutes (a day). */
const MAX_PROVISIONING_DELAY_MINUTES = 24 * 60;

/**
 * The settings' issues with each field prefixed, e.g. `proposed.maxCapacity`, so a form
 * holding two settings can show each issue at its own field.
 * @public
 */
export function validatePlannerSettings(
  settings: unknown,
  prefix?: string,
): ValidationIssue[] {
  const issues = validateScalingSettings(settings);
  if (!prefix) return issues;
  return issues.map(issue => ({
    field: issue.field ? `${prefix}.${issue.field}` : prefix,
    message: issue.field
      ? `${prefix}.${issue.message}`
      : `${prefix}: ${issue.message}`,
  }));
}

/**
 * Checks the parts of a replay input other than the settings; empty when valid.
 * @public
 */
export function validateReplayConditions(input: {
  series: unknown;
  initialInstances: unknown;
  provisioningDelayMinutes: unknown;
  loadLimitPerInstance?: unknown;
}): ValidationIssue[] {
  const issues = validateInvocationSeries(input.series);
  const initial = input.initialInstances;
  if (
    typeof initial !== 'number' ||
    !Number.isInteger(initial) ||
    initial < 0
  ) {
    issues.push({
      field: 'initialInstances',
      message: `initialInstances must be a whole number of instances >= 0, got ${initial}`,
    });
  }
  const delay = input.provisioningDelayMinutes;
  if (
    typeof delay !== 'number' ||
    !Number.isFinite(delay) ||
    delay < 0 ||
    delay > MAX_PROVISIONING_DELAY_MINUTES
  ) {
    issues.push({
      field: 'provisioningDelayMinutes',
      message: `provisioningDelayMinutes must be a number of minutes between 0 and ${MAX_PROVISIONING_DELAY_MINUTES}, got ${delay}`,
    });
  }
  const limit = input.loadLimitPerInstance;
  if (
    limit !== undefined &&
    (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0)
  ) {
    issues.push({
      field: 'loadLimitPerInstance',
      message: `loadLimitPerInstance must be a positive number of invocations per minute, got ${limit}`,
    });
  }
  return issues;
}

/**
 * The rules of an invocation series the planner replays: per-minute datapoints with
 * finite counts >= 0, at least a minute apart, oldest first, at most 14 days long (the
 * span of CloudWatch's 1-minute data, 15 days, less the minute being written).
 */
import type { ValidationIssue } from '../manifests';
import type { InvocationDatapoint } from './types';

/** Longest series the planner replays: 14 days of minutes. @public */
export const MAX_REPLAY_MINUTES = 14 * 24 * 60;

/** One minute in ms. */
const MINUTE_MS = 60_000;

/** Past this many issues the rest are summed up in one, so a bad series stays readable. */
const MAX_REPORTED_ISSUES = 10;

/**
 * Checks an invocation series; returns an empty list when the planner can replay it.
 * Each issue names the datapoint's field, e.g. `series[3].value`.
 * @public
 */
export function validateInvocationSeries(
  series: unknown,
  field = 'series',
): ValidationIssue[] {
  if (!Array.isArray(series)) {
    return [
      { field, message: `${field} must be an array of {timestamp, value}` },
    ];
  }
  if (series.length === 0) {
    return [{ field, message: `${field} must have at least one datapoint` }];
  }
  const issues: ValidationIssue[] = [];
  let previous: number | undefined;
  let first: number | undefined;
  let more = 0;
  const add = (issue: ValidationIssue) => {
    if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
    else more++;
  };
  // A plain loop that builds strings only for issues: the series has up to 20,160 points.
  for (let i = 0; i < series.length; i++) {
    const point: Partial<InvocationDatapoint> | null = series[i];
    const timestamp = point?.timestamp;
    const value = point?.value;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      add({
        field: `${field}[${i}].value`,
        message: `${field}[${i}].value must be a finite number of invocations >= 0, got ${value}`,
      });
    }
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      add({
        field: `${field}[${i}].timestamp`,
        message: `${field}[${i}].timestamp must be a time in ms since the epoch, got ${timestamp}`,
      });
      continue;
    }
    if (previous !== undefined && timestamp - previous < MINUTE_MS) {
      add({
        field: `${field}[${i}].timestamp`,
        message: `${field}[${i}].timestamp must be at least one minute after the previous datapoint (timestamps increasing, one datapoint per minute), got ${
          timestamp - previous
        } ms after it`,
      });
    }
    first ??= timestamp;
    previous = timestamp;
  }
  if (first !== undefined && previous !== undefined) {
    const minutes = Math.floor((previous - first) / MINUTE_MS) + 1;
    if (minutes > MAX_REPLAY_MINUTES) {
      add({
        field,
        message: `${field} must span at most 14 days (${MAX_REPLAY_MINUTES} minutes), got ${minutes} minutes`,
      });
    }
  }
  if (more > 0) {
    issues.push({ field, message: `${field} has ${more} more problems` });
  }
  return issues;
}

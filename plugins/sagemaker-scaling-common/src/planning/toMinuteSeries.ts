/**
 * A validated invocation series as one slot per minute from the first datapoint to the
 * last, `NaN` in the gaps: the replay's working form, built once per sweep.
 */
import type { InvocationDatapoint } from './types';

/** The series by minute. @internal */
export interface MinuteSeries {
  /** Start of the first minute, ms since the epoch. */
  start: number;
  /** Invocations per minute; `NaN` where the series has no datapoint. */
  invocations: Float64Array;
}

/** @internal */
export function toMinuteSeries(
  series: ReadonlyArray<InvocationDatapoint>,
): MinuteSeries {
  const start = series[0].timestamp;
  const last = series[series.length - 1].timestamp;
  const invocations = new Float64Array(
    Math.floor((last - start) / 60_000) + 1,
  ).fill(NaN);
  for (const { timestamp, value } of series) {
    invocations[Math.floor((timestamp - start) / 60_000)] = value;
  }
  return { start, invocations };
}

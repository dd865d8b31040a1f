/**
 * CloudWatch `GetMetricData` over the simulated per-minute SageMaker variant metrics:
 * namespace `AWS/SageMaker`, metrics `InvocationsPerInstance` and `Invocations` (all
 * instances together), dimensions `EndpointName`
 * and `VariantName`. Other metrics exist nowhere in the sandbox and come back empty,
 * as CloudWatch answers for a metric without data.
 */
import type { VariantMetricPoint } from '../simulation/ScalingSimulator';
import { AwsServiceError } from './AwsServiceError';

const MINUTE_SECONDS = 60;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
const STATISTICS = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];

/** The JSON input of `GetMetricData` (timestamps in epoch seconds). @internal */
export interface GetMetricDataInput {
  MetricDataQueries?: Array<{
    Id?: string;
    Label?: string;
    ReturnData?: boolean;
    Expression?: string;
    Period?: number;
    MetricStat?: {
      Metric?: {
        Namespace?: string;
        MetricName?: string;
        Dimensions?: Array<{ Name?: string; Value?: string }>;
      };
      Period?: number;
      Stat?: string;
      Unit?: string;
    };
  }>;
  StartTime?: number;
  EndTime?: number;
  NextToken?: string;
  ScanBy?: 'TimestampAscending' | 'TimestampDescending';
  MaxDatapoints?: number;
}

/** One result of `GetMetricData`. @internal */
export interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: never[];
}

/** @internal */
export class CloudWatchService {
  constructor(
    /** Per-minute metrics of an AWS endpoint variant, oldest first. */
    private readonly metrics: (
      endpointName: string,
      variantName: string,
    ) => readonly VariantMetricPoint[],
  ) {}

  getMetricData(input: GetMetricDataInput): {
    MetricDataResults: MetricDataResult[];
    NextToken?: string;
    Messages: never[];
  } {
    const queries = input.MetricDataQueries ?? [];
    if (queries.length < 1 || queries.length > 500) {
      throw invalidParameter(
        'MetricDataQueries must hold between 1 and 500 queries',
      );
    }
    const start = requireTime(input.StartTime, 'StartTime');
    const end = requireTime(input.EndTime, 'EndTime');
    if (start >= end) {
      throw invalidParameter('StartTime must be earlier than EndTime');
    }
    const ascending =
      (input.ScanBy ?? 'TimestampDescending') === 'TimestampAscending';
    const maxDatapoints = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
    if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) {
      throw invalidParameter('MaxDatapoints must be a positive integer');
    }
    const ids = new Set<string>();
    const series = queries.map((query, i) => {
      const field = `MetricDataQueries.member.${i + 1}`;
      if (!query.Id || !QUERY_ID.test(query.Id)) {
        throw invalidParameter(
          `${field}.Id must start with a lower-case letter and hold only letters, digits and underscores`,
        );
      }
      if (ids.has(query.Id)) {
        throw invalidParameter(`${field}.Id '${query.Id}' is not unique`);
      }
      ids.add(query.Id);
      if (query.Expression !== undefined) {
        throw invalidParameter(
          `${field}.Expression: the sandbox answers MetricStat queries only`,
        );
      }
      const stat = query.MetricStat;
      if (!stat?.Metric?.MetricName || !stat.Metric.Namespace) {
        throw invalidParameter(
          `${field}.MetricStat with Metric.Namespace and Metric.MetricName is required`,
        );
      }
      const period = stat.Period;
      if (
        typeof period !== 'number' ||
        !Number.isInteger(period) ||
        period < MINUTE_SECONDS ||
        period % MINUTE_SECONDS !== 0
      ) {
        throw invalidParameter(
          `${field}.MetricStat.Period must be a multiple of 60 seconds (the sandbox keeps per-minute data)`,
        );
      }
      if (!stat.Stat || !STATISTICS.includes(stat.Stat)) {
        throw invalidParameter(
          `${field}.MetricStat.Stat must be one of ${STATISTICS.join(', ')}`,
        );
      }
      const points = this.#pointsOf(stat.Metric);
      const datapoints = aggregate(points, start, end, period, stat.Stat);
      if (!ascending) datapoints.reverse();
      return {
        id: query.Id,
        label: query.Label ?? stat.Metric.MetricName,
        returnData: query.ReturnData ?? true,
        datapoints,
      };
    });

    // The token is the number of datapoints already returned, over all results in order.
    let skip = decodeNextToken(input.NextToken);
    let budget = maxDatapoints;
    let truncated = false;
    const results: MetricDataResult[] = [];
    for (const s of series.filter(x => x.returnData)) {
      const fromHere = s.datapoints.slice(Math.min(skip, s.datapoints.length));
      skip = Math.max(0, skip - s.datapoints.length);
      const page = fromHere.slice(0, budget);
      budget -= page.length;
      const partial = page.length < fromHere.length;
      truncated = truncated || partial;
      results.push({
        Id: s.id,
        Label: s.label,
        Timestamps: page.map(p => p.timestamp),
        Values: page.map(p => p.value),
        StatusCode: partial ? 'PartialData' : 'Complete',
        Messages: [],
      });
    }
    const returned =
      decodeNextToken(input.NextToken) + (maxDatapoints - budget);
    return {
      MetricDataResults: results,
      NextToken: truncated
        ? Buffer.from(JSON.stringify({ skip: returned })).toString('base64')
        : undefined,
      Messages: [],
    };
  }

  #pointsOf(metric: {
    Namespace?: string;
    MetricName?: string;
    Dimensions?: Array<{ Name?: string; Value?: string }>;
  }): Array<{ timestamp: number; value: number }> {
    // InvocationsPerInstance is what target tracking scales on; Invocations (all
    // instances together) is what the planner replays.
    const total = metric.MetricName === 'Invocations';
    if (
      metric.Namespace !== 'AWS/SageMaker' ||
      (metric.MetricName !== 'InvocationsPerInstance' && !total)
    ) {
      return [];
    }
    const dims = new Map(
      (metric.Dimensions ?? []).map(d => [d.Name ?? '', d.Value ?? '']),
    );
    const endpointName = dims.get('EndpointName');
    const variantName = dims.get('VariantName');
    // CloudWatch matches the exact dimension set; anything else is another metric.
    if (dims.size !== 2 || !endpointName || !variantName) return [];
    return this.metrics(endpointName, variantName).flatMap(p => {
      const value = total ? p.invocations : p.invocationsPerInstance;
      // a minute without instances has no per-instance value: CloudWatch leaves it out
      return value === null ? [] : [{ timestamp: p.timestamp / 1000, value }];
    });
  }
}

/** Per-minute values bucketed into periods aligned to the epoch, oldest first. */
function aggregate(
  points: Array<{ timestamp: number; value: number }>,
  start: number,
  end: number,
  period: number,
  stat: string,
): Array<{ timestamp: number; value: number }> {
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    if (p.timestamp < start || p.timestamp >= end) continue;
    const bucket = Math.floor(p.timestamp / period) * period;
    const values = buckets.get(bucket) ?? [];
    values.push(p.value);
    buckets.set(bucket, values);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([timestamp, values]) => ({
      timestamp,
      value: statistic(values, stat),
    }));
}

function statistic(values: number[], stat: string): number {
  const sum = values.reduce((a, b) => a + b, 0);
  switch (stat) {
    case 'Average':
      return sum / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default:
      return sum;
  }
}

function requireTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidParameter(`${field} is required (epoch seconds)`);
  }
  return value;
}

function decodeNextToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const skip = JSON.parse(Buffer.from(token, 'base64').toString('utf8')).skip;
    if (Number.isInteger(skip) && skip >= 0) return skip;
  } catch {
    // fall through to the error below
  }
  throw new AwsServiceError('InvalidNextToken', 'The NextToken is not valid');
}

function invalidParameter(message: string) {
  return new AwsServiceError('InvalidParameterValueException', message);
}

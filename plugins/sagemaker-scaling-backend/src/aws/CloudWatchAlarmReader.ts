import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { describeAwsError } from './describeAwsError';
import type { LoadPoint } from './CloudWatchMetricsReader';

/** One target-tracking alarm as CloudWatch reports it, with its metric's newest values. @internal */
export interface AlarmReading {
  alarmName: string;
  stateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  stateReason?: string;
  /** ISO time of the last state change. */
  stateUpdatedAt?: string;
  threshold?: number;
  comparisonOperator?: string;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  /** Period of the alarm's metric in seconds. */
  periodSeconds?: number;
  /** The alarm's metric, newest datapoints, oldest first; empty when unknown. */
  recentValues: LoadPoint[];
}

/** The alarms of one policy, or why they could not be read. @internal */
export type AlarmsReading =
  | { available: true; alarms: AlarmReading[] }
  | { available: false; reason: string };

/** Reads a policy's alarms; the seam tests replace. @internal */
export interface ScalingAlarmSource {
  /** The named alarms (a ScalingPolicy's `status.alarms`). Never throws. */
  alarmsFor(alarmNames: string[]): Promise<AlarmsReading>;
}

/** Datapoints read per alarm: the low alarm's evaluation window (15 one-minute periods). */
const DEFAULT_RECENT_POINTS = 15;

type Entry = {
  expiresAt: number;
  value: Promise<AlarmsReading>;
  refreshing?: boolean;
};

/**
 * CloudWatch `DescribeAlarms` of a policy's alarms plus `GetMetricData` of their metrics'
 * newest datapoints, cached briefly per alarm set (one set per variant's policy), answered
 * stale while a refresh runs. A failure reads as "alarms unavailable" with the reason,
 * cached for one period, so a broken CloudWatch costs one call per period.
 * @internal
 */
export class CloudWatchAlarmReader implements ScalingAlarmSource {
  readonly #client: Pick<CloudWatchClient, 'send'>;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #windowMs: number;
  readonly #recentPoints: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  readonly #cache = new Map<string, Entry>();

  constructor(options: {
    client: Pick<CloudWatchClient, 'send'>;
    /** How long an answer is reused (default 15 s). */
    ttlMs?: number;
    /** Per request (default 5 s). */
    timeoutMs?: number;
    /** How far before and after now to look for datapoints (default 72 h; see CloudWatchMetricsReader). */
    windowMs?: number;
    recentPoints?: number;
    now?: () => number;
    onError?: (error: unknown) => void;
  }) {
    this.#client = options.client;
    this.#ttlMs = options.ttlMs ?? 15_000;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#windowMs = options.windowMs ?? 72 * 3600_000;
    this.#recentPoints = options.recentPoints ?? DEFAULT_RECENT_POINTS;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => {});
  }

  alarmsFor(alarmNames: string[]): Promise<AlarmsReading> {
    if (alarmNames.length === 0) {
      return Promise.resolve({
        available: false,
        reason: 'the scaling policy names no alarms (status.alarms is empty)',
      });
    }
    const names = [...alarmNames].sort();
    const key = names.join('\n');
    const now = this.#now();
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    if (cached) {
      if (!cached.refreshing) {
        cached.refreshing = true;
        const next = this.#read(names);
        next.then(() =>
          this.#cache.set(key, {
            expiresAt: this.#now() + this.#ttlMs,
            value: next,
          }),
        );
      }
      return cached.value;
    }
    const value = this.#read(names);
    this.#cache.set(key, { expiresAt: now + this.#ttlMs, value });
    this.#evictExpired(now);
    return value;
  }

  /** Never rejects. */
  async #read(names: string[]): Promise<AlarmsReading> {
    try {
      const described = await this.#client.send(
        new DescribeAlarmsCommand({ AlarmNames: names, MaxRecords: 100 }),
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
      const alarms = (described.MetricAlarms ?? []).sort((a, b) =>
        (a.AlarmName ?? '').localeCompare(b.AlarmName ?? ''),
      );
      if (alarms.length === 0) {
        return {
          available: false,
          reason: `CloudWatch knows none of the alarms ${names.join(', ')}`,
        };
      }
      const values = await this.#recentValues(alarms);
      return {
        available: true,
        alarms: alarms.map((a, i) => ({
          alarmName: a.AlarmName ?? '',
          stateValue: a.StateValue ?? 'INSUFFICIENT_DATA',
          stateReason: a.StateReason,
          stateUpdatedAt: a.StateUpdatedTimestamp
            ? new Date(a.StateUpdatedTimestamp).toISOString()
            : undefined,
          threshold: a.Threshold,
          comparisonOperator: a.ComparisonOperator,
          evaluationPeriods: a.EvaluationPeriods,
          datapointsToAlarm: a.DatapointsToAlarm ?? a.EvaluationPeriods,
          periodSeconds: a.Period,
          recentValues: values[i],
        })),
      };
    } catch (error) {
      this.#onError(error);
      return {
        available: false,
        reason: `CloudWatch alarms could not be read: ${describeAwsError(
          error,
        )}`,
      };
    }
  }

  /** One GetMetricData for all alarms' metrics; an alarm on metric math gets no values. */
  async #recentValues(alarms: MetricAlarm[]): Promise<LoadPoint[][]> {
    const queries: MetricDataQuery[] = [];
    alarms.forEach((a, i) => {
      if (!a.MetricName || !a.Namespace) return;
      queries.push({
        Id: `m${i}`,
        MetricStat: {
          Metric: {
            Namespace: a.Namespace,
            MetricName: a.MetricName,
            Dimensions: a.Dimensions,
          },
          Period: a.Period ?? 60,
          Stat: a.Statistic ?? a.ExtendedStatistic ?? 'Average',
        },
      });
    });
    if (queries.length === 0) return alarms.map(() => []);
    const now = this.#now();
    const out = await this.#client.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - this.#windowMs),
        EndTime: new Date(now + this.#windowMs),
        ScanBy: 'TimestampDescending',
        MaxDatapoints: this.#recentPoints * queries.length,
        MetricDataQueries: queries,
      }),
      { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
    );
    return alarms.map((_, i) => {
      const result = out.MetricDataResults?.find(r => r.Id === `m${i}`);
      const timestamps = result?.Timestamps ?? [];
      const values = result?.Values ?? [];
      const points: LoadPoint[] = [];
      for (let j = 0; j < Math.min(timestamps.length, values.length); j++) {
        const time = new Date(timestamps[j]).getTime();
        if (Number.isFinite(time) && Number.isFinite(values[j])) {
          points.push({
            timestamp: new Date(time).toISOString(),
            value: values[j],
          });
        }
      }
      return points
        .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
        .slice(-this.#recentPoints);
    });
  }

  /** Forgets alarm sets nobody asked about for a long time. */
  #evictExpired(now: number) {
    if (this.#cache.size < 10_000) return;
    for (const [key, entry] of this.#cache) {
      if (entry.expiresAt + 30 * this.#ttlMs <= now && !entry.refreshing) {
        this.#cache.delete(key);
      }
    }
  }
}

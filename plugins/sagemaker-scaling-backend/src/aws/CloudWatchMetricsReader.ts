import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { BackgroundRefreshQueue } from './BackgroundRefreshQueue';

/** One per-minute load datapoint of a variant. @internal */
export interface LoadPoint {
  /** ISO time of the start of the minute. */
  timestamp: string;
  /** Invocations per instance during that minute. */
  value: number;
}

/** Reads per-instance load; the seam tests replace. @internal */
export interface VariantLoadSource {
  /**
   * Per-minute `InvocationsPerInstance` of one variant (AWS endpoint name), oldest
   * first; empty when unknown. Never throws: load is optional in the snapshot.
   */
  loadFor(endpointName: string, variantName: string): Promise<LoadPoint[]>;
}

/** The newest minutes kept per variant (one hour: the chart's window). */
const DEFAULT_MAX_POINTS = 60;

type Entry = {
  expiresAt: number;
  value: Promise<LoadPoint[]>;
  /** The value once read, for callers that must not wait (the fleet). */
  settled?: LoadPoint[];
  refreshing?: boolean;
};

/**
 * Per-minute invocations per instance from CloudWatch (`AWS/SageMaker`
 * `InvocationsPerInstance`, Sum over 60 s, by `EndpointName` and `VariantName`), the
 * metric SageMaker target tracking scales on. Fetched on demand per variant, cached
 * briefly, answered stale while a refresh runs; a failure counts as "no load known"
 * for one cache period instead of an error, so a snapshot never waits on a broken
 * CloudWatch more than once per period.
 * @internal
 */
export class CloudWatchMetricsReader implements VariantLoadSource {
  readonly #client: Pick<CloudWatchClient, 'send'>;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #windowMs: number;
  readonly #maxPoints: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  readonly #refreshes: BackgroundRefreshQueue;
  readonly #cache = new Map<string, Entry>();

  constructor(options: {
    client: Pick<CloudWatchClient, 'send'>;
    /** How long an answer is reused (default 30 s). */
    ttlMs?: number;
    /** Per request (default 5 s). */
    timeoutMs?: number;
    /**
     * How far before and after now to look for datapoints (default 72 h). Only the
     * newest `maxPoints` are read, so a wide window costs nothing when data is current;
     * it also covers a sandbox whose simulated clock runs behind or ahead of the wall
     * clock (CloudWatch accepts an EndTime in the future).
     */
    windowMs?: number;
    maxPoints?: number;
    now?: () => number;
    /** Told about failed reads (which otherwise only mean "load unknown"). */
    onError?: (error: unknown) => void;
    /** Background refreshes at once (default 4); more wait, de-duplicated per variant. */
    refreshConcurrency?: number;
  }) {
    this.#refreshes = new BackgroundRefreshQueue({
      concurrency: options.refreshConcurrency,
    });
    this.#client = options.client;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#windowMs = options.windowMs ?? 72 * 3600_000;
    this.#maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => {});
  }

  loadFor(endpointName: string, variantName: string): Promise<LoadPoint[]> {
    const key = `${endpointName}/${variantName}`;
    const now = this.#now();
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    if (cached) {
      // Expired: answer with what we have and refresh in the background (bounded, one
      // per variant).
      if (!cached.refreshing) {
        cached.refreshing = this.#refreshes.request(key, async () => {
          const next = this.#read(endpointName, variantName);
          const settled = await next;
          this.#cache.set(key, {
            expiresAt: this.#now() + this.#ttlMs,
            value: next,
            settled,
          });
        });
      }
      return cached.value;
    }
    const value = this.#read(endpointName, variantName);
    const entry: Entry = { expiresAt: now + this.#ttlMs, value };
    value.then(settled => {
      entry.settled = settled;
    });
    this.#cache.set(key, entry);
    this.#evictExpired(now);
    return value;
  }

  /**
   * What the cache already holds for a variant (even if expired), without reading
   * CloudWatch; undefined on a miss.
   */
  cachedLoadFor(
    endpointName: string,
    variantName: string,
  ): LoadPoint[] | undefined {
    return this.#cache.get(`${endpointName}/${variantName}`)?.settled;
  }

  /** Never rejects: a failure is reported to onError and reads as no data. */
  async #read(endpointName: string, variantName: string): Promise<LoadPoint[]> {
    const now = this.#now();
    try {
      const out = await this.#client.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - this.#windowMs),
          EndTime: new Date(now + this.#windowMs),
          // Newest first, so MaxDatapoints keeps the most recent minutes.
          ScanBy: 'TimestampDescending',
          MaxDatapoints: this.#maxPoints,
          MetricDataQueries: [
            {
              Id: 'load',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/SageMaker',
                  MetricName: 'InvocationsPerInstance',
                  Dimensions: [
                    { Name: 'EndpointName', Value: endpointName },
                    { Name: 'VariantName', Value: variantName },
                  ],
                },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ],
        }),
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
      const result = out.MetricDataResults?.find(r => r.Id === 'load');
      const timestamps = result?.Timestamps ?? [];
      const values = result?.Values ?? [];
      const points: LoadPoint[] = [];
      for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
        const time = new Date(timestamps[i]).getTime();
        if (Number.isFinite(time) && Number.isFinite(values[i])) {
          points.push({
            timestamp: new Date(time).toISOString(),
            value: values[i],
          });
        }
      }
      return points
        .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
        .slice(-this.#maxPoints);
    } catch (error) {
      this.#onError(error);
      return [];
    }
  }

  /** Forgets variants nobody asked about for a long time, so the map cannot grow forever. */
  #evictExpired(now: number) {
    if (this.#cache.size < 10_000) return;
    for (const [key, entry] of this.#cache) {
      if (entry.expiresAt + 30 * this.#ttlMs <= now && !entry.refreshing) {
        this.#cache.delete(key);
      }
    }
  }
}

/**
 * A variant's recorded traffic for the planner: CloudWatch `AWS/SageMaker` `Invocations`
 * (all instances together), Sum per minute, by `EndpointName` and `VariantName`, up to 14
 * days, read page by page and cached briefly (a user tries several settings in a row).
 */
import {
  GetMetricDataCommand,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import { ServiceUnavailableError } from '@backstage/errors';
import type { InvocationDatapoint } from '@mlplatform/plugin-sagemaker-scaling-common';
import { describeAwsError } from '../aws/describeAwsError';

const MINUTE_MS = 60_000;
/** How long a read series is reused. */
const DEFAULT_TTL_MS = 60_000;

/** Reads recorded invocations per minute; see the file comment. @internal */
export class InvocationHistoryReader {
  readonly #client: Pick<CloudWatchClient, 'send'>;
  readonly #ttlMs: number;
  readonly #cache = new Map<
    string,
    { expiresAt: number; value: Promise<InvocationDatapoint[]> }
  >();

  constructor(options: {
    client: Pick<CloudWatchClient, 'send'>;
    ttlMs?: number;
  }) {
    this.#client = options.client;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  /**
   * Invocations per minute of the variant over the last `hours`, oldest first.
   * @throws ServiceUnavailableError naming CloudWatch when it cannot be read.
   */
  invocations(
    endpointName: string,
    variantName: string,
    hours: number,
  ): Promise<InvocationDatapoint[]> {
    const key = `${endpointName}|${variantName}|${hours}`;
    const now = Date.now();
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.#read(endpointName, variantName, hours, now);
    this.#cache.set(key, { expiresAt: now + this.#ttlMs, value });
    value.catch(() => this.#cache.delete(key));
    return value;
  }

  async #read(
    endpointName: string,
    variantName: string,
    hours: number,
    now: number,
  ): Promise<InvocationDatapoint[]> {
    const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const points = new Map<number, number>();
    let nextToken: string | undefined;
    try {
      do {
        const out = await this.#client.send(
          new GetMetricDataCommand({
            StartTime: new Date(end - hours * 3600_000),
            EndTime: new Date(end),
            ScanBy: 'TimestampAscending',
            NextToken: nextToken,
            MetricDataQueries: [
              {
                Id: 'invocations',
                ReturnData: true,
                MetricStat: {
                  Period: 60,
                  Stat: 'Sum',
                  Metric: {
                    Namespace: 'AWS/SageMaker',
                    MetricName: 'Invocations',
                    Dimensions: [
                      { Name: 'EndpointName', Value: endpointName },
                      { Name: 'VariantName', Value: variantName },
                    ],
                  },
                },
              },
            ],
          }),
        );
        for (const result of out.MetricDataResults ?? []) {
          const timestamps = result.Timestamps ?? [];
          const values = result.Values ?? [];
          timestamps.forEach((t, i) => points.set(t.getTime(), values[i]));
        }
        nextToken = out.NextToken;
      } while (nextToken);
    } catch (error) {
      throw new ServiceUnavailableError(
        `CloudWatch Invocations of ${endpointName}/${variantName} could not be read: ${describeAwsError(
          error,
        )}`,
      );
    }
    return [...points.entries()]
      .sort(([a], [b]) => a - b)
      .map(([timestamp, value]) => ({ timestamp, value }));
  }
}

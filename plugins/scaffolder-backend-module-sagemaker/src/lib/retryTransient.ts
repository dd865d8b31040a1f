/**
 * Retries a Kubernetes call while it fails in a way that waiting may fix (5xx, 429,
 * connection refused or reset), with backoff, until a deadline.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  Backoff,
  isTransientClusterError,
  sleep,
  toClusterError,
} from '@mlplatform/plugin-sagemaker-scaling-node';

/**
 * Options of {@link retryTransient}.
 * @internal
 */
export interface RetryTransientOptions {
  /** Configured name of the cluster called, for errors. */
  cluster: string;
  /** What is being done, for log lines and errors ("Applying Model churn-model"). */
  doing: string;
  logger: LoggerService;
  /** Absolute time (ms since epoch) after which the last error is thrown. */
  deadline: number;
  signal?: AbortSignal;
  initialDelayMs?: number;
}

/**
 * Runs `fn`; on a transient error waits and tries again. Cluster errors that waiting does
 * not fix (and the last transient one at the deadline) become `@backstage/errors` errors
 * through `toClusterError`; other errors pass as they are.
 * @internal
 */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  options: RetryTransientOptions,
): Promise<T> {
  const backoff = new Backoff({
    initialMs: options.initialDelayMs ?? 500,
    maxMs: 10_000,
    factor: 1.5,
  });
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      const delay = backoff.nextDelayMs();
      if (
        !isTransientClusterError(error) ||
        Date.now() + delay > options.deadline
      ) {
        throw toClusterError(options.cluster, error, { doing: options.doing });
      }
      options.logger.warn(
        `${new Date().toISOString()} ${
          options.doing
        }: Kubernetes API unavailable (${
          toClusterError(options.cluster, error).message
        }); retrying in ${Math.round(delay / 100) / 10}s`,
      );
      await sleep(delay, options.signal);
    }
  }
}

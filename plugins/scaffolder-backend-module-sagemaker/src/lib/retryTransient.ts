/**
 * Retries a Kubernetes call while it fails in a way that waiting may fix (5xx, 429,
 * connection refused or reset), with backoff, until a deadline.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Backoff, sleep } from './backoff';
import { describeKubeError, toBackstageKubeError } from './kubeErrors';

/**
 * Options of {@link retryTransient}.
 * @internal
 */
export interface RetryTransientOptions {
  /** What is being done, for log lines and errors ("Applying Model churn-model"). */
  doing: string;
  logger: LoggerService;
  /** Absolute time (ms since epoch) after which the last error is thrown. */
  deadline: number;
  signal?: AbortSignal;
  initialDelayMs?: number;
}

/**
 * Runs `fn`; on a transient error waits and tries again. Other errors (and the last
 * transient one at the deadline) become `@backstage/errors` errors naming what was done.
 * @internal
 */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  options: RetryTransientOptions,
): Promise<T> {
  const backoff = new Backoff({
    initialDelayMs: options.initialDelayMs ?? 500,
  });
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      const info = describeKubeError(error);
      const delay = backoff.nextDelayMs();
      const fromApiServer =
        typeof (error as { code?: unknown })?.code === 'number';
      if (!info.transient && !fromApiServer) {
        // Not a Kubernetes client error (e.g. our own ConflictError): pass it on as is.
        throw error;
      }
      if (!info.transient || Date.now() + delay > options.deadline) {
        throw toBackstageKubeError(error, options.doing);
      }
      options.logger.warn(
        `${new Date().toISOString()} ${
          options.doing
        }: Kubernetes API unavailable (${info.message}); retrying in ${
          Math.round(delay / 100) / 10
        }s`,
      );
      await sleep(delay, options.signal);
    }
  }
}

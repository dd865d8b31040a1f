/**
 * Waiting between attempts: growing delays up to a ceiling, and a sleep that an abort
 * signal ends early.
 */

/**
 * Options of {@link Backoff}.
 * @public
 */
export interface BackoffOptions {
  /** First delay in ms. */
  initialMs: number;
  /** Longest delay in ms. */
  maxMs: number;
  /** Growth per attempt (default 2: doubling). */
  factor?: number;
  /**
   * Fraction of each delay that is random (0 to 1, default 0), so many clients that
   * failed together do not retry together.
   */
  jitter?: number;
}

/**
 * Delays growing by `factor` from `initialMs` up to `maxMs`; `reset()` after progress.
 * @public
 */
export class Backoff {
  readonly #options: Required<BackoffOptions>;
  #attempt = 0;

  constructor(options: BackoffOptions) {
    if (!(options.initialMs >= 0) || !(options.maxMs >= options.initialMs)) {
      throw new Error(
        `Invalid backoff: initialMs (${options.initialMs}) must be >= 0 and maxMs (${options.maxMs}) >= initialMs`,
      );
    }
    this.#options = { factor: 2, jitter: 0, ...options };
  }

  /** Number of delays handed out since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }

  /** The delay to wait now; the next one is longer. */
  nextDelayMs(): number {
    const { initialMs, maxMs, factor, jitter } = this.#options;
    const base = Math.min(maxMs, initialMs * factor ** this.#attempt);
    this.#attempt += 1;
    return Math.round(base * (1 - jitter * Math.random()));
  }

  /** Back to the first delay. */
  reset(): void {
    this.#attempt = 0;
  }
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 * @public
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new Error('The task was cancelled');
}

/**
 * Waiting with exponential backoff, bounded by a deadline and an abort signal.
 */

/**
 * How long to wait between attempts.
 * @internal
 */
export interface BackoffOptions {
  /** First delay in ms (default 500). */
  initialDelayMs?: number;
  /** Longest delay in ms (default 10000). */
  maxDelayMs?: number;
}

/**
 * Delays growing by half each step up to a cap (0.5 s, 0.75 s, ... 10 s), so a short
 * hiccup costs little and a long outage does not hammer the API server.
 * @internal
 */
export class Backoff {
  readonly #initial: number;
  readonly #max: number;
  #next: number;

  constructor(options: BackoffOptions = {}) {
    this.#initial = options.initialDelayMs ?? 500;
    this.#max = options.maxDelayMs ?? 10_000;
    this.#next = this.#initial;
  }

  /** The delay to use now; the following one grows. */
  nextDelayMs(): number {
    const delay = this.#next;
    this.#next = Math.min(this.#max, Math.ceil(this.#next * 1.5));
    return delay;
  }

  /** Back to the first delay (after progress). */
  reset(): void {
    this.#next = this.#initial;
  }
}

/**
 * Resolves after `ms`, or rejects as soon as the signal aborts.
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new Error('The task was cancelled');
}

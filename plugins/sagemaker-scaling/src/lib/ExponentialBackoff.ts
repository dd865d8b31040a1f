/**
 * A delay that doubles on each failure up to a ceiling and returns to its start on
 * success; the frontend's one backoff (polling and stream retries use it).
 * @internal
 */
export class ExponentialBackoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #currentMs: number;

  constructor(initialMs: number, maxMs: number) {
    this.#initialMs = initialMs;
    this.#maxMs = Math.max(initialMs, maxMs);
    this.#currentMs = initialMs;
  }

  /** The delay to wait now. */
  get delayMs(): number {
    return this.#currentMs;
  }

  /** After a failure: the next delay doubles (up to the ceiling). Returns the delay before it doubled. */
  fail(): number {
    const delay = this.#currentMs;
    this.#currentMs = Math.min(this.#currentMs * 2, this.#maxMs);
    return delay;
  }

  /** After a success: back to the initial delay. */
  reset(): void {
    this.#currentMs = this.#initialMs;
  }
}

/**
 * Runs the background refreshes of a reader's short cache: one per key at a time (a key
 * already waiting or running is not added again), at most `concurrency` at once and at
 * most `maxWaiting` waiting. A refresh that does not fit is refused; the reader keeps
 * serving its last value and asks again on a later read. So a burst of reads across a
 * large fleet costs AWS a bounded number of requests at a time instead of one per read.
 * @internal
 */
export class BackgroundRefreshQueue {
  readonly #concurrency: number;
  readonly #maxWaiting: number;
  readonly #waiting = new Map<string, () => Promise<unknown>>();
  readonly #running = new Set<string>();

  constructor(options?: { concurrency?: number; maxWaiting?: number }) {
    this.#concurrency = options?.concurrency ?? 4;
    this.#maxWaiting = options?.maxWaiting ?? 1_000;
  }

  /** Waiting and running refreshes. */
  get size(): number {
    return this.#waiting.size + this.#running.size;
  }

  /**
   * Queues `refresh` under `key`; false when it is refused (the queue is full). True
   * when it, or an earlier refresh of the same key, will run.
   */
  request(key: string, refresh: () => Promise<unknown>): boolean {
    if (this.#running.has(key) || this.#waiting.has(key)) return true;
    if (this.#waiting.size >= this.#maxWaiting) return false;
    this.#waiting.set(key, refresh);
    this.#pump();
    return true;
  }

  #pump() {
    while (this.#running.size < this.#concurrency && this.#waiting.size) {
      const [key, refresh] = this.#waiting.entries().next().value!;
      this.#waiting.delete(key);
      this.#running.add(key);
      // A refresh handles its own failure; a throw here must not stop the queue.
      refresh()
        .catch(() => {})
        .finally(() => {
          this.#running.delete(key);
          this.#pump();
        });
    }
  }
}

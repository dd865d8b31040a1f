/**
 * Simulated time. It runs at `timeScale` simulated seconds per real second and can be
 * moved forward on demand, so tests are deterministic and demos are quick.
 */

/** @public */
export interface SimClockOptions {
  /** Simulated seconds per real second; 0 freezes time (only `advance` moves it). */
  timeScale: number;
  /** Start of simulated time (ms since epoch); default: real now. */
  startMs?: number;
  /** Real clock, replaceable in tests. */
  realNow?: () => number;
}

/**
 * The sandbox's clock: `now()` is simulated milliseconds since epoch.
 * @public
 */
export class SimClock {
  readonly timeScale: number;
  readonly #realNow: () => number;
  readonly #realStart: number;
  readonly #simStart: number;
  #advancedMs = 0;

  constructor(options: SimClockOptions) {
    if (!(options.timeScale >= 0) || !Number.isFinite(options.timeScale)) {
      throw new Error(
        `timeScale must be a finite number >= 0, got ${options.timeScale}`,
      );
    }
    this.timeScale = options.timeScale;
    this.#realNow = options.realNow ?? Date.now;
    this.#realStart = this.#realNow();
    this.#simStart = options.startMs ?? this.#realStart;
  }

  /** Simulated time in ms since epoch. */
  now(): number {
    const realElapsed = this.#realNow() - this.#realStart;
    return Math.floor(
      this.#simStart + realElapsed * this.timeScale + this.#advancedMs,
    );
  }

  /** Simulated time as an ISO string (second precision, like Kubernetes). */
  isoNow(): string {
    return toKubeTime(this.now());
  }

  /** Moves simulated time forward by `simMs`. */
  advanceBy(simMs: number): void {
    if (!(simMs >= 0)) {
      throw new Error(`cannot move the clock backwards (${simMs} ms)`);
    }
    this.#advancedMs += simMs;
  }

  /** Real milliseconds it takes for `simMs` to pass; Infinity when time is frozen. */
  realDelayFor(simMs: number): number {
    return this.timeScale === 0 ? Infinity : simMs / this.timeScale;
  }
}

/** Kubernetes writes times as RFC 3339 with second precision. @internal */
export function toKubeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

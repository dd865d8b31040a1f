/**
 * The sandbox's clock. Every time the sandbox stamps (creation and deletion timestamps,
 * managedFields, conditions, scaling activities, metric datapoints) comes from here.
 * - `wall` (the default): the real time, so what the UI shows as "just now" just
 *   happened. A quick demo compresses the simulated durations instead (see
 *   `SandboxClusterOptions.speedUp`); it never shifts or speeds up this clock.
 * - `manual` (for tests): starts at the real time and moves only through `advanceBy`,
 *   so tests are deterministic and need no real waits.
 */

/** @public */
export type SimClockMode = 'wall' | 'manual';

/** @public */
export interface SimClockOptions {
  /** Default `wall`. */
  mode?: SimClockMode;
  /** manual only: the time it starts at (ms since epoch; default the real now). */
  startMs?: number;
  /** Real clock, replaceable in tests. */
  realNow?: () => number;
}

/**
 * The sandbox's clock: `now()` is ms since epoch.
 * @public
 */
export class SimClock {
  readonly mode: SimClockMode;
  readonly #realNow: () => number;
  #manualNow: number;

  constructor(options: SimClockOptions = {}) {
    this.mode = options.mode ?? 'wall';
    if (this.mode !== 'wall' && this.mode !== 'manual') {
      throw new Error(`clock must be 'wall' or 'manual', got ${this.mode}`);
    }
    if (this.mode === 'wall' && options.startMs !== undefined) {
      throw new Error('a wall clock cannot start at another time');
    }
    this.#realNow = options.realNow ?? Date.now;
    this.#manualNow = options.startMs ?? this.#realNow();
  }

  /** The time in ms since epoch. */
  now(): number {
    return this.mode === 'wall' ? this.#realNow() : this.#manualNow;
  }

  /** The time as an ISO string (second precision, like Kubernetes). */
  isoNow(): string {
    return toKubeTime(this.now());
  }

  /** manual only: moves the clock forward by `ms`. */
  advanceBy(ms: number): void {
    if (this.mode === 'wall') {
      throw new Error(
        'the sandbox runs on the wall clock, which cannot be advanced; start it with clock: manual',
      );
    }
    if (!(ms >= 0)) {
      throw new Error(`cannot move the clock backwards (${ms} ms)`);
    }
    this.#manualNow += ms;
  }
}

/** Kubernetes writes times as RFC 3339 with second precision. @internal */
export function toKubeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * Failure injection shared by the sandbox's API servers.
 */

/** Which API a fault applies to. @public */
export type FaultTarget = 'kube' | 'aas' | 'all';

/** Current fault settings. @public */
export interface FaultState {
  latencyMs: number;
  errorRate: number;
  errorStatus: number;
  latencyTarget: FaultTarget;
  errorTarget: FaultTarget;
  down: boolean;
}

/** What the servers ask before answering. @internal */
export interface FaultDecision {
  delayMs: number;
  /** When set, answer with this HTTP status instead of handling the request. */
  failWith?: number;
}

/**
 * Holds the fault settings; the sandbox wires goDown/comeUp/dropWatches to its servers.
 * @public
 */
export class FaultInjector {
  #latencyMs = 0;
  #errorRate = 0;
  #errorStatus = 500;
  #latencyTarget: FaultTarget = 'all';
  #errorTarget: FaultTarget = 'all';
  #down = false;
  readonly #random: () => number;

  constructor(
    private readonly actions: {
      dropWatches: () => number;
      goDown: () => Promise<void>;
      comeUp: () => Promise<void>;
    },
    random: () => number = Math.random,
  ) {
    this.#random = random;
  }

  /** Adds `ms` of latency to every request (0 turns it off). */
  setLatency(ms: number, target: FaultTarget = 'all'): void {
    if (!(ms >= 0)) throw new Error(`latency must be >= 0 ms, got ${ms}`);
    this.#latencyMs = ms;
    this.#latencyTarget = target;
  }

  /** Fails this fraction of requests (0..1) with `status` (default 500). */
  setErrorRate(rate: number, status = 500, target: FaultTarget = 'all'): void {
    if (!(rate >= 0 && rate <= 1)) {
      throw new Error(`error rate must be between 0 and 1, got ${rate}`);
    }
    if (!(Number.isInteger(status) && status >= 400 && status <= 599)) {
      throw new Error(
        `error status must be an HTTP error code 400-599, got ${status}`,
      );
    }
    this.#errorRate = rate;
    this.#errorStatus = status;
    this.#errorTarget = target;
  }

  /** Ends every open watch; returns how many were dropped. */
  dropWatches(): number {
    return this.actions.dropWatches();
  }

  /** Closes the Kubernetes and AAS listeners: connections are refused until comeUp(). */
  async goDown(): Promise<void> {
    this.#down = true;
    await this.actions.goDown();
  }

  /** Listens again on the same ports. */
  async comeUp(): Promise<void> {
    await this.actions.comeUp();
    this.#down = false;
  }

  /** Clears latency and error rate. */
  reset(): void {
    this.#latencyMs = 0;
    this.#errorRate = 0;
    this.#errorStatus = 500;
    this.#latencyTarget = 'all';
    this.#errorTarget = 'all';
  }

  state(): FaultState {
    return {
      latencyMs: this.#latencyMs,
      errorRate: this.#errorRate,
      errorStatus: this.#errorStatus,
      latencyTarget: this.#latencyTarget,
      errorTarget: this.#errorTarget,
      down: this.#down,
    };
  }

  /** @internal */
  decide(api: 'kube' | 'aas'): FaultDecision {
    const applies = (t: FaultTarget) => t === 'all' || t === api;
    const failWith =
      applies(this.#errorTarget) &&
      this.#errorRate > 0 &&
      this.#random() < this.#errorRate
        ? this.#errorStatus
        : undefined;
    return {
      delayMs: applies(this.#latencyTarget) ? this.#latencyMs : 0,
      failWith,
    };
  }
}

/**
 * When the simulation runs: a timer tick, a step soon after a store change, and
 * `advance()`'s steps of simulated time. Each step moves SageMaker and target tracking
 * to the clock's now, then reconciles the ACK objects that need it.
 */
import { AckControllers } from './ack/AckControllers';
import type { SageMakerService } from './aws/SageMakerService';
import type { StoreEvent } from './kube/ObjectStore';
import type { ScalingSimulator } from './simulation/ScalingSimulator';
import type { SimClock } from './SimClock';

/** What {@link SimulationScheduler} steps. @internal */
export interface SimulationSchedulerOptions {
  clock: SimClock;
  sagemaker: SageMakerService;
  scaling: ScalingSimulator;
  controllers: AckControllers;
  /** Called when a step changed simulated AWS state (the state file then saves it). */
  onStateChanged: () => void;
  log: (line: string) => void;
}

/** @internal */
export class SimulationScheduler {
  readonly #dirty = new Set<string>();
  #fullPass = true;
  #timer?: NodeJS.Timeout;
  #scheduled = false;
  #stepping = false;
  #lastFullPassAt = 0;
  #stopped = false;

  constructor(private readonly options: SimulationSchedulerOptions) {}

  /** Steps now and then every `tickIntervalMs` real ms. */
  start(tickIntervalMs: number): void {
    this.#step();
    this.#timer = setInterval(() => this.#step(), tickIntervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Marks the object of a store event for reconciling and steps soon. */
  objectChanged(event: StoreEvent): void {
    const kind = event.object.kind;
    if (!AckControllers.KINDS.includes(kind)) return;
    this.#dirty.add(
      AckControllers.keyOf(
        kind,
        event.object.metadata.namespace,
        event.object.metadata.name,
      ),
    );
    if (kind === 'ScalableTarget' || kind === 'ScalingPolicy') {
      // AAS changes can affect the endpoint's update rules and the other AAS kind.
      this.#fullPass = true;
    }
    this.#scheduleStep();
  }

  /** Reconciles everything soon (after a write through the AWS API). */
  requestFullPass(): void {
    this.#fullPass = true;
    this.#scheduleStep();
  }

  /** Reconciles everything now. */
  runFullPass(): void {
    this.#fullPass = true;
    this.#step();
  }

  /**
   * Moves simulated time forward by `simMs` in steps of at most 10 simulated seconds,
   * running a full pass after each.
   */
  advance(simMs: number): void {
    const { clock } = this.options;
    if (clock.mode !== 'manual') {
      // The clock itself says why; checked first so nothing half-happens.
      clock.advanceBy(simMs);
    }
    let left = simMs;
    while (left > 0) {
      const step = Math.min(left, 10_000);
      clock.advanceBy(step);
      this.runFullPass();
      left -= step;
    }
    this.runFullPass();
  }

  /** Ends every Creating phase now (seeded objects start InService). */
  finishCreating(): void {
    const now = this.options.clock.now();
    for (const endpoint of this.options.sagemaker.endpoints.values()) {
      if (endpoint.status === 'Creating') endpoint.transitionAt = now;
    }
    this.runFullPass();
  }

  #scheduleStep() {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#stopped) this.#step();
    });
  }

  #step() {
    if (this.#stepping) return;
    this.#stepping = true;
    const { clock, sagemaker, scaling, controllers } = this.options;
    try {
      const now = clock.now();
      const endpointsChanged = sagemaker.tick(now).length > 0;
      const scalingChanged = scaling.tick(now);
      if (endpointsChanged || scalingChanged || scaling.sampled()) {
        this.options.onStateChanged();
      }
      // A periodic full pass stands in for ACK's requeue after every reconcile.
      const periodic = Date.now() - this.#lastFullPassAt > 5_000;
      if (this.#fullPass || periodic) {
        this.#fullPass = false;
        this.#dirty.clear();
        this.#lastFullPassAt = Date.now();
        controllers.reconcileAll();
      } else if (endpointsChanged || scalingChanged) {
        controllers.reconcileAll([
          'Endpoint',
          'ScalableTarget',
          'ScalingPolicy',
        ]);
      }
      // Writes made while reconciling mark objects dirty again; settle them now.
      for (let i = 0; i < 5 && this.#dirty.size > 0; i++) {
        const keys = [...this.#dirty];
        this.#dirty.clear();
        this.#fullPass = false;
        controllers.reconcileKeys(keys);
      }
      controllers.reconcileKeys([]);
    } catch (e) {
      this.options.log(
        `simulation step failed: ${(e as Error)?.stack ?? String(e)}`,
      );
    } finally {
      this.#stepping = false;
    }
  }
}

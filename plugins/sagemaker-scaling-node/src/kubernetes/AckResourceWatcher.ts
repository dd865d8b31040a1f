import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ackKindInfo,
  type AckKind,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AckClusterApi, AckWatch, AckWatchEvent } from './AckClusterApi';
import { Backoff, type BackoffOptions } from './backoff';
import { isClusterGone, toClusterError } from './toClusterError';

/**
 * What an {@link AckResourceWatcher} reports about itself.
 * @public
 */
export interface AckResourceWatcherState {
  /** True once the first list succeeded. */
  synced: boolean;
  /** True while a watch stream is open and current. */
  connected: boolean;
  /** Last successful list. */
  lastSyncAt?: Date;
  /**
   * Last moment the data was known to be current: a successful list, a watch event
   * (bookmarks included) or a normal end of the watch by the server.
   */
  currentAt?: Date;
  /** Why the data is not current, if it is not (an error of `toClusterError`). */
  problem?: Error;
  /** True when the last attempt to list failed: the cluster cannot be read at all. */
  listFailed: boolean;
  /** Number of lists done so far (re-lists included). */
  listCount: number;
}

/**
 * Receives the objects of one kind as the cluster changes them.
 * @public
 */
export interface AckResourceWatcherSink<T extends AnyAckResource> {
  /** The full set after a (re-)list. */
  replaceAll(items: T[]): void;
  upsert(object: T): void;
  remove(object: T): void;
  /** The state changed in a way worth announcing (not on every event). */
  stateChanged?(state: AckResourceWatcherState): void;
}

/**
 * Options of {@link AckResourceWatcher}.
 * @public
 */
export interface AckResourceWatcherOptions<T extends AnyAckResource> {
  /** Configured name of the cluster, for errors. */
  cluster: string;
  kind: AckKind;
  /** Undefined: all namespaces. */
  namespace?: string;
  labelSelector?: string;
  /**
   * The cluster's API; called before the first list and again after every failure, so
   * a rotated token or a kubeconfig written later is picked up.
   */
  connect: () => Promise<AckClusterApi>;
  sink: AckResourceWatcherSink<T>;
  /** Delays before re-listing after failures (doubling). */
  backoff: BackoffOptions;
  /**
   * A watch with no event and no bookmark for longer than this is restarted (re-listed):
   * a hung API server or a stuck connection would otherwise keep the data old without
   * anything failing. Keep it above the API server's bookmark interval. Default: never.
   */
  restartIfSilentForMs?: number;
  /**
   * Items per list request (Kubernetes list chunking, default 500), so a list of
   * thousands of objects is never one answer held whole.
   */
  listPageSize?: number;
  /**
   * What to hold of each listed or changed object, e.g. without `managedFields`; applied
   * as each page arrives, before the sink sees it. Default: the object as it came.
   */
  trim?: (object: T) => T;
  /** Warnings on failures, when given. */
  logger?: LoggerService;
  now?: () => Date;
}

/** client-go's reflector pages lists by 500 too. */
const DEFAULT_LIST_PAGE_SIZE = 500;

/**
 * One list + watch of one ACK kind (in one namespace or all), kept running: watch events
 * go to the sink; 410 Gone re-lists at once; a failed list or watch re-lists after a
 * backoff; a normal end of the stream by the server resumes the watch from the last
 * resourceVersion without a list.
 * @public
 */
export class AckResourceWatcher<T extends AnyAckResource = AnyAckResource> {
  readonly kind: AckKind;
  readonly namespace?: string;
  readonly #options: AckResourceWatcherOptions<T>;
  readonly #backoff: Backoff;
  readonly #now: () => Date;
  #state: AckResourceWatcherState = {
    synced: false,
    connected: false,
    listCount: 0,
    listFailed: false,
  };
  #api?: AckClusterApi;
  #watch?: AckWatch;
  #timer?: NodeJS.Timeout;
  #silenceCheck?: NodeJS.Timeout;
  #stopped = true;
  /** Counts starts and stops, so an abandoned list does not go on to watch. */
  #generation = 0;
  #resourceVersion = '';
  readonly #firstSync: Promise<void>;
  #resolveFirstSync!: () => void;

  constructor(options: AckResourceWatcherOptions<T>) {
    this.kind = options.kind;
    this.namespace = options.namespace;
    this.#options = options;
    this.#backoff = new Backoff(options.backoff);
    this.#now = options.now ?? (() => new Date());
    this.#firstSync = new Promise(resolve => {
      this.#resolveFirstSync = resolve;
    });
  }

  get state(): AckResourceWatcherState {
    return this.#state;
  }

  /** Resolves after the first successful list. */
  firstSync(): Promise<void> {
    return this.#firstSync;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#generation += 1;
    const silentMs = this.#options.restartIfSilentForMs;
    if (silentMs !== undefined) {
      // Silence comes with time, not with an event: look often enough to notice it
      // within a second (or a quarter of a short bound).
      const every = Math.max(50, Math.min(1000, silentMs / 4));
      this.#silenceCheck = setInterval(() => this.#restartIfSilent(), every);
      this.#silenceCheck.unref?.();
    }
    void this.#list(this.#generation);
  }

  stop(): void {
    this.#stopped = true;
    this.#generation += 1;
    clearTimeout(this.#timer);
    clearInterval(this.#silenceCheck);
    this.#watch?.stop();
    this.#watch = undefined;
  }

  get #where(): string {
    const plural = ackKindInfo(this.kind).plural;
    return `${plural} in ${
      this.namespace ? `namespace ${this.namespace}` : 'all namespaces'
    } of cluster '${this.#options.cluster}'`;
  }

  async #list(generation: number): Promise<void> {
    const current = () => !this.#stopped && generation === this.#generation;
    if (!current()) return;
    try {
      if (!this.#api) this.#api = await this.#options.connect();
      const list = await this.#listPages(current);
      if (!list) return;
      this.#resourceVersion = list.resourceVersion;
      this.#options.sink.replaceAll(list.items);
      this.#backoff.reset();
      const at = this.#now();
      this.#setState({
        synced: true,
        connected: true,
        lastSyncAt: at,
        currentAt: at,
        problem: undefined,
        listFailed: false,
        listCount: this.#state.listCount + 1,
      });
      this.#resolveFirstSync();
      this.#startWatch(generation);
    } catch (error) {
      if (!current()) return;
      this.#fail(`listing ${this.#where}`, error, { listFailed: true });
    }
  }

  /**
   * Every page of the list, each item trimmed as its page arrives; undefined when the
   * watcher was stopped or restarted meanwhile. All pages belong to the first page's
   * resourceVersion (the server answers 410 Gone when that is too old to continue).
   */
  async #listPages(
    current: () => boolean,
  ): Promise<{ items: T[]; resourceVersion: string } | undefined> {
    const trim = this.#options.trim ?? ((object: T) => object);
    const items: T[] = [];
    let resourceVersion = '';
    let continueToken: string | undefined;
    do {
      const page = await this.#api!.list<T>(this.kind, {
        namespace: this.namespace,
        labelSelector: this.#options.labelSelector,
        limit: this.#options.listPageSize ?? DEFAULT_LIST_PAGE_SIZE,
        continueToken,
      });
      if (!current()) return undefined;
      for (const item of page.items) items.push(trim(item));
      resourceVersion = page.resourceVersion;
      continueToken = page.continueToken;
    } while (continueToken);
    return { items, resourceVersion };
  }

  #startWatch(generation: number): void {
    if (this.#stopped || generation !== this.#generation || !this.#api) return;
    const openedAt = Date.now();
    this.#watch = this.#api.watch(
      this.kind,
      {
        namespace: this.namespace,
        labelSelector: this.#options.labelSelector,
        resourceVersion: this.#resourceVersion,
      },
      {
        onEvent: event => this.#onEvent(event),
        onClose: error => {
          this.#watch = undefined;
          if (this.#stopped || generation !== this.#generation) return;
          if (error) {
            this.#fail(`the watch of ${this.#where}`, error, {
              immediate: isClusterGone(error),
            });
            return;
          }
          // The server ended the stream itself, so it had sent everything until now;
          // resume from where we are (a 410 answer re-lists). Pause a moment if the
          // server keeps closing at once.
          this.#sawCurrent();
          const pause = Date.now() - openedAt < 1000 ? 1000 : 0;
          this.#timer = setTimeout(() => this.#startWatch(generation), pause);
        },
      },
    );
  }

  #onEvent(event: AckWatchEvent): void {
    const object = event.object as T | undefined;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.#sawCurrent();
        this.#track(object);
        if (object)
          this.#options.sink.upsert(this.#options.trim?.(object) ?? object);
        break;
      case 'DELETED':
        this.#sawCurrent();
        this.#track(object);
        if (object) this.#options.sink.remove(object);
        break;
      case 'BOOKMARK':
        this.#sawCurrent();
        this.#track(object);
        break;
      case 'ERROR': {
        // 410 Gone (resourceVersion too old) re-lists at once; other errors after a backoff.
        this.#watch?.stop();
        this.#watch = undefined;
        const status = event.object as { code?: number; message?: string };
        this.#fail(
          `the watch of ${this.#where}`,
          { code: status?.code ?? 500, body: status },
          { immediate: status?.code === 410 },
        );
        break;
      }
      default:
        break;
    }
  }

  #restartIfSilent(): void {
    const silentMs = this.#options.restartIfSilentForMs;
    if (this.#stopped || !this.#watch || silentMs === undefined) return;
    const since = this.#state.currentAt?.getTime() ?? 0;
    const silentFor = this.#now().getTime() - since;
    if (silentFor <= silentMs) return;
    this.#watch.stop();
    this.#watch = undefined;
    this.#fail(
      `the watch of ${this.#where}`,
      new Error(
        `Cluster '${
          this.#options.cluster
        }' sent no watch event or bookmark for ${Math.round(
          silentFor / 1000,
        )} s`,
      ),
    );
  }

  /** Proof that the data is current now; quiet, as it happens on every event and bookmark. */
  #sawCurrent(): void {
    this.#state = { ...this.#state, currentAt: this.#now() };
  }

  #track(object: AnyAckResource | undefined): void {
    const rv = object?.metadata?.resourceVersion;
    if (rv) this.#resourceVersion = rv;
  }

  /** Marks the data not current and re-lists after a backoff (at once for 410 Gone). */
  #fail(
    what: string,
    error: unknown,
    options: { immediate?: boolean; listFailed?: boolean } = {},
  ): void {
    const problem = toClusterError(this.#options.cluster, error);
    const delay = options.immediate ? 0 : this.#backoff.nextDelayMs();
    if (!options.immediate) {
      // Connect again: the failure may be the credentials.
      this.#api = undefined;
      this.#options.logger?.warn(
        `${what} failed: ${problem.message}; listing again in ${
          Math.round(delay / 100) / 10
        } s`,
      );
    }
    this.#setState({
      ...this.#state,
      connected: false,
      problem,
      listFailed: options.listFailed ?? false,
    });
    clearTimeout(this.#timer);
    const generation = this.#generation;
    this.#timer = setTimeout(() => void this.#list(generation), delay);
  }

  #setState(state: AckResourceWatcherState): void {
    this.#state = state;
    this.#options.sink.stateChanged?.(state);
  }
}

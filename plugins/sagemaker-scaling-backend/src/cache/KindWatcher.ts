import type {
  AckKind,
  AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  AckKubernetesApi,
  KubernetesWatch,
} from '../kubernetes/AckKubernetesApi';
import { KubernetesRequestError } from '../kubernetes/KubernetesRequestError';

/** Delays between failed attempts: doubling from `initialMs` up to `maxMs`. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** What a watcher reports about itself. */
export interface KindWatcherState {
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
  /** Why the data is not current, if it is not. */
  problem?: KubernetesRequestError;
  /** True when the last attempt to list failed: the cluster cannot be read at all. */
  listFailed: boolean;
  /** Number of lists done so far (re-lists included). */
  listCount: number;
}

/** Receives the objects of one kind as the cluster changes them. */
export interface KindWatcherSink {
  /** The full set after a (re-)list. */
  replaceAll(
    kind: AckKind,
    namespace: string | undefined,
    items: AnyAckResource[],
  ): void;
  upsert(object: AnyAckResource): void;
  remove(object: AnyAckResource): void;
  stateChanged(): void;
}

/**
 * One list + watch of one ACK kind (in one namespace or all), kept running: watch events
 * update the sink; a dropped watch or 410 Gone leads to a re-list with backoff.
 * @internal
 */
export class KindWatcher {
  readonly kind: AckKind;
  readonly namespace?: string;
  readonly #api: AckKubernetesApi;
  readonly #sink: KindWatcherSink;
  readonly #backoff: BackoffOptions;
  readonly #now: () => Date;
  #state: KindWatcherState = {
    synced: false,
    connected: false,
    listCount: 0,
    listFailed: false,
  };
  #watch?: KubernetesWatch;
  #timer?: NodeJS.Timeout;
  #stopped = true;
  #failures = 0;
  #resourceVersion = '';
  #firstSync: Promise<void>;
  #resolveFirstSync!: () => void;

  constructor(options: {
    kind: AckKind;
    namespace?: string;
    api: AckKubernetesApi;
    sink: KindWatcherSink;
    backoff: BackoffOptions;
    now?: () => Date;
  }) {
    this.kind = options.kind;
    this.namespace = options.namespace;
    this.#api = options.api;
    this.#sink = options.sink;
    this.#backoff = options.backoff;
    this.#now = options.now ?? (() => new Date());
    this.#firstSync = new Promise(resolve => {
      this.#resolveFirstSync = resolve;
    });
  }

  get state(): KindWatcherState {
    return this.#state;
  }

  /** Resolves after the first successful list. */
  firstSync(): Promise<void> {
    return this.#firstSync;
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#list();
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#watch?.stop();
    this.#watch = undefined;
  }

  async #list() {
    if (this.#stopped) return;
    try {
      const list = await this.#api.list(this.kind, this.namespace);
      if (this.#stopped) return;
      this.#resourceVersion = list.resourceVersion;
      this.#sink.replaceAll(this.kind, this.namespace, list.items);
      this.#failures = 0;
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
      this.#startWatch();
    } catch (e) {
      if (this.#stopped) return;
      this.#fail(asRequestError(e), false, true);
    }
  }

  #startWatch() {
    if (this.#stopped) return;
    const openedAt = Date.now();
    this.#watch = this.#api.watch(
      this.kind,
      this.namespace,
      this.#resourceVersion,
      {
        onEvent: event => {
          if (event.type !== 'ERROR') this.#sawCurrent();
          switch (event.type) {
            case 'ADDED':
            case 'MODIFIED':
              this.#track(event.object);
              this.#sink.upsert(event.object);
              break;
            case 'DELETED':
              this.#track(event.object);
              this.#sink.remove(event.object);
              break;
            case 'BOOKMARK':
              this.#track(event.object);
              break;
            case 'ERROR':
              // 410 Gone (resourceVersion too old) and any other error: start over.
              this.#watch?.stop();
              this.#watch = undefined;
              this.#fail(
                new KubernetesRequestError({
                  kind: event.object?.code === 410 ? 'gone' : 'server-error',
                  statusCode: event.object?.code,
                  message: `watch error: ${event.object?.message ?? 'unknown'}`,
                }),
                event.object?.code === 410,
              );
              break;
            default:
              break;
          }
        },
        onClose: error => {
          this.#watch = undefined;
          if (this.#stopped) return;
          if (!error) {
            // The server ended the stream itself, so it had sent everything until now.
            this.#sawCurrent();
            // A normal server-side close: resume from where we are, no re-list needed
            // (a 410 answer re-lists). Pause a moment if the server keeps closing at once.
            const pause = Date.now() - openedAt < 1000 ? 1000 : 0;
            this.#timer = setTimeout(() => this.#startWatch(), pause);
            return;
          }
          this.#fail(error);
        },
      },
    );
  }

  /**
   * Restarts (re-lists) a watch that has shown no sign of life (no event, no bookmark)
   * for longer than `silentMs`: a hung API server or a watch request stuck in a slow
   * one would otherwise keep the data old without anything failing. Called periodically
   * by the cache; a watcher already between attempts or listing is left alone.
   */
  restartIfSilent(silentMs: number) {
    if (this.#stopped || !this.#watch) return;
    const since = this.#state.currentAt?.getTime() ?? 0;
    const silentFor = this.#now().getTime() - since;
    if (silentFor <= silentMs) return;
    this.#watch.stop();
    this.#watch = undefined;
    this.#fail(
      new KubernetesRequestError({
        kind: 'timeout',
        message: `no watch event or bookmark for ${Math.round(
          silentFor / 1000,
        )} s`,
      }),
    );
  }

  /** Proof that the data is current now; quiet, as it happens on every event and bookmark. */
  #sawCurrent() {
    this.#state = { ...this.#state, currentAt: this.#now() };
  }

  #track(object: AnyAckResource | undefined) {
    const rv = object?.metadata?.resourceVersion;
    if (rv) this.#resourceVersion = rv;
  }

  /** Marks the data stale and re-lists after a backoff (at once for 410 Gone). */
  #fail(
    problem: KubernetesRequestError,
    immediate = false,
    listFailed = false,
  ) {
    this.#failures += 1;
    this.#setState({ ...this.#state, connected: false, problem, listFailed });
    const delay = immediate
      ? 0
      : Math.min(
          this.#backoff.maxMs,
          this.#backoff.initialMs * 2 ** Math.max(0, this.#failures - 1),
        );
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#list(), delay);
  }

  #setState(state: KindWatcherState) {
    this.#state = state;
    this.#sink.stateChanged();
  }
}

function asRequestError(e: unknown): KubernetesRequestError {
  if (e instanceof KubernetesRequestError) return e;
  return new KubernetesRequestError({
    kind: 'server-error',
    message: e instanceof Error ? e.message : String(e),
  });
}

/**
 * List + watch of the labelled ACK Endpoints in one namespace (or all) of one cluster,
 * with `@kubernetes/client-node`. Every (re-)list hands over the full set; watch events
 * hand over single changes. Whenever a watch ends (410 Gone, a dropped connection, the
 * server's timeout, silence) it lists again, after a backoff when something failed.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CustomObjectsApi,
  Watch,
  type KubeConfig,
} from '@kubernetes/client-node';
import {
  ackKindInfo,
  type Endpoint,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** Asked of the server; it closes the watch after this and we list again. */
const WATCH_TIMEOUT_SECONDS = 300;
/** No event (bookmarks included) for this long means a dead connection. */
const WATCH_SILENCE_MS = (WATCH_TIMEOUT_SECONDS + 60) * 1000;

/** Delays between failed attempts: doubling from `initialMs` up to `maxMs`. @internal */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** What the watcher reports. @internal */
export interface EndpointWatcherHandlers {
  /** The complete set of matching Endpoints after a (re-)list. */
  onList(endpoints: Endpoint[]): void;
  onUpsert(endpoint: Endpoint): void;
  onDelete(endpoint: Endpoint): void;
}

/** Options of {@link EndpointWatcher}. @internal */
export interface EndpointWatcherOptions {
  /**
   * Access to the cluster; built again after a failure, so a rotated token or a rewritten
   * kubeconfig file is picked up.
   */
  kubeConfig: () => Promise<KubeConfig>;
  /** Undefined: all namespaces. */
  namespace?: string;
  labelSelector: string;
  handlers: EndpointWatcherHandlers;
  logger: LoggerService;
  backoff: BackoffOptions;
}

/** @internal */
export class EndpointWatcher {
  readonly #options: EndpointWatcherOptions;
  readonly #path: string;
  #client?: { api: CustomObjectsApi; watch: Watch };
  #stopped = true;
  #failures = 0;
  /** Counts watch attempts, so callbacks of an abandoned one are ignored. */
  #generation = 0;
  #abort?: AbortController;
  #timer?: NodeJS.Timeout;
  #silence?: NodeJS.Timeout;

  constructor(options: EndpointWatcherOptions) {
    this.#options = options;
    const info = ackKindInfo('Endpoint');
    this.#path = `/apis/${info.group}/${info.version}${
      options.namespace
        ? `/namespaces/${encodeURIComponent(options.namespace)}`
        : ''
    }/${info.plural}`;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#list();
  }

  stop(): void {
    this.#stopped = true;
    this.#generation += 1;
    clearTimeout(this.#timer);
    clearTimeout(this.#silence);
    this.#abort?.abort();
    this.#abort = undefined;
  }

  get #where(): string {
    return this.#options.namespace
      ? `namespace ${this.#options.namespace}`
      : 'all namespaces';
  }

  async #list(): Promise<void> {
    if (this.#stopped) return;
    const info = ackKindInfo('Endpoint');
    let list: { items?: Endpoint[]; metadata?: { resourceVersion?: string } };
    try {
      if (!this.#client || this.#failures > 0) {
        const kubeConfig = await this.#options.kubeConfig();
        this.#client = {
          api: kubeConfig.makeApiClient(CustomObjectsApi),
          watch: new Watch(kubeConfig),
        };
      }
      const { api } = this.#client;
      const request = {
        group: info.group,
        version: info.version,
        plural: info.plural,
        labelSelector: this.#options.labelSelector,
      };
      list = this.#options.namespace
        ? await api.listNamespacedCustomObject({
            ...request,
            namespace: this.#options.namespace,
          })
        : await api.listClusterCustomObject(request);
    } catch (error) {
      this.#retry(`listing Endpoints in ${this.#where} failed`, error);
      return;
    }
    if (this.#stopped) return;
    this.#failures = 0;
    this.#options.handlers.onList(list.items ?? []);
    await this.#startWatch(list.metadata?.resourceVersion ?? '');
  }

  async #startWatch(resourceVersion: string): Promise<void> {
    if (this.#stopped) return;
    const generation = ++this.#generation;
    const current = () => generation === this.#generation && !this.#stopped;
    const openedAt = Date.now();
    const armSilence = () => {
      clearTimeout(this.#silence);
      this.#silence = setTimeout(() => {
        if (!current()) return;
        this.#generation += 1;
        this.#abort?.abort();
        this.#retry(
          `the watch of Endpoints in ${this.#where} went silent`,
          undefined,
        );
      }, WATCH_SILENCE_MS);
    };
    armSilence();
    try {
      this.#abort = await this.#client!.watch.watch(
        this.#path,
        {
          labelSelector: this.#options.labelSelector,
          resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: WATCH_TIMEOUT_SECONDS,
        },
        (type: string, object: any) => {
          if (!current()) return;
          armSilence();
          switch (type) {
            case 'ADDED':
            case 'MODIFIED':
              this.#options.handlers.onUpsert(object as Endpoint);
              break;
            case 'DELETED':
              this.#options.handlers.onDelete(object as Endpoint);
              break;
            case 'ERROR': {
              // 410 Gone: our resourceVersion is too old; list again at once
              this.#generation += 1;
              this.#abort?.abort();
              clearTimeout(this.#silence);
              if (object?.code === 410) {
                this.#options.logger.debug(
                  `Endpoint watch in ${
                    this.#where
                  } expired (410 Gone); listing again`,
                );
                void this.#list();
              } else {
                this.#retry(
                  `the watch of Endpoints in ${this.#where} failed: ${
                    object?.message ?? 'unknown error'
                  }`,
                  undefined,
                );
              }
              break;
            }
            default:
              // BOOKMARK: only keeps the silence timer from firing
              break;
          }
        },
        (error: unknown) => {
          if (!current()) return;
          this.#generation += 1;
          clearTimeout(this.#silence);
          if (error) {
            this.#retry(
              `the watch of Endpoints in ${this.#where} dropped`,
              error,
            );
          } else if (Date.now() - openedAt < 1000) {
            // a server that closes at once must not make us list in a tight loop
            this.#retry(
              `the watch of Endpoints in ${this.#where} closed at once`,
              undefined,
            );
          } else {
            void this.#list();
          }
        },
      );
    } catch (error) {
      if (!current()) return;
      this.#generation += 1;
      clearTimeout(this.#silence);
      this.#retry(`watching Endpoints in ${this.#where} failed`, error);
    }
  }

  /** Lists again after the next backoff delay. */
  #retry(what: string, error: unknown): void {
    if (this.#stopped) return;
    this.#failures += 1;
    const { initialMs, maxMs } = this.#options.backoff;
    const delay = Math.min(maxMs, initialMs * 2 ** (this.#failures - 1));
    const reason = error instanceof Error ? `: ${error.message}` : '';
    this.#options.logger.warn(
      `${what}${reason}; listing again in ${Math.round(delay / 100) / 10} s`,
    );
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#list(), delay);
  }
}

/**
 * The catalog entity provider of one cluster: ML services from its ACK Endpoints that
 * carry the entity-provider label. Watch-driven: a full mutation after every (re-)list,
 * deltas from watch events.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  CATALOG_LABEL_ENTITY_PROVIDER,
  LABEL_CATALOG,
  type Endpoint,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  AckClusterClient,
  AckResourceWatcher,
  type BackoffOptions,
  type SageMakerClusterConfig,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import { endpointToEntity } from './endpointToEntity';

/** Label selector of the Endpoints this provider ingests. */
const LABEL_SELECTOR = `${LABEL_CATALOG}=${CATALOG_LABEL_ENTITY_PROVIDER}`;
const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 60_000 };
/**
 * A watch without an event or bookmark for this long is re-listed: API servers send a
 * bookmark about once a minute, so this is a dead connection.
 */
const WATCH_SILENCE_MS = 3 * 60_000;

/**
 * Options of {@link SageMakerEndpointEntityProvider}.
 * @public
 */
export interface SageMakerEndpointEntityProviderOptions {
  /** The cluster, as `readSageMakerClusterConfigs` reads it. */
  cluster: SageMakerClusterConfig;
  /**
   * Builds the cluster's KubeConfig, e.g. with `createKubeConfigForCluster`; called again
   * after failures, so rotated credentials are picked up.
   */
  kubeConfig: () => Promise<KubeConfig>;
  logger: LoggerService;
  /** Delays between failed attempts (default 1 s doubling up to 60 s). */
  backoff?: { initialMs: number; maxMs: number };
}

interface Tracked {
  entity?: Entity;
  /** Last warnings logged for this Endpoint, so status updates do not repeat them. */
  warnings: string;
}

/**
 * Emits one Component per labelled ACK Endpoint of a cluster
 * (`sagemaker-scaling.backstage.io/catalog: entity-provider`). Its provider name and the
 * entities' location key are `sagemaker-endpoints:<cluster>`.
 * @public
 */
export class SageMakerEndpointEntityProvider implements EntityProvider {
  readonly #options: SageMakerEndpointEntityProviderOptions;
  readonly #logger: LoggerService;
  readonly #name: string;
  readonly #backoff: BackoffOptions;
  /** Endpoints by `namespace/name`. */
  readonly #endpoints = new Map<string, Tracked>();
  /** Namespaces (or '' for all) whose first list arrived. */
  readonly #listed = new Set<string>();
  /** What the catalog has from us: entity ref to JSON. */
  #emitted = new Map<string, string>();
  #fullDone = false;
  #connection?: EntityProviderConnection;
  #watchers: AckResourceWatcher<Endpoint>[] = [];
  #stopped = false;
  /** Mutations go out one at a time, in order. */
  #queue: Promise<void> = Promise.resolve();
  #conflicts = new Set<string>();

  constructor(options: SageMakerEndpointEntityProviderOptions) {
    this.#options = options;
    this.#name = `sagemaker-endpoints:${options.cluster.name}`;
    this.#logger = options.logger.child({ provider: this.#name });
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  getProviderName(): string {
    return this.#name;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    // the catalog waits for connect(): reaching the cluster happens in the background
    void this.#start();
  }

  /** Stops every watch (backend shutdown). */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const watcher of this.#watchers) watcher.stop();
    this.#watchers = [];
    await this.#queue;
  }

  async #start(): Promise<void> {
    if (this.#stopped) return;
    const namespaces = this.#options.cluster.namespaces.length
      ? this.#options.cluster.namespaces
      : [undefined];
    this.#watchers = namespaces.map(
      namespace =>
        new AckResourceWatcher<Endpoint>({
          cluster: this.#options.cluster.name,
          kind: 'Endpoint',
          namespace,
          labelSelector: LABEL_SELECTOR,
          connect: async () =>
            AckClusterClient.fromKubeConfig(
              this.#options.cluster.name,
              await this.#options.kubeConfig(),
            ),
          logger: this.#logger,
          backoff: this.#backoff,
          restartIfSilentForMs: WATCH_SILENCE_MS,
          sink: {
            replaceAll: endpoints => this.#onList(namespace ?? '', endpoints),
            upsert: endpoint => this.#onChange(endpoint, true),
            remove: endpoint => this.#onChange(endpoint, false),
          },
        }),
    );
    for (const watcher of this.#watchers) watcher.start();
  }

  #onList(namespace: string, endpoints: Endpoint[]) {
    for (const key of [...this.#endpoints.keys()]) {
      if (namespace === '' || key.startsWith(`${namespace}/`)) {
        this.#endpoints.delete(key);
      }
    }
    for (const endpoint of endpoints) this.#track(endpoint);
    this.#listed.add(namespace);
    const expected = this.#options.cluster.namespaces.length || 1;
    // until every namespace has listed, a full mutation would drop the others' services
    if (this.#listed.size < expected) return;
    this.#fullDone = true;
    this.#enqueue(() => this.#applyFull());
  }

  #onChange(endpoint: Endpoint, present: boolean) {
    const key = keyOf(endpoint);
    if (present) {
      this.#track(endpoint);
    } else {
      this.#endpoints.delete(key);
    }
    if (this.#fullDone) this.#enqueue(() => this.#applyDelta());
  }

  #track(endpoint: Endpoint) {
    const key = keyOf(endpoint);
    const previous = this.#endpoints.get(key);
    let result: ReturnType<typeof endpointToEntity>;
    try {
      result = endpointToEntity(endpoint, this.#options.cluster.name);
    } catch (error) {
      // an object of a shape we did not foresee must not stop the provider
      result = {
        warnings: [
          `Endpoint ${key} on cluster ${this.#options.cluster.name}: ${
            (error as Error).message
          }; not catalogued`,
        ],
      };
    }
    const { entity, warnings } = result;
    const text = warnings.join('\n');
    if (text && text !== previous?.warnings) {
      for (const warning of warnings) this.#logger.warn(warning);
    }
    this.#endpoints.set(key, { entity, warnings: text });
  }

  /** Entity ref to entity, one per service name; the first Endpoint (by key) wins. */
  #desired(): Map<string, Entity> {
    const desired = new Map<string, Entity>();
    const owners = new Map<string, string>();
    for (const key of [...this.#endpoints.keys()].sort()) {
      const { entity } = this.#endpoints.get(key)!;
      if (!entity) continue;
      const ref = stringifyEntityRef(entity);
      const first = owners.get(ref);
      if (first) {
        const conflict = `${ref} ${key}`;
        if (!this.#conflicts.has(conflict)) {
          this.#conflicts.add(conflict);
          this.#logger.warn(
            `Endpoint ${key} on cluster ${
              this.#options.cluster.name
            } names the service ${ref}, which Endpoint ${first} already provides; ignored`,
          );
        }
        continue;
      }
      owners.set(ref, key);
      desired.set(ref, entity);
    }
    return desired;
  }

  #deferred(entity: Entity): DeferredEntity {
    return { entity, locationKey: this.#name };
  }

  async #applyFull() {
    const desired = this.#desired();
    await this.#connection!.applyMutation({
      type: 'full',
      entities: [...desired.values()].map(e => this.#deferred(e)),
    });
    this.#emitted = new Map(
      [...desired].map(([ref, entity]) => [ref, JSON.stringify(entity)]),
    );
    this.#logger.info(
      `Catalogued ${desired.size} ML service(s) from cluster ${
        this.#options.cluster.name
      }`,
    );
  }

  async #applyDelta() {
    const desired = this.#desired();
    const added: DeferredEntity[] = [];
    const removed: { entityRef: string; locationKey: string }[] = [];
    for (const [ref, entity] of desired) {
      if (this.#emitted.get(ref) !== JSON.stringify(entity)) {
        added.push(this.#deferred(entity));
      }
    }
    for (const ref of this.#emitted.keys()) {
      if (!desired.has(ref)) {
        removed.push({ entityRef: ref, locationKey: this.#name });
      }
    }
    // status-only changes of an Endpoint change nothing in its entity
    if (added.length === 0 && removed.length === 0) return;
    await this.#connection!.applyMutation({ type: 'delta', added, removed });
    for (const { entity } of added) {
      this.#emitted.set(stringifyEntityRef(entity), JSON.stringify(entity));
    }
    for (const { entityRef } of removed) this.#emitted.delete(entityRef);
    this.#logger.debug(
      `Applied ${added.length} added or changed and ${removed.length} removed ML service(s)`,
    );
  }

  #enqueue(mutation: () => Promise<void>) {
    this.#queue = this.#queue.then(async () => {
      if (this.#stopped || !this.#connection) return;
      try {
        await mutation();
      } catch (error) {
        // the catalog's database may be briefly unavailable: send everything again later
        this.#logger.error(
          `Updating the catalog failed: ${
            (error as Error).message
          }; sending the full set again in ${this.#backoff.initialMs} ms`,
        );
        setTimeout(
          () => this.#enqueue(() => this.#applyFull()),
          this.#backoff.initialMs,
        );
      }
    });
  }
}

function keyOf(endpoint: Endpoint): string {
  // objects from the cluster are not type-checked: no metadata must not throw here
  return `${endpoint.metadata?.namespace ?? 'default'}/${
    endpoint.metadata?.name
  }`;
}

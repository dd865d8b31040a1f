import { EventEmitter } from 'node:events';
import {
  ACK_KINDS,
  parseVariantResourceId,
  type AckKind,
  type AnyAckResource,
  type Endpoint,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  AckResourceWatcher,
  type AckClusterApi,
  type AckResourceWatcherSink,
  type BackoffOptions,
} from '@mlplatform/plugin-sagemaker-scaling-node';

/** A change of one object in the cache. */
export interface ResourceChange {
  cluster: string;
  kind: AckKind;
  namespace: string;
  name: string;
}

/** How current the cached data of a cluster is. */
export interface ClusterFreshness {
  /** Every watch has listed at least once. */
  synced: boolean;
  /**
   * Every watch is connected and each has shown within the staleness bound that it is
   * current (an event, a bookmark, a list).
   */
  current: boolean;
  /**
   * The last moment the whole cache was known to be current: the oldest of the watches'
   * last event, bookmark or successful list. Undefined until every watch has listed.
   */
  observedAt?: Date;
  /** Why the data is not current (an error of `toClusterError`, naming the cluster). */
  problem?: Error;
  /** The watch the problem is about, e.g. `endpoints`. */
  problemWatch?: string;
  /** A list failed: the cluster cannot be read now (unreachable, forbidden, too slow). */
  unreachable: boolean;
}

type Store = Map<string, AnyAckResource>;

/**
 * Default staleness bound. Real API servers send a bookmark on every watch about once a
 * minute (and before they close it); the sandbox every 10 s. 90 s leaves a quiet kind
 * on a real cluster room for one late bookmark without flapping to stale.
 * @internal
 */
export const DEFAULT_STALE_AFTER_MS = 90_000;

/**
 * Default re-list backoff: the ceiling of 5 s lets the cache resume within a few
 * seconds of the API server answering again.
 * @internal
 */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 5000 };

function key(namespace: string | undefined, name: string) {
  return `${namespace ?? ''}/${name}`;
}

/**
 * The five ACK kinds of one cluster, held in memory and kept current by one list+watch
 * per kind (per configured namespace). Requests read from here, never from the cluster.
 * Emits `change` ({@link ResourceChange}) and `state`.
 * @internal
 */
export class ClusterResourceCache extends EventEmitter {
  readonly cluster: string;
  readonly #watchers: AckResourceWatcher[] = [];
  readonly #stores = new Map<AckKind, Store>();
  /** ScalableTargets and ScalingPolicies by `<namespace>/<endpoint name in resourceID>`. */
  readonly #byEndpoint = new Map<
    'ScalableTarget' | 'ScalingPolicy',
    Map<string, Store>
  >();
  readonly #staleAfterMs: number;
  #checkTimer?: NodeJS.Timeout;
  /** `current` as last announced with a `state` event, to announce a change by time. */
  #announcedCurrent = false;
  /**
   * Newest `managedFields[].time` per object: when the cluster last wrote it, on the
   * cluster's clock (managedFields themselves are dropped to save memory).
   */
  readonly #writtenAt = new Map<string, Date>();
  readonly #now: () => Date;

  constructor(options: {
    cluster: string;
    api: AckClusterApi;
    namespaces: string[];
    backoff?: BackoffOptions;
    /**
     * How long the data may go without proof of being current (event, bookmark, list)
     * before it is stale and the silent watch is re-listed (default 90 s). Keep it above
     * the API server's bookmark interval.
     */
    staleAfterMs?: number;
    now?: () => Date;
  }) {
    super();
    this.setMaxListeners(0);
    this.cluster = options.cluster;
    this.#now = options.now ?? (() => new Date());
    this.#staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    for (const info of ACK_KINDS) {
      this.#stores.set(info.kind, new Map());
    }
    this.#byEndpoint.set('ScalableTarget', new Map());
    this.#byEndpoint.set('ScalingPolicy', new Map());
    const namespaces = options.namespaces.length
      ? options.namespaces
      : [undefined];
    for (const info of ACK_KINDS) {
      for (const namespace of namespaces) {
        const sink: AckResourceWatcherSink<AnyAckResource> = {
          replaceAll: items => this.#replaceAll(info.kind, namespace, items),
          upsert: object => this.#upsert(object),
          remove: object => this.#remove(object),
          stateChanged: () => this.#stateChanged(),
        };
        this.#watchers.push(
          new AckResourceWatcher({
            cluster: options.cluster,
            kind: info.kind,
            namespace,
            connect: async () => options.api,
            sink,
            backoff: options.backoff ?? DEFAULT_BACKOFF,
            restartIfSilentForMs: this.#staleAfterMs,
            now: this.#now,
          }),
        );
      }
    }
  }

  start() {
    this.#watchers.forEach(w => w.start());
    if (!this.#checkTimer) {
      // Staleness comes with time, not with an event: look often enough to notice it
      // within a second (or a quarter of a short bound).
      const every = Math.max(50, Math.min(1000, this.#staleAfterMs / 4));
      this.#checkTimer = setInterval(() => this.#checkCurrency(), every);
      this.#checkTimer.unref?.();
    }
  }

  stop() {
    clearInterval(this.#checkTimer);
    this.#checkTimer = undefined;
    this.#watchers.forEach(w => w.stop());
  }

  /** Resolves when every watch has listed once, or after `timeoutMs`; true when synced. */
  async waitForSync(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(resolve => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const synced = Promise.all(this.#watchers.map(w => w.firstSync())).then(
      () => true,
    );
    try {
      return await Promise.race([synced, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Number of list calls made so far (initial lists and re-lists). */
  get listCount(): number {
    return this.#watchers.reduce((n, w) => n + w.state.listCount, 0);
  }

  freshness(): ClusterFreshness {
    const states = this.#watchers.map(w => w.state);
    const synced = states.every(s => s.synced);
    const observedAt = synced
      ? new Date(Math.min(...states.map(s => s.currentAt?.getTime() ?? 0)))
      : undefined;
    const silentFor = observedAt
      ? this.#now().getTime() - observedAt.getTime()
      : Infinity;
    const current =
      synced &&
      states.every(s => s.connected) &&
      silentFor <= this.#staleAfterMs;
    const broken =
      this.#watchers.find(w => w.state.listFailed) ??
      this.#watchers.find(w => w.state.problem && !w.state.connected);
    return {
      synced,
      current,
      observedAt,
      problem: broken?.state.problem,
      unreachable: states.some(s => s.listFailed),
      problemWatch: broken
        ? `${ACK_KINDS.find(k => k.kind === broken.kind)!.plural}${
            broken.namespace ? ` in namespace ${broken.namespace}` : ''
          }`
        : undefined,
    };
  }

  getEndpoint(namespace: string, name: string): Endpoint | undefined {
    return this.#get('Endpoint', namespace, name) as Endpoint | undefined;
  }

  /** Finds an object of a kind by its metadata.name. */
  get(
    kind: AckKind,
    namespace: string,
    name: string,
  ): AnyAckResource | undefined {
    return this.#get(kind, namespace, name);
  }

  /** Every object of a kind, in every watched namespace. */
  listAll(kind: AckKind): AnyAckResource[] {
    return [...this.#stores.get(kind)!.values()];
  }

  /** Every object of a kind in a namespace. */
  list(kind: AckKind, namespace: string): AnyAckResource[] {
    const prefix = `${namespace}/`;
    return [...this.#stores.get(kind)!.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => v);
  }

  /** ScalableTargets whose resourceID names this SageMaker endpoint (by AWS name). */
  scalableTargetsFor(
    namespace: string,
    endpointName: string,
  ): ScalableTarget[] {
    return this.#indexed(
      'ScalableTarget',
      namespace,
      endpointName,
    ) as ScalableTarget[];
  }

  /** ScalingPolicies whose resourceID names this SageMaker endpoint (by AWS name). */
  scalingPoliciesFor(namespace: string, endpointName: string): ScalingPolicy[] {
    return this.#indexed(
      'ScalingPolicy',
      namespace,
      endpointName,
    ) as ScalingPolicy[];
  }

  /** What the by-endpoint index of `kind` files under this endpoint. */
  #indexed(
    kind: 'ScalableTarget' | 'ScalingPolicy',
    namespace: string,
    endpointName: string,
  ): AnyAckResource[] {
    return [
      ...(this.#byEndpoint
        .get(kind)!
        .get(key(namespace, endpointName))
        ?.values() ?? []),
    ];
  }

  /** Total objects held, for metrics and benchmarks. */
  get size(): number {
    let n = 0;
    this.#stores.forEach(s => (n += s.size));
    return n;
  }

  #get(kind: AckKind, namespace: string, name: string) {
    return this.#stores.get(kind)!.get(key(namespace, name));
  }

  #replaceAll(
    kind: AckKind,
    namespace: string | undefined,
    items: AnyAckResource[],
  ) {
    const store = this.#stores.get(kind)!;
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(key(item.metadata.namespace, item.metadata.name));
      this.#upsert({ ...item, kind } as AnyAckResource);
    }
    for (const [k, object] of [...store.entries()]) {
      const inScope =
        namespace === undefined || object.metadata.namespace === namespace;
      if (inScope && !seen.has(k)) {
        this.#remove(object);
      }
    }
  }

  /** When the cluster last wrote an object, by its own clock; undefined when unknown. */
  lastWrittenAt(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Date | undefined {
    return this.#writtenAt.get(`${kind}/${key(namespace, name)}`);
  }

  #upsert(object: AnyAckResource) {
    const writtenAt = newestManagedFieldsTime(object);
    const writtenKey = `${object.kind}/${key(
      object.metadata.namespace,
      object.metadata.name,
    )}`;
    if (writtenAt) this.#writtenAt.set(writtenKey, writtenAt);
    const stripped = stripManagedFields(object);
    const store = this.#stores.get(object.kind);
    if (!store) return;
    const k = key(stripped.metadata.namespace, stripped.metadata.name);
    const previous = store.get(k);
    if (
      previous?.metadata.resourceVersion ===
        stripped.metadata.resourceVersion &&
      previous
    ) {
      return;
    }
    if (previous) this.#unindex(previous);
    store.set(k, stripped);
    this.#index(stripped);
    this.#emitChange(stripped);
  }

  #remove(object: AnyAckResource) {
    const store = this.#stores.get(object.kind);
    if (!store) return;
    const k = key(object.metadata.namespace, object.metadata.name);
    const previous = store.get(k);
    if (!previous) return;
    store.delete(k);
    this.#writtenAt.delete(`${object.kind}/${k}`);
    this.#unindex(previous);
    this.#emitChange(previous);
  }

  /**
   * Where the by-endpoint index files a ScalableTarget or ScalingPolicy: the index of its
   * kind and the key of the endpoint its resourceID names. Undefined for other kinds and
   * for a resourceID that names no variant.
   */
  #indexSlot(object: AnyAckResource) {
    if (object.kind !== 'ScalableTarget' && object.kind !== 'ScalingPolicy')
      return undefined;
    const parsed = parseVariantResourceId(object.spec.resourceID ?? '');
    if (!parsed) return undefined;
    return {
      index: this.#byEndpoint.get(object.kind)!,
      k: key(object.metadata.namespace, parsed.endpointName),
    };
  }

  #index(object: AnyAckResource) {
    const slot = this.#indexSlot(object);
    if (!slot) return;
    const { index, k } = slot;
    let bucket = index.get(k);
    if (!bucket) {
      bucket = new Map();
      index.set(k, bucket);
    }
    bucket.set(object.metadata.name, object);
  }

  #unindex(object: AnyAckResource) {
    const slot = this.#indexSlot(object);
    if (!slot) return;
    const { index, k } = slot;
    const bucket = index.get(k);
    bucket?.delete(object.metadata.name);
    if (bucket && bucket.size === 0) index.delete(k);
  }

  #emitChange(object: AnyAckResource) {
    const change: ResourceChange = {
      cluster: this.cluster,
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
    };
    this.emit('change', change);
  }

  #stateChanged() {
    const freshness = this.freshness();
    this.#announcedCurrent = freshness.current;
    this.emit('state', freshness);
  }

  /** Announces data that went stale by time alone (the watchers re-list silent watches). */
  #checkCurrency() {
    if (this.freshness().current !== this.#announcedCurrent) {
      this.#stateChanged();
    }
  }
}

function newestManagedFieldsTime(object: AnyAckResource): Date | undefined {
  let newest: number | undefined;
  for (const entry of (object.metadata?.managedFields ?? []) as {
    time?: string;
  }[]) {
    const t = entry.time ? Date.parse(entry.time) : NaN;
    if (Number.isFinite(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest === undefined ? undefined : new Date(newest);
}

/** managedFields are large and of no use to readers: drop them to save memory. */
function stripManagedFields(object: AnyAckResource): AnyAckResource {
  if (!object.metadata?.managedFields) return object;
  const { managedFields: _ignored, ...metadata } = object.metadata;
  return { ...object, metadata } as AnyAckResource;
}

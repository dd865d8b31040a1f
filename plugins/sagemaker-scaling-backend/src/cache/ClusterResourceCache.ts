import { EventEmitter } from 'node:events';
import {
  ACK_KINDS,
  parseVariantResourceId,
  type AckKind,
  type AnyAckResource,
  type Endpoint,
  type EndpointConfig,
  type Model,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  AckResourceWatcher,
  type AckClusterApi,
  type AckResourceWatcherSink,
  type BackoffOptions,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import { StringPool } from './StringPool';
import { lastWriteTimeOf, trimCachedObject } from './trimCachedObject';

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

/** Objects by name. */
type Bucket = Map<string, AnyAckResource>;
/** One kind's objects by namespace, then name: a namespace's objects without a scan. */
type Store = Map<string, Bucket>;

/** The kinds that carry an AWS-side name of their own, which others refer to them by. */
type AwsNamedKind = 'Endpoint' | 'EndpointConfig' | 'Model';

const AWS_NAME_OF: Record<AwsNamedKind, (o: AnyAckResource) => string> = {
  Endpoint: o => (o as Endpoint).spec?.endpointName,
  EndpointConfig: o => (o as EndpointConfig).spec?.endpointConfigName,
  Model: o => (o as Model).spec?.modelName,
};

function isAwsNamed(kind: AckKind): kind is AwsNamedKind {
  return kind in AWS_NAME_OF;
}

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

const NO_OBJECTS: readonly AnyAckResource[] = Object.freeze([]);

/** Adds to the bucket of `k` in an index of buckets. */
function addTo(index: Map<string, Bucket>, k: string, object: AnyAckResource) {
  let bucket = index.get(k);
  if (!bucket) {
    bucket = new Map();
    index.set(k, bucket);
  }
  bucket.set(object.metadata.name, object);
}

/** Removes from the bucket of `k`, and the bucket once empty. */
function removeFrom(index: Map<string, Bucket>, k: string, name: string) {
  const bucket = index.get(k);
  bucket?.delete(name);
  if (bucket && bucket.size === 0) index.delete(k);
}

/**
 * The five ACK kinds of one cluster, held in memory and kept current by one list+watch
 * per kind (per configured namespace). Requests read from here, never from the cluster.
 * Every lookup a request makes is by key (namespace, name, AWS name, endpoint), so its
 * cost does not grow with the number of objects; objects are held trimmed
 * ({@link trimCachedObject}). Emits `change` ({@link ResourceChange}) and `state`.
 * @internal
 */
export class ClusterResourceCache extends EventEmitter {
  readonly cluster: string;
  readonly #watchers: AckResourceWatcher[] = [];
  readonly #stores = new Map<AckKind, Store>();
  /** ScalableTargets and ScalingPolicies by `<namespace>/<endpoint name in resourceID>`. */
  readonly #byEndpoint = new Map<
    'ScalableTarget' | 'ScalingPolicy',
    Map<string, Bucket>
  >();
  /**
   * Endpoints, EndpointConfigs and Models whose AWS-side name differs from their
   * metadata.name, by `<namespace>/<AWS name>` (the others are found by name).
   */
  readonly #renamed = new Map<AwsNamedKind, Map<string, Bucket>>();
  /**
   * The by-endpoint buckets as frozen arrays, made on first read and dropped when their
   * bucket changes: readers get the same array while nothing changed (the fleet compares
   * them by identity) and no copy per read.
   */
  readonly #byEndpointLists = new Map<
    'ScalableTarget' | 'ScalingPolicy',
    Map<string, Map<string, readonly AnyAckResource[]>>
  >([
    ['ScalableTarget', new Map()],
    ['ScalingPolicy', new Map()],
  ]);
  readonly #staleAfterMs: number;
  #checkTimer?: NodeJS.Timeout;
  /** `current` as last announced with a `state` event, to announce a change by time. */
  #announcedCurrent = false;
  /**
   * Newest `managedFields[].time` per object (ms): when the cluster last wrote it, on the
   * cluster's clock (managedFields themselves are dropped to save memory).
   */
  readonly #writtenAt = new Map<string, number>();
  /** Shared copies of the strings many cached objects repeat. */
  readonly #strings = new StringPool();
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
    for (const kind of Object.keys(AWS_NAME_OF) as AwsNamedKind[]) {
      this.#renamed.set(kind, new Map());
    }
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
            trim: object => this.#trim(info.kind, object),
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
    return [...this.#stores.get(kind)!.values()].flatMap(b => [...b.values()]);
  }

  /** Every object of a kind in a namespace. */
  list(kind: AckKind, namespace: string): AnyAckResource[] {
    return [...(this.#stores.get(kind)!.get(namespace)?.values() ?? [])];
  }

  /**
   * The object of a kind whose AWS-side name (`spec.endpointName`,
   * `spec.endpointConfigName`, `spec.modelName`) is `awsName`, whatever its
   * metadata.name.
   */
  withAwsName<K extends AwsNamedKind>(
    kind: K,
    namespace: string,
    awsName: string,
  ): Extract<AnyAckResource, { kind: K }> | undefined {
    const named = this.#get(kind, namespace, awsName);
    const found =
      named && AWS_NAME_OF[kind](named) === awsName
        ? named
        : this.#renamed.get(kind)!.get(key(namespace, awsName))?.values().next()
            .value;
    return found as Extract<AnyAckResource, { kind: K }> | undefined;
  }

  /** ScalableTargets whose resourceID names this SageMaker endpoint (by AWS name). */
  scalableTargetsFor(
    namespace: string,
    endpointName: string,
  ): readonly ScalableTarget[] {
    return this.#indexed(
      'ScalableTarget',
      namespace,
      endpointName,
    ) as readonly ScalableTarget[];
  }

  /** ScalingPolicies whose resourceID names this SageMaker endpoint (by AWS name). */
  scalingPoliciesFor(
    namespace: string,
    endpointName: string,
  ): readonly ScalingPolicy[] {
    return this.#indexed(
      'ScalingPolicy',
      namespace,
      endpointName,
    ) as readonly ScalingPolicy[];
  }

  /** What the by-endpoint index of `kind` files under this endpoint; the same array until it changes. */
  #indexed(
    kind: 'ScalableTarget' | 'ScalingPolicy',
    namespace: string,
    endpointName: string,
  ): readonly AnyAckResource[] {
    // Nested maps, not a joined key: no string is built per read.
    const lists = this.#byEndpointLists.get(kind)!;
    let inNamespace = lists.get(namespace);
    let list = inNamespace?.get(endpointName);
    if (!list) {
      const bucket = this.#byEndpoint
        .get(kind)!
        .get(key(namespace, endpointName));
      list = bucket ? Object.freeze([...bucket.values()]) : NO_OBJECTS;
      if (!inNamespace) {
        inNamespace = new Map();
        lists.set(namespace, inNamespace);
      }
      inNamespace.set(endpointName, list);
    }
    return list;
  }

  /** Total objects held, for metrics and benchmarks. */
  get size(): number {
    let n = 0;
    this.#stores.forEach(s => s.forEach(b => (n += b.size)));
    return n;
  }

  #get(kind: AckKind, namespace: string, name: string) {
    return this.#stores.get(kind)!.get(namespace)?.get(name);
  }

  /** What is held of an object as it arrives (see trimCachedObject); notes when it was written. */
  #trim(kind: AckKind, object: AnyAckResource): AnyAckResource {
    const writtenAt = lastWriteTimeOf(object);
    if (writtenAt !== undefined) {
      this.#writtenAt.set(
        `${kind}/${key(object.metadata.namespace, object.metadata.name)}`,
        writtenAt,
      );
    }
    // Lists leave kind off their items; the client sets it, this makes sure.
    return trimCachedObject(
      { ...object, kind } as AnyAckResource,
      this.#strings,
    );
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
      this.#upsert(item);
    }
    const buckets =
      namespace === undefined ? [...store.values()] : [store.get(namespace)];
    for (const bucket of buckets) {
      for (const object of [...(bucket?.values() ?? [])]) {
        if (!seen.has(key(object.metadata.namespace, object.metadata.name))) {
          this.#remove(object);
        }
      }
    }
  }

  /** When the cluster last wrote an object, by its own clock; undefined when unknown. */
  lastWrittenAt(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Date | undefined {
    const ms = this.#writtenAt.get(`${kind}/${key(namespace, name)}`);
    return ms === undefined ? undefined : new Date(ms);
  }

  /** Holds an object as the watcher trimmed it. */
  #upsert(object: AnyAckResource) {
    const store = this.#stores.get(object.kind);
    if (!store) return;
    const namespace = object.metadata.namespace ?? '';
    const previous = store.get(namespace)?.get(object.metadata.name);
    if (
      previous &&
      previous.metadata.resourceVersion === object.metadata.resourceVersion
    ) {
      return;
    }
    if (previous) this.#unindex(previous);
    addTo(store, namespace, object);
    this.#index(object);
    this.#emitChange(object);
  }

  #remove(object: AnyAckResource) {
    const store = this.#stores.get(object.kind);
    if (!store) return;
    const namespace = object.metadata.namespace ?? '';
    const previous = store.get(namespace)?.get(object.metadata.name);
    if (!previous) return;
    removeFrom(store, namespace, object.metadata.name);
    this.#writtenAt.delete(
      `${object.kind}/${key(namespace, object.metadata.name)}`,
    );
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
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      endpointName: parsed.endpointName,
      index: this.#byEndpoint.get(object.kind)!,
      k: key(object.metadata.namespace, parsed.endpointName),
    };
  }

  /** Where the AWS-name index files an object: only one whose AWS name is not its name. */
  #renamedSlot(object: AnyAckResource) {
    if (!isAwsNamed(object.kind)) return undefined;
    const awsName = AWS_NAME_OF[object.kind](object);
    if (!awsName || awsName === object.metadata.name) return undefined;
    return {
      index: this.#renamed.get(object.kind)!,
      k: key(object.metadata.namespace, awsName),
    };
  }

  #index(object: AnyAckResource) {
    this.#dropList(object);
    for (const slot of [this.#indexSlot(object), this.#renamedSlot(object)]) {
      if (slot) addTo(slot.index, slot.k, object);
    }
  }

  #unindex(object: AnyAckResource) {
    this.#dropList(object);
    for (const slot of [this.#indexSlot(object), this.#renamedSlot(object)]) {
      if (slot) removeFrom(slot.index, slot.k, object.metadata.name);
    }
  }

  /** Forgets the frozen by-endpoint array the object is in, so the next read sees the change. */
  #dropList(object: AnyAckResource) {
    const slot = this.#indexSlot(object);
    if (!slot) return;
    const lists = this.#byEndpointLists.get(slot.kind)!;
    const inNamespace = lists.get(slot.namespace);
    inNamespace?.delete(slot.endpointName);
    if (inNamespace?.size === 0) lists.delete(slot.namespace);
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

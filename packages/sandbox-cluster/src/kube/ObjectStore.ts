/**
 * In-memory object storage with one global resourceVersion counter and a bounded
 * per-resource event history, which is what watches resume from.
 */
import type { ObjectMeta } from '@mlplatform/plugin-sagemaker-scaling-common';
import { KubeStatusError } from './KubeStatusError';

/** A stored Kubernetes object (treated as immutable once stored). @public */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

/**
 * Object metadata as the sandbox stores it: Kubernetes' ObjectMeta, with the fields only
 * the API server writes typed too, and any other kept as sent.
 * @public
 */
export interface KubeObjectMeta extends Omit<ObjectMeta, 'managedFields'> {
  deletionGracePeriodSeconds?: number;
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

/** `metadata.managedFields[]` @public */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** A change to one object. @public */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  resourceVersion: number;
}

/** A subscriber to one resource's changes. @internal */
interface Watcher {
  resource: string;
  listener: (event: StoreEvent) => void;
  onClose: () => void;
}

/** A running watch. @public */
export interface StoreWatch {
  /** Unsubscribes without calling onClose. */
  stop(): void;
}

/** @public */
export interface ObjectStoreOptions {
  /** Events kept per resource for watch resumption; older versions get 410 Gone. */
  historyLimit?: number;
}

function keyOf(namespace: string | undefined, name: string) {
  return `${namespace ?? ''}/${name}`;
}

/**
 * Objects of every resource (`<group>/<plural>`, core resources use `core/<plural>`).
 * @public
 */
export class ObjectStore {
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  readonly #history = new Map<string, StoreEvent[]>();
  /** Per resource: versions at or below this are no longer in the history. */
  readonly #compactedAt = new Map<string, number>();
  readonly #watchers = new Set<Watcher>();
  readonly #subscribers = new Set<
    (resource: string, event: StoreEvent) => void
  >();
  readonly #historyLimit: number;
  #resourceVersion = 1;

  constructor(options?: ObjectStoreOptions) {
    this.#historyLimit = options?.historyLimit ?? 10000;
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** Reserves the next resourceVersion. */
  nextResourceVersion(): number {
    this.#resourceVersion += 1;
    return this.#resourceVersion;
  }

  get(resource: string, namespace: string | undefined, name: string) {
    return this.#objects.get(resource)?.get(keyOf(namespace, name));
  }

  /** Objects of a resource, optionally in one namespace, sorted by namespace and name. */
  list(resource: string, namespace?: string): KubeObject[] {
    const all = [...(this.#objects.get(resource)?.values() ?? [])];
    const items =
      namespace === undefined
        ? all
        : all.filter(o => o.metadata.namespace === namespace);
    // Plain code-unit order: stable, and much cheaper than localeCompare for big lists.
    const key = (o: KubeObject) => keyOf(o.metadata.namespace, o.metadata.name);
    return items.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === kb) return 0;
      return ka < kb ? -1 : 1;
    });
  }

  count(resource?: string): number {
    if (resource) {
      return this.#objects.get(resource)?.size ?? 0;
    }
    let n = 0;
    for (const m of this.#objects.values()) n += m.size;
    return n;
  }

  resources(): string[] {
    return [...this.#objects.keys()];
  }

  /**
   * Stores an object whose metadata.resourceVersion the caller has set from
   * nextResourceVersion(), and tells the watchers.
   */
  save(resource: string, object: KubeObject): void {
    const rv = Number(object.metadata.resourceVersion);
    let byKey = this.#objects.get(resource);
    if (!byKey) {
      byKey = new Map();
      this.#objects.set(resource, byKey);
    }
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const type = byKey.has(key) ? 'MODIFIED' : 'ADDED';
    byKey.set(key, object);
    this.#emit(resource, { type, object, resourceVersion: rv });
  }

  /** Removes an object; the DELETED event carries a new resourceVersion. */
  remove(resource: string, namespace: string | undefined, name: string) {
    const byKey = this.#objects.get(resource);
    const existing = byKey?.get(keyOf(namespace, name));
    if (!byKey || !existing) {
      return undefined;
    }
    byKey.delete(keyOf(namespace, name));
    const rv = this.nextResourceVersion();
    const object: KubeObject = {
      ...existing,
      metadata: { ...existing.metadata, resourceVersion: String(rv) },
    };
    this.#emit(resource, { type: 'DELETED', object, resourceVersion: rv });
    return object;
  }

  /**
   * Subscribes to a resource's changes after `fromResourceVersion` (replayed from the
   * history), or to new changes only when it is undefined. Throws 410 Gone when the
   * requested version is older than the history.
   */
  watch(
    resource: string,
    fromResourceVersion: number | undefined,
    listener: (event: StoreEvent) => void,
    onClose: () => void,
  ): StoreWatch {
    if (fromResourceVersion !== undefined) {
      const compactedAt = this.#compactedAt.get(resource) ?? 0;
      if (fromResourceVersion < compactedAt) {
        throw new KubeStatusError(
          410,
          `too old resource version: ${fromResourceVersion} (${compactedAt})`,
          { reason: 'Expired' },
        );
      }
      for (const event of this.#history.get(resource) ?? []) {
        if (event.resourceVersion > fromResourceVersion) {
          listener(event);
        }
      }
    }
    const watcher: Watcher = { resource, listener, onClose };
    this.#watchers.add(watcher);
    return { stop: () => this.#watchers.delete(watcher) };
  }

  /**
   * In-process change listener (the simulated controllers); unlike watches it survives
   * dropWatches(). Returns an unsubscribe function.
   */
  subscribe(
    listener: (resource: string, event: StoreEvent) => void,
  ): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }

  watcherCount(): number {
    return this.#watchers.size;
  }

  /** Ends every watch (their onClose is called), as when an API server restarts. */
  dropWatches(): number {
    const all = [...this.#watchers];
    this.#watchers.clear();
    for (const w of all) w.onClose();
    return all.length;
  }

  /**
   * Loads saved objects into an empty store; watches can resume only from versions at or
   * after `resourceVersion`.
   */
  restore(
    objects: Record<string, KubeObject[]>,
    resourceVersion: number,
  ): void {
    if (this.count() > 0) throw new Error('restore needs an empty store');
    for (const [resource, items] of Object.entries(objects)) {
      const byKey = new Map<string, KubeObject>();
      for (const o of items)
        byKey.set(keyOf(o.metadata.namespace, o.metadata.name), o);
      this.#objects.set(resource, byKey);
      this.#compactedAt.set(resource, resourceVersion);
    }
    this.#resourceVersion = Math.max(this.#resourceVersion, resourceVersion);
  }

  /** Forgets the whole event history: any watch resuming from an older version gets 410. */
  compact(): void {
    for (const resource of new Set([
      ...this.#history.keys(),
      ...this.#objects.keys(),
    ])) {
      this.#history.set(resource, []);
      this.#compactedAt.set(resource, this.#resourceVersion);
    }
  }

  #emit(resource: string, event: StoreEvent) {
    let history = this.#history.get(resource);
    if (!history) {
      history = [];
      this.#history.set(resource, history);
    }
    history.push(event);
    if (history.length > this.#historyLimit) {
      const dropped = history.splice(0, history.length - this.#historyLimit);
      this.#compactedAt.set(
        resource,
        dropped[dropped.length - 1].resourceVersion,
      );
    }
    for (const w of [...this.#watchers]) {
      if (w.resource === resource) {
        w.listener(event);
      }
    }
    for (const s of this.#subscribers) s(resource, event);
  }
}

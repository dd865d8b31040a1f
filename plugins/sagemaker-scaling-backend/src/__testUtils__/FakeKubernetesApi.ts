import type {
  AckKind,
  AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  SAGEMAKER_SCALING_FIELD_MANAGER,
  type AckApplyOptions,
  type AckClusterApi,
  type AckList,
  type AckListOptions,
  type AckWatch,
  type AckWatchHandlers,
  type AckWatchOptions,
} from '@mlplatform/plugin-sagemaker-scaling-node';

interface OpenWatch extends AckWatchHandlers {
  kind: AckKind;
  namespace?: string;
}

/**
 * An in-memory API server for the five kinds, with knobs for failures. Failures are
 * shaped as `@kubernetes/client-node` throws them (an ApiException's `code` and `body`,
 * a network error's `code`), so `toClusterError` reads them as it reads real ones.
 */
export class FakeKubernetesApi implements AckClusterApi {
  readonly clusterName = 'c1';
  readonly objects = new Map<string, AnyAckResource>();
  readonly watches = new Set<OpenWatch>();
  readonly applied: { object: AnyAckResource; options: unknown }[] = [];
  listCalls = 0;
  failLists?: Error;
  #rv = 100;

  constructor(objects: AnyAckResource[] = []) {
    objects.forEach(o => this.put(o, false));
  }

  async list<T extends AnyAckResource = AnyAckResource>(
    kind: AckKind,
    options: AckListOptions = {},
  ): Promise<AckList<T>> {
    this.listCalls += 1;
    if (this.failLists) throw this.failLists;
    const items = [...this.objects.values()].filter(
      o =>
        o.kind === kind &&
        (!options.namespace || o.metadata.namespace === options.namespace),
    );
    return {
      items: structuredClone(items) as T[],
      resourceVersion: String(this.#rv),
    };
  }

  async get<T extends AnyAckResource = AnyAckResource>(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Promise<T | undefined> {
    return this.objects.get(`${kind}/${namespace}/${name}`) as T | undefined;
  }

  watch(
    kind: AckKind,
    options: AckWatchOptions,
    handlers: AckWatchHandlers,
  ): AckWatch {
    const w: OpenWatch = { kind, namespace: options.namespace, ...handlers };
    this.watches.add(w);
    return { stop: () => this.watches.delete(w) };
  }

  async delete(kind: AckKind, namespace: string, name: string) {
    const stored = this.objects.get(`${kind}/${namespace}/${name}`);
    if (!stored) return 'missing' as const;
    this.remove(stored);
    return 'deleting' as const;
  }

  async apply<T extends AnyAckResource>(
    object: T,
    options?: AckApplyOptions,
  ): Promise<T> {
    // What the real client sends: its field manager, force unless told otherwise.
    this.applied.push({
      object: structuredClone(object),
      options: {
        fieldManager: SAGEMAKER_SCALING_FIELD_MANAGER,
        force: options?.force ?? true,
        ...(options?.dryRun ? { dryRun: true } : {}),
        ...(options?.resourceVersion
          ? { resourceVersion: options.resourceVersion }
          : {}),
      },
    });
    const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
    const current = this.objects.get(key);
    const merged = deepMerge(current ?? {}, object) as T;
    merged.metadata.generation = (current?.metadata.generation ?? 0) + 1;
    return this.put(merged) as T;
  }

  /** Stores an object (new resourceVersion) and tells the watches. */
  put(object: AnyAckResource, notify = true): AnyAckResource {
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(++this.#rv);
    const key = `${stored.kind}/${stored.metadata.namespace}/${stored.metadata.name}`;
    const existed = this.objects.has(key);
    this.objects.set(key, stored);
    if (notify) this.#emit(stored, existed ? 'MODIFIED' : 'ADDED');
    return stored;
  }

  /** Removes an object and tells the watches (unless `notify` is false). */
  remove(object: AnyAckResource, notify = true) {
    const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
    const stored = this.objects.get(key);
    this.objects.delete(key);
    if (stored && notify) this.#emit(stored, 'DELETED');
  }

  /** Ends every watch, with an error (connection cut) or cleanly. */
  dropWatches(error?: Error) {
    const all = [...this.watches];
    this.watches.clear();
    all.forEach(w => w.onClose(error));
  }

  /** Sends 410 Gone on every watch, as a server does after compaction. */
  sendGone() {
    [...this.watches].forEach(w =>
      w.onEvent({
        type: 'ERROR',
        object: {
          kind: 'Status',
          code: 410,
          message: 'too old resource version',
        },
      }),
    );
  }

  #emit(object: AnyAckResource, type: 'ADDED' | 'MODIFIED' | 'DELETED') {
    for (const w of this.watches) {
      if (
        w.kind === object.kind &&
        (!w.namespace || w.namespace === object.metadata.namespace)
      ) {
        w.onEvent({ type, object: structuredClone(object) });
      }
    }
  }
}

function deepMerge(a: any, b: any): any {
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    !a ||
    !b ||
    Array.isArray(b)
  ) {
    return structuredClone(b);
  }
  const out: any = { ...structuredClone(a) };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}

/** A refused connection, as node-fetch reports it. */
export const unreachable = () =>
  Object.assign(
    new Error(
      'request to https://c1.example failed, reason: connect ECONNREFUSED',
    ),
    { name: 'FetchError', type: 'system', code: 'ECONNREFUSED' },
  );

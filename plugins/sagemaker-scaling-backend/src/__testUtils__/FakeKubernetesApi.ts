import type {
  AckKind,
  AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  AckKubernetesApi,
  KubernetesList,
  KubernetesWatch,
  KubernetesWatchEvent,
} from '../kubernetes/AckKubernetesApi';
import { KubernetesRequestError } from '../kubernetes/KubernetesRequestError';

interface OpenWatch {
  kind: AckKind;
  namespace?: string;
  onEvent(event: KubernetesWatchEvent): void;
  onClose(error?: KubernetesRequestError): void;
}

/** An in-memory API server for the five kinds, with knobs for failures. */
export class FakeKubernetesApi implements AckKubernetesApi {
  readonly objects = new Map<string, AnyAckResource>();
  readonly watches = new Set<OpenWatch>();
  readonly applied: { object: AnyAckResource; options: unknown }[] = [];
  listCalls = 0;
  failLists?: KubernetesRequestError;
  #rv = 100;

  constructor(objects: AnyAckResource[] = []) {
    objects.forEach(o => this.put(o, false));
  }

  async list(kind: AckKind, namespace?: string): Promise<KubernetesList> {
    this.listCalls += 1;
    if (this.failLists) throw this.failLists;
    const items = [...this.objects.values()].filter(
      o =>
        o.kind === kind && (!namespace || o.metadata.namespace === namespace),
    );
    return { items: structuredClone(items), resourceVersion: String(this.#rv) };
  }

  async get(kind: AckKind, namespace: string, name: string) {
    return this.objects.get(`${kind}/${namespace}/${name}`);
  }

  watch(
    kind: AckKind,
    namespace: string | undefined,
    _resourceVersion: string,
    handlers: {
      onEvent(e: KubernetesWatchEvent): void;
      onClose(e?: KubernetesRequestError): void;
    },
  ): KubernetesWatch {
    const w: OpenWatch = { kind, namespace, ...handlers };
    this.watches.add(w);
    return { stop: () => this.watches.delete(w) };
  }

  async apply<T extends AnyAckResource>(
    object: T,
    options: unknown,
  ): Promise<T> {
    this.applied.push({ object: structuredClone(object), options });
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

  delete(object: AnyAckResource, notify = true) {
    const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
    const stored = this.objects.get(key);
    this.objects.delete(key);
    if (stored && notify) this.#emit(stored, 'DELETED');
  }

  /** Ends every watch, with an error (connection cut) or cleanly. */
  dropWatches(error?: KubernetesRequestError) {
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

export const unreachable = () =>
  new KubernetesRequestError({
    kind: 'unreachable',
    message: 'connection failed (ECONNREFUSED)',
  });

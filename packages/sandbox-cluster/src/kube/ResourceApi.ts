/**
 * The API server's semantics, independent of HTTP: create, update, patch, apply, delete,
 * get, list and watch, with resourceVersion, generation, uid, managedFields, finalizers,
 * schema checks and dry runs as Kubernetes has them. This class is the entry point; the
 * reads are in `listAndWatch`, patches and server-side apply in `patchAndApply`, deletion
 * in `deleteWithFinalizers`, and every write ends in `commitWrite`.
 */
import { randomUUID } from 'node:crypto';
import type { SimClock } from '../SimClock';
import { invalid, ResourceDefinition } from './crds';
import { KubeStatusError, notFound } from './KubeStatusError';
import { commitWrite, mergeSubresource } from './commitWrite';
import { deleteObject } from './deleteWithFinalizers';
import { listObjects, watchObjects } from './listAndWatch';
import type {
  KubeObject,
  ObjectStore,
  StoreEvent,
  StoreWatch,
} from './ObjectStore';
import { PatchContext, patchObject } from './patchAndApply';
import { checkBody, checkResourceVersion } from './requestBodies';
import type {
  DeleteOptions,
  DeleteResult,
  ListOptions,
  ListResult,
  PatchType,
  ResourceApiOptions,
  WatchOptions,
  WriteOptions,
  WriteResult,
} from './resourceApiTypes';

/**
 * The sandbox's API server semantics.
 * @public
 */
export class ResourceApi {
  readonly store: ObjectStore;
  readonly resources: ResourceDefinition[];
  readonly #clock: SimClock;
  readonly #autoCreateNamespaces: boolean;
  /** What the write functions share. */
  readonly #ctx: PatchContext;

  constructor(options: ResourceApiOptions) {
    this.store = options.store;
    this.resources = options.resources;
    this.#clock = options.clock;
    this.#autoCreateNamespaces = options.autoCreateNamespaces ?? true;
    this.#ctx = {
      store: this.store,
      clock: this.#clock,
      ensureNamespace: (def, ns, dryRun) =>
        this.#ensureNamespace(def, ns, dryRun),
    };
  }

  /** The definition of `<group>/<plural>` (core group: ''). */
  resource(group: string, plural: string): ResourceDefinition | undefined {
    return this.resources.find(r => r.group === group && r.plural === plural);
  }

  /** The definition for a kind. */
  resourceForKind(kind: string): ResourceDefinition {
    const def = this.resources.find(r => r.kind === kind);
    if (!def) throw new Error(`unknown kind ${kind}`);
    return def;
  }

  get(
    def: ResourceDefinition,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const object = this.store.get(def.key, this.#ns(def, namespace), name);
    if (!object) throw notFound(def.plural, def.group, name, def.plural);
    return object;
  }

  tryGet(def: ResourceDefinition, namespace: string | undefined, name: string) {
    return this.store.get(def.key, this.#ns(def, namespace), name);
  }

  list(
    def: ResourceDefinition,
    namespace: string | undefined,
    options: ListOptions = {},
  ): ListResult {
    return listObjects(this.store, def, namespace, options);
  }

  /**
   * Watches a resource. With `resourceVersion` undefined or '0' the current objects
   * come first as ADDED events; otherwise events after that version are replayed
   * (410 Gone when it is too old).
   */
  watch(
    def: ResourceDefinition,
    namespace: string | undefined,
    options: WatchOptions,
    onEvent: (event: StoreEvent) => void,
    onClose: () => void,
  ): StoreWatch {
    return watchObjects(this.store, def, namespace, options, onEvent, onClose);
  }

  create(
    def: ResourceDefinition,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    const incoming = checkBody(def, namespace, body);
    const name = incoming.metadata.name;
    if (!name && incoming.metadata.generateName) {
      incoming.metadata.name = `${
        incoming.metadata.generateName
      }${randomUUID().slice(0, 5)}`;
    }
    const ns = this.#ns(def, namespace ?? incoming.metadata.namespace);
    this.#ensureNamespace(def, ns, options.dryRun);
    if (this.store.get(def.key, ns, incoming.metadata.name)) {
      const what = def.group ? `${def.plural}.${def.group}` : def.plural;
      throw new KubeStatusError(
        409,
        `${what} "${incoming.metadata.name}" already exists`,
        {
          reason: 'AlreadyExists',
          details: {
            name: incoming.metadata.name,
            group: def.group || undefined,
            kind: def.plural,
          },
        },
      );
    }
    if (def.hasStatusSubresource) delete incoming.status;
    return commitWrite(this.#ctx, def, undefined, incoming, options, 'create');
  }

  update(
    def: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    const incoming = checkBody(def, namespace, body, name);
    const current = this.get(def, namespace, name);
    const rv = incoming.metadata.resourceVersion;
    if (rv === undefined || rv === '') {
      throw invalid(def, name, [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 0x0: must be specified for an update',
          field: 'metadata.resourceVersion',
        },
      ]);
    }
    checkResourceVersion(def, current, rv);
    return commitWrite(
      this.#ctx,
      def,
      current,
      mergeSubresource(def, current, incoming, options),
      options,
      'update',
    );
  }

  patch(
    def: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: WriteOptions & { force?: boolean } = {},
  ): WriteResult {
    return patchObject(
      this.#ctx,
      def,
      this.#ns(def, namespace),
      name,
      type,
      patch,
      options,
    );
  }

  /**
   * Deletes an object: at once without finalizers, otherwise it gets a
   * deletionTimestamp and goes when the last finalizer is removed.
   */
  delete(
    def: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteResult {
    const ns = this.#ns(def, namespace);
    const current = this.get(def, ns, name);
    return deleteObject(this.#ctx, current, def, ns, name, options);
  }

  #ns(def: ResourceDefinition, namespace: string | undefined) {
    return def.namespaced ? namespace ?? 'default' : undefined;
  }

  #ensureNamespace(
    def: ResourceDefinition,
    ns: string | undefined,
    dryRun?: boolean,
  ) {
    if (!def.namespaced || !ns) return;
    const nsDef = this.resourceForKind('Namespace');
    if (this.store.get(nsDef.key, undefined, ns)) return;
    if (!this.#autoCreateNamespaces) {
      throw notFound('namespaces', '', ns, 'namespaces');
    }
    if (!dryRun) this.createNamespace(ns);
  }

  /** Creates a namespace if it does not exist. */
  createNamespace(name: string): void {
    const nsDef = this.resourceForKind('Namespace');
    if (this.store.get(nsDef.key, undefined, name)) return;
    this.create(
      nsDef,
      undefined,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      { fieldManager: 'sandbox-cluster' },
    );
  }
}

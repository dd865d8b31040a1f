/**
 * The API server's semantics, independent of HTTP: create, update, patch, apply, delete,
 * get, list and watch, with resourceVersion, generation, uid, managedFields, finalizers,
 * schema checks and dry runs as Kubernetes has them.
 */
import { randomUUID } from 'node:crypto';
import { jsonEqual } from '../jsonEqual';
import type { SimClock } from '../SimClock';
import {
  assertValid,
  invalid,
  pruneUnknownFields,
  ResourceDefinition,
} from './crds';
import { KubeStatusError, notFound } from './KubeStatusError';
import { recordUpdate, serverSideApply } from './managedFields';
import type {
  KubeObject,
  ObjectStore,
  StoreEvent,
  StoreWatch,
} from './ObjectStore';
import { applyJsonPatch, applyMergePatch } from './patches';
import { parseFieldSelector, parseLabelSelector } from './selectors';

/** How the client asked for unknown fields to be treated. @public */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** Options common to writes. @public */
export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /** Write only `status` (the status subresource). */
  subresource?: 'status';
}

/** Result of a write. @public */
export interface WriteResult {
  object: KubeObject;
  /** `Warning` headers to send (unknown fields with fieldValidation=Warn). */
  warnings: string[];
  created: boolean;
}

/** A list query. @public */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

/** Patch content types. @public */
export type PatchType = 'merge' | 'json' | 'apply';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Everything but metadata and status: what `generation` counts changes of. */
function specPart(object: Record<string, unknown>) {
  const {
    metadata: _m,
    status: _s,
    apiVersion: _a,
    kind: _k,
    ...rest
  } = object;
  return rest;
}

/** Managed fields without their timestamps: a repeated identical write changes nothing. */
function comparableManagedFields(object: KubeObject) {
  return (object.metadata.managedFields ?? []).map(
    ({ time: _t, ...entry }) => entry,
  );
}

/** Whether a write leaves the object as it was (then Kubernetes keeps its resourceVersion). */
function isNoOp(before: KubeObject, after: KubeObject): boolean {
  const strip = (o: KubeObject) => ({
    ...o,
    metadata: {
      ...o.metadata,
      resourceVersion: undefined,
      managedFields: undefined,
    },
  });
  return (
    jsonEqual(strip(before), strip(after)) &&
    jsonEqual(comparableManagedFields(before), comparableManagedFields(after))
  );
}

/** @public */
export interface ResourceApiOptions {
  store: ObjectStore;
  clock: SimClock;
  resources: ResourceDefinition[];
  /** Create a namespace on first use instead of answering 404 (default true). */
  autoCreateNamespaces?: boolean;
}

/**
 * The sandbox's API server semantics.
 * @public
 */
export class ResourceApi {
  readonly store: ObjectStore;
  readonly resources: ResourceDefinition[];
  readonly #clock: SimClock;
  readonly #autoCreateNamespaces: boolean;

  constructor(options: ResourceApiOptions) {
    this.store = options.store;
    this.resources = options.resources;
    this.#clock = options.clock;
    this.#autoCreateNamespaces = options.autoCreateNamespaces ?? true;
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
  ): {
    items: KubeObject[];
    resourceVersion: string;
    continueToken?: string;
    remaining?: number;
  } {
    const labelMatch = parseLabelSelector(options.labelSelector);
    const fieldMatch = parseFieldSelector(options.fieldSelector);
    let items = this.store
      .list(def.key, def.namespaced ? namespace : undefined)
      .filter(o => labelMatch(o) && fieldMatch(o));
    let resourceVersion = String(this.store.resourceVersion);
    if (options.continueToken) {
      let token: { rv: string; after: string };
      try {
        token = JSON.parse(
          Buffer.from(options.continueToken, 'base64').toString('utf8'),
        );
      } catch {
        throw new KubeStatusError(400, 'continue key is not valid');
      }
      resourceVersion = token.rv;
      items = items.filter(
        o => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > token.after,
      );
    }
    if (options.limit && options.limit > 0 && items.length > options.limit) {
      const page = items.slice(0, options.limit);
      const last = page[page.length - 1];
      const continueToken = Buffer.from(
        JSON.stringify({
          rv: resourceVersion,
          after: `${last.metadata.namespace ?? ''}/${last.metadata.name}`,
        }),
      ).toString('base64');
      return {
        items: page,
        resourceVersion,
        continueToken,
        remaining: items.length - page.length,
      };
    }
    return { items, resourceVersion };
  }

  /**
   * Watches a resource. With `resourceVersion` undefined or '0' the current objects
   * come first as ADDED events; otherwise events after that version are replayed
   * (410 Gone when it is too old).
   */
  watch(
    def: ResourceDefinition,
    namespace: string | undefined,
    options: {
      resourceVersion?: string;
      labelSelector?: string;
      fieldSelector?: string;
    },
    onEvent: (event: StoreEvent) => void,
    onClose: () => void,
  ): StoreWatch {
    const labelMatch = parseLabelSelector(options.labelSelector);
    const fieldMatch = parseFieldSelector(options.fieldSelector);
    const ns = def.namespaced ? namespace : undefined;
    const matches = (o: KubeObject) =>
      (ns === undefined || o.metadata.namespace === ns) &&
      labelMatch(o) &&
      fieldMatch(o);
    const rvText = options.resourceVersion;
    let from: number | undefined;
    // With a selector, an object that stops matching is DELETED for this watch and one
    // that starts matching is ADDED, as the API server does.
    const filtered = Boolean(options.labelSelector || options.fieldSelector);
    const seen = new Set<string>();
    const keyOf = (o: KubeObject) =>
      `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (rvText && rvText !== '0') {
      from = Number(rvText);
      if (!Number.isInteger(from) || from < 0) {
        throw new KubeStatusError(400, `invalid resource version "${rvText}"`);
      }
      // Resuming: what the client already has is approximated by what matches now.
      if (filtered) {
        for (const object of this.store.list(def.key, ns)) {
          if (matches(object)) seen.add(keyOf(object));
        }
      }
    } else {
      for (const object of this.store.list(def.key, ns)) {
        if (matches(object)) {
          seen.add(keyOf(object));
          onEvent({
            type: 'ADDED',
            object,
            resourceVersion: Number(object.metadata.resourceVersion),
          });
        }
      }
    }
    return this.store.watch(
      def.key,
      from,
      event => {
        if (!filtered) {
          if (matches(event.object)) onEvent(event);
          return;
        }
        const key = keyOf(event.object);
        const matching = event.type !== 'DELETED' && matches(event.object);
        if (matching) {
          onEvent({ ...event, type: seen.has(key) ? 'MODIFIED' : 'ADDED' });
          seen.add(key);
        } else if (
          seen.delete(key) ||
          (event.type === 'DELETED' && matches(event.object))
        ) {
          onEvent({ ...event, type: 'DELETED' });
        }
      },
      onClose,
    );
  }

  create(
    def: ResourceDefinition,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    const incoming = this.#checkBody(def, namespace, body);
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
    return this.#commit(def, undefined, incoming, options, 'create');
  }

  update(
    def: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    const incoming = this.#checkBody(def, namespace, body, name);
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
    this.#checkResourceVersion(def, current, rv);
    return this.#commit(
      def,
      current,
      this.#mergeSubresource(def, current, incoming, options),
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
    const ns = this.#ns(def, namespace);
    const current = this.store.get(def.key, ns, name);
    if (type === 'apply') {
      return this.#apply(def, ns, name, current, patch, options);
    }
    if (!current) throw notFound(def.plural, def.group, name, def.plural);
    const patched =
      type === 'merge'
        ? applyMergePatch(current, patch)
        : applyJsonPatch(current, patch);
    const incoming = this.#checkBody(def, ns, patched, name);
    if (incoming.metadata.resourceVersion) {
      this.#checkResourceVersion(
        def,
        current,
        incoming.metadata.resourceVersion,
      );
    }
    return this.#commit(
      def,
      current,
      this.#mergeSubresource(def, current, incoming, options),
      options,
      'update',
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
    options: {
      dryRun?: boolean;
      preconditions?: { uid?: string; resourceVersion?: string };
    } = {},
  ): { object: KubeObject; gone: boolean } {
    const ns = this.#ns(def, namespace);
    const current = this.get(def, ns, name);
    if (
      options.preconditions?.uid &&
      options.preconditions.uid !== current.metadata.uid
    ) {
      throw new KubeStatusError(
        409,
        `Precondition failed: UID in precondition: ${options.preconditions.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (options.preconditions?.resourceVersion) {
      this.#checkResourceVersion(
        def,
        current,
        options.preconditions.resourceVersion,
      );
    }
    const finalizers = current.metadata.finalizers ?? [];
    if (finalizers.length === 0) {
      if (options.dryRun) return { object: current, gone: true };
      const removed = this.store.remove(def.key, ns, name)!;
      return { object: removed, gone: true };
    }
    if (current.metadata.deletionTimestamp) {
      return { object: current, gone: false };
    }
    const marked: KubeObject = {
      ...current,
      metadata: {
        ...current.metadata,
        deletionTimestamp: this.#clock.isoNow(),
        deletionGracePeriodSeconds: 0,
      },
    };
    if (options.dryRun) return { object: marked, gone: false };
    marked.metadata.resourceVersion = String(this.store.nextResourceVersion());
    this.store.save(def.key, marked);
    return { object: marked, gone: false };
  }

  #apply(
    def: ResourceDefinition,
    ns: string | undefined,
    name: string,
    current: KubeObject | undefined,
    patch: unknown,
    options: WriteOptions & { force?: boolean },
  ): WriteResult {
    if (!options.fieldManager) {
      throw new KubeStatusError(
        422,
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          reason: 'Invalid',
          details: {
            causes: [
              {
                reason: 'FieldValueRequired',
                message: 'Required value: is required for apply patch',
                field: 'fieldManager',
              },
            ],
          },
        },
      );
    }
    const applied = this.#checkBody(def, ns, patch, name);
    if (current && applied.metadata.resourceVersion) {
      this.#checkResourceVersion(
        def,
        current,
        applied.metadata.resourceVersion,
      );
    }
    const warnings = this.#prune(def, applied, options.fieldValidation);
    if (!current) {
      this.#ensureNamespace(def, ns, options.dryRun);
    }
    const { object, managedFields } = serverSideApply(
      current,
      applied,
      {
        manager: options.fieldManager,
        apiVersion: `${def.group ? `${def.group}/` : ''}${def.version}`,
        time: this.#clock.isoNow(),
        subresource: options.subresource,
      },
      Boolean(options.force),
    );
    const merged = {
      ...object,
      apiVersion: applied.apiVersion,
      kind: applied.kind,
    } as KubeObject;
    merged.metadata = { ...(merged.metadata ?? {}), name, managedFields };
    if (ns) merged.metadata.namespace = ns;
    if (
      current &&
      def.hasStatusSubresource &&
      options.subresource !== 'status'
    ) {
      if (current.status === undefined) delete merged.status;
      else merged.status = current.status;
    }
    const result = this.#commit(
      def,
      current,
      merged,
      { ...options, fieldValidation: 'Ignore' },
      current ? 'update' : 'create',
      true,
    );
    return { ...result, warnings: [...warnings, ...result.warnings] };
  }

  /** With a status subresource, the main resource cannot write status and vice versa. */
  #mergeSubresource(
    def: ResourceDefinition,
    current: KubeObject,
    incoming: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    if (!def.hasStatusSubresource) return incoming;
    if (options.subresource === 'status') {
      const next: KubeObject = {
        ...current,
        metadata: { ...current.metadata },
      };
      if (incoming.status === undefined) delete next.status;
      else next.status = incoming.status;
      return next;
    }
    const next: KubeObject = { ...incoming };
    if (current.status === undefined) delete next.status;
    else next.status = current.status;
    return next;
  }

  #commit(
    def: ResourceDefinition,
    before: KubeObject | undefined,
    incoming: KubeObject,
    options: WriteOptions,
    verb: 'create' | 'update',
    fieldsAlreadyManaged = false,
  ): WriteResult {
    const warnings = fieldsAlreadyManaged
      ? []
      : this.#prune(def, incoming, options.fieldValidation);
    const now = this.#clock.isoNow();
    const meta = { ...incoming.metadata };
    const after: KubeObject = { ...incoming, metadata: meta };
    if (before) {
      meta.uid = before.metadata.uid;
      meta.creationTimestamp = before.metadata.creationTimestamp;
      meta.generation = before.metadata.generation;
      if (before.metadata.deletionTimestamp) {
        meta.deletionTimestamp = before.metadata.deletionTimestamp;
        meta.deletionGracePeriodSeconds =
          before.metadata.deletionGracePeriodSeconds;
      } else {
        delete meta.deletionTimestamp;
        delete meta.deletionGracePeriodSeconds;
      }
      if (!jsonEqual(specPart(before), specPart(after))) {
        meta.generation = (before.metadata.generation ?? 1) + 1;
      }
      if (
        before.metadata.deletionTimestamp &&
        (meta.finalizers ?? []).some(
          f => !(before.metadata.finalizers ?? []).includes(f),
        )
      ) {
        throw new KubeStatusError(
          422,
          `${def.kind} "${meta.name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted`,
        );
      }
    } else {
      meta.uid = randomUUID();
      meta.creationTimestamp = now;
      meta.generation = 1;
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (meta.finalizers && meta.finalizers.length === 0) delete meta.finalizers;
    if (!fieldsAlreadyManaged) {
      meta.managedFields = recordUpdate(before, after, {
        manager: options.fieldManager ?? 'unknown',
        apiVersion: `${def.group ? `${def.group}/` : ''}${def.version}`,
        time: now,
        subresource: options.subresource,
      });
      if (meta.managedFields.length === 0) delete meta.managedFields;
    }
    // A custom resource's stored form must satisfy its schema; validate what would be stored.
    assertValid(def, after);
    if (before && isNoOp(before, after)) {
      // A no-op write does not bump resourceVersion, as in Kubernetes.
      return { object: before, warnings, created: false };
    }
    if (options.dryRun) {
      meta.resourceVersion = before?.metadata.resourceVersion ?? '';
      return { object: after, warnings, created: verb === 'create' };
    }
    meta.resourceVersion = String(this.store.nextResourceVersion());
    if (before?.metadata.deletionTimestamp && !meta.finalizers?.length) {
      this.store.remove(def.key, meta.namespace, meta.name);
      return { object: after, warnings, created: false };
    }
    this.store.save(def.key, after);
    return { object: after, warnings, created: verb === 'create' };
  }

  #prune(
    def: ResourceDefinition,
    object: KubeObject,
    validation?: FieldValidation,
  ): string[] {
    const unknown = pruneUnknownFields(def, object);
    if (unknown.length === 0 || validation === 'Ignore') return [];
    if (validation === 'Strict') {
      throw new KubeStatusError(
        400,
        `${def.kind} in version "${def.version}" cannot be handled as a ${
          def.kind
        }: strict decoding error: ${unknown
          .map(u => `unknown field "${u}"`)
          .join(', ')}`,
        { reason: 'BadRequest' },
      );
    }
    return unknown.map(u => `unknown field "${u}"`);
  }

  #checkResourceVersion(
    def: ResourceDefinition,
    current: KubeObject,
    rv: string,
  ) {
    if (rv !== current.metadata.resourceVersion) {
      const what = def.group ? `${def.plural}.${def.group}` : def.plural;
      throw new KubeStatusError(
        409,
        `Operation cannot be fulfilled on ${what} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        {
          reason: 'Conflict',
          details: {
            name: current.metadata.name,
            group: def.group || undefined,
            kind: def.plural,
          },
        },
      );
    }
  }

  /** Checks kind, apiVersion, name and namespace of a request body. */
  #checkBody(
    def: ResourceDefinition,
    namespace: string | undefined,
    body: unknown,
    pathName?: string,
  ): KubeObject {
    if (!isPlainObject(body)) {
      throw new KubeStatusError(
        400,
        'the request body must be a JSON or YAML object',
      );
    }
    const object = structuredClone(body) as KubeObject;
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    if (object.kind !== def.kind || object.apiVersion !== apiVersion) {
      throw new KubeStatusError(
        400,
        `the API version in the data (${String(
          object.apiVersion,
        )}) and kind (${String(
          object.kind,
        )}) do not match the resource ${apiVersion}, Kind=${def.kind}`,
      );
    }
    if (!isPlainObject(object.metadata)) {
      object.metadata = {} as KubeObject['metadata'];
    }
    const meta = object.metadata;
    if (pathName !== undefined) {
      if (meta.name && meta.name !== pathName) {
        throw new KubeStatusError(
          400,
          `the name of the object (${meta.name}) does not match the name on the URL (${pathName})`,
        );
      }
      meta.name = pathName;
    }
    if (!meta.name && !meta.generateName) {
      throw invalid(def, '', [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
          field: 'metadata.name',
        },
      ]);
    }
    if (
      meta.name &&
      (!DNS_SUBDOMAIN.test(meta.name) || meta.name.length > 253)
    ) {
      throw invalid(def, meta.name, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
          field: 'metadata.name',
        },
      ]);
    }
    if (def.namespaced) {
      if (namespace && meta.namespace && meta.namespace !== namespace) {
        throw new KubeStatusError(
          400,
          `the namespace of the provided object does not match the namespace sent on the request`,
        );
      }
      meta.namespace = namespace ?? meta.namespace ?? 'default';
      if (!DNS_LABEL.test(meta.namespace)) {
        throw invalid(def, meta.name ?? '', [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: "${meta.namespace}": a lowercase RFC 1123 label`,
            field: 'metadata.namespace',
          },
        ]);
      }
    } else {
      delete meta.namespace;
    }
    return object;
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

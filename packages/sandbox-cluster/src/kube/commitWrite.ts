/**
 * Where every create, update, patch and apply ends: unknown fields pruned, uid,
 * generation, finalizer and managedFields rules, schema validation, no-op detection, dry
 * run, and the store write (or removal, when the last finalizer of a deleted object goes).
 */
import { randomUUID } from 'node:crypto';
import { jsonEqual } from '../jsonEqual';
import type { SimClock } from '../SimClock';
import { assertValid, pruneUnknownFields, ResourceDefinition } from './crds';
import { KubeStatusError } from './KubeStatusError';
import { recordUpdate } from './managedFields';
import type { KubeObject, ObjectStore } from './ObjectStore';
import type {
  FieldValidation,
  WriteOptions,
  WriteResult,
} from './resourceApiTypes';

/** What a write reads and writes. @internal */
export interface WriteContext {
  store: ObjectStore;
  clock: SimClock;
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

/** With a status subresource, the main resource cannot write status and vice versa. @internal */
export function mergeSubresource(
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

/** Stores a write (see the file's comment). @internal */
export function commitWrite(
  ctx: WriteContext,
  def: ResourceDefinition,
  before: KubeObject | undefined,
  incoming: KubeObject,
  options: WriteOptions,
  verb: 'create' | 'update',
  fieldsAlreadyManaged = false,
): WriteResult {
  const warnings = fieldsAlreadyManaged
    ? []
    : pruneUnknown(def, incoming, options.fieldValidation);
  const now = ctx.clock.isoNow();
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
  meta.resourceVersion = String(ctx.store.nextResourceVersion());
  if (before?.metadata.deletionTimestamp && !meta.finalizers?.length) {
    ctx.store.remove(def.key, meta.namespace, meta.name);
    return { object: after, warnings, created: false };
  }
  ctx.store.save(def.key, after);
  return { object: after, warnings, created: verb === 'create' };
}

/** Drops unknown fields: their warnings, or 400 with fieldValidation=Strict. @internal */
export function pruneUnknown(
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

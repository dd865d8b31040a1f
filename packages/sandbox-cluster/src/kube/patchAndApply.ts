/**
 * Patches: JSON merge patch and JSON patch onto the current object, and server-side apply
 * (field managers, conflicts, force).
 */
import { KubeStatusError, notFound } from './KubeStatusError';
import type { ResourceDefinition } from './crds';
import { serverSideApply } from './managedFields';
import type { KubeObject } from './ObjectStore';
import { applyJsonPatch, applyMergePatch } from './patches';
import {
  commitWrite,
  mergeSubresource,
  pruneUnknown,
  WriteContext,
} from './commitWrite';
import { checkBody, checkResourceVersion } from './requestBodies';
import type { PatchType, WriteOptions, WriteResult } from './resourceApiTypes';

/** What a patch needs besides the store: apply may create the object's namespace. @internal */
export interface PatchContext extends WriteContext {
  ensureNamespace(
    def: ResourceDefinition,
    ns: string | undefined,
    dryRun?: boolean,
  ): void;
}

/** Patches an object (`ns` already defaulted). @internal */
export function patchObject(
  ctx: PatchContext,
  def: ResourceDefinition,
  ns: string | undefined,
  name: string,
  type: PatchType,
  patch: unknown,
  options: WriteOptions & { force?: boolean } = {},
): WriteResult {
  const current = ctx.store.get(def.key, ns, name);
  if (type === 'apply') {
    return applyObject(ctx, def, ns, name, current, patch, options);
  }
  if (!current) throw notFound(def.plural, def.group, name, def.plural);
  const patched =
    type === 'merge'
      ? applyMergePatch(current, patch)
      : applyJsonPatch(current, patch);
  const incoming = checkBody(def, ns, patched, name);
  if (incoming.metadata.resourceVersion) {
    checkResourceVersion(def, current, incoming.metadata.resourceVersion);
  }
  return commitWrite(
    ctx,
    def,
    current,
    mergeSubresource(def, current, incoming, options),
    options,
    'update',
  );
}

function applyObject(
  ctx: PatchContext,
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
  const applied = checkBody(def, ns, patch, name);
  if (current && applied.metadata.resourceVersion) {
    checkResourceVersion(def, current, applied.metadata.resourceVersion);
  }
  const warnings = pruneUnknown(def, applied, options.fieldValidation);
  if (!current) {
    ctx.ensureNamespace(def, ns, options.dryRun);
  }
  const { object, managedFields } = serverSideApply(
    current,
    applied,
    {
      manager: options.fieldManager,
      apiVersion: `${def.group ? `${def.group}/` : ''}${def.version}`,
      time: ctx.clock.isoNow(),
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
  if (current && def.hasStatusSubresource && options.subresource !== 'status') {
    if (current.status === undefined) delete merged.status;
    else merged.status = current.status;
  }
  const result = commitWrite(
    ctx,
    def,
    current,
    merged,
    { ...options, fieldValidation: 'Ignore' },
    current ? 'update' : 'create',
    true,
  );
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

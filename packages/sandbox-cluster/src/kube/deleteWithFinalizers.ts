/**
 * Deletion as Kubernetes does it: preconditions, then gone at once without finalizers,
 * otherwise a deletionTimestamp until the last finalizer is removed (see commitWrite).
 */
import { KubeStatusError } from './KubeStatusError';
import type { ResourceDefinition } from './crds';
import type { KubeObject } from './ObjectStore';
import type { WriteContext } from './commitWrite';
import { checkResourceVersion } from './requestBodies';
import type { DeleteOptions, DeleteResult } from './resourceApiTypes';

/**
 * Deletes an object: at once without finalizers, otherwise it gets a
 * deletionTimestamp and goes when the last finalizer is removed.
 * `current` is the object as it is (the caller answers 404 without one).
 * @internal
 */
export function deleteObject(
  ctx: WriteContext,
  current: KubeObject,
  def: ResourceDefinition,
  ns: string | undefined,
  name: string,
  options: DeleteOptions = {},
): DeleteResult {
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
    checkResourceVersion(def, current, options.preconditions.resourceVersion);
  }
  const finalizers = current.metadata.finalizers ?? [];
  if (finalizers.length === 0) {
    if (options.dryRun) return { object: current, gone: true };
    const removed = ctx.store.remove(def.key, ns, name)!;
    return { object: removed, gone: true };
  }
  if (current.metadata.deletionTimestamp) {
    return { object: current, gone: false };
  }
  const marked: KubeObject = {
    ...current,
    metadata: {
      ...current.metadata,
      deletionTimestamp: ctx.clock.isoNow(),
      deletionGracePeriodSeconds: 0,
    },
  };
  if (options.dryRun) return { object: marked, gone: false };
  marked.metadata.resourceVersion = String(ctx.store.nextResourceVersion());
  ctx.store.save(def.key, marked);
  return { object: marked, gone: false };
}

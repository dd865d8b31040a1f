import type { AnyAckResource } from '@mlplatform/plugin-sagemaker-scaling-common';
import { markCachedCopy, redactManifest } from '../snapshot/redactManifest';
import type { StringPool } from './StringPool';

/**
 * What the watch cache holds of an object: the redacted manifest, which is everything
 * the snapshot, the binding, the history and the YAML view read. Dropped are
 * `metadata.managedFields` (about half of an object; the out-of-band history asks the
 * cluster for the field manager of the one object that changed), the value of
 * `kubectl.kubernetes.io/last-applied-configuration` (a whole earlier manifest) and
 * container environment values, so no secret is held in memory either. A fresh copy,
 * so nothing of the list answer it came in stays reachable; its short strings shared
 * through `strings`; marked, so snapshots hand it out without copying it again.
 * @internal
 */
export function trimCachedObject<T extends AnyAckResource>(
  object: T,
  strings?: StringPool,
): T {
  const copy = redactManifest(object);
  strings?.internAll(copy);
  return markCachedCopy(copy);
}

/** When the cluster last wrote an object (newest `managedFields[].time`), in ms; undefined when unknown. @internal */
export function lastWriteTimeOf(object: AnyAckResource): number | undefined {
  let newest: number | undefined;
  for (const entry of (object.metadata?.managedFields ?? []) as {
    time?: string;
  }[]) {
    const t = entry.time ? Date.parse(entry.time) : NaN;
    if (Number.isFinite(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

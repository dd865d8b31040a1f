/**
 * Compares what a server-side apply would store (its dry-run answer) with the live object.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AnyAckResource } from '@mlplatform/plugin-sagemaker-scaling-common';

/** JSON round trip, so objects compare by content whatever their prototypes. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * The fields an apply would change, as `spec.<field>` / `metadata.labels` /
 * `metadata.annotations`; empty when the apply would change nothing we own.
 * @internal
 */
export function changedFields(
  live: AnyAckResource,
  result: AnyAckResource,
): string[] {
  const a = (plain(live.spec) ?? {}) as Record<string, unknown>;
  const b = (plain(result.spec) ?? {}) as Record<string, unknown>;
  const spec = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter(key => !isDeepStrictEqual(a[key], b[key]))
    .map(key => `spec.${key}`);
  const metadata = (['labels', 'annotations'] as const)
    .filter(
      key =>
        !isDeepStrictEqual(
          plain(live.metadata[key] ?? {}),
          plain(result.metadata[key] ?? {}),
        ),
    )
    .map(key => `metadata.${key}`);
  return [...spec, ...metadata];
}

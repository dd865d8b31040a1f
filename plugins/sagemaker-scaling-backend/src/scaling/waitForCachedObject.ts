import type { AnyAckResource } from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  ClusterResourceCache,
  ResourceChange,
} from '../cache/ClusterResourceCache';

/**
 * Resolves once the cache holds an object at least as new as `applied` (same
 * resourceVersion, or a generation as high), or false after `timeoutMs`.
 * @internal
 */
export function waitForCachedObject(
  cache: ClusterResourceCache,
  applied: AnyAckResource,
  timeoutMs: number,
): Promise<boolean> {
  const {
    namespace = '',
    name,
    resourceVersion,
    generation,
  } = applied.metadata;
  const isCaughtUp = () => {
    const cached = cache.get(applied.kind, namespace, name);
    if (!cached) return false;
    if (resourceVersion && cached.metadata.resourceVersion === resourceVersion)
      return true;
    return (
      generation !== undefined &&
      cached.metadata.generation !== undefined &&
      cached.metadata.generation >= generation
    );
  };
  if (isCaughtUp()) return Promise.resolve(true);
  return new Promise(resolve => {
    const onChange = (change: ResourceChange) => {
      if (
        change.kind === applied.kind &&
        change.name === name &&
        isCaughtUp()
      ) {
        done(true);
      }
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    function done(result: boolean) {
      clearTimeout(timer);
      cache.off('change', onChange);
      resolve(result);
    }
    cache.on('change', onChange);
  });
}

/**
 * Which resource a request path names (`/api/v1/...`, `/apis/<group>/<version>/...`,
 * namespaced or not, with the status subresource) and which verb a method means there.
 */
import type { ResourceDefinition } from './crds';

/** A resource request's target. @internal */
export interface RoutedRequest {
  def: ResourceDefinition;
  namespace?: string;
  name?: string;
  subresource?: 'status';
}

/** The resource a path names, if any. @internal */
export function routeResourcePath(
  resources: ResourceDefinition[],
  path: string,
): RoutedRequest | undefined {
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))\/(.*)$/.exec(path);
  if (!m) return undefined;
  const group = m[1] ?? '';
  const version = m[2] ?? 'v1';
  const rest = m[3].split('/').map(decodeURIComponent);
  const find = (plural: string) =>
    resources.find(
      r => r.group === group && r.version === version && r.plural === plural,
    );
  let namespace: string | undefined;
  let segs = rest;
  if (segs[0] === 'namespaces' && segs.length >= 3) {
    namespace = segs[1];
    segs = segs.slice(2);
  }
  const def = find(segs[0]);
  if (!def) return undefined;
  if (namespace !== undefined && !def.namespaced) return undefined;
  const name = segs[1];
  const sub = segs[2];
  if (segs.length > 3) return undefined;
  if (sub !== undefined && !(sub === 'status' && def.hasStatusSubresource)) {
    return undefined;
  }
  return { def, namespace, name, subresource: sub ? 'status' : undefined };
}

/** The Kubernetes verb of a request (get, list, watch, create, ...). @internal */
export function verbOf(
  method: string,
  name: string | undefined,
  q: URLSearchParams,
): string | undefined {
  if (method === 'GET') {
    if (name) return 'get';
    return q.get('watch') === 'true' || q.get('watch') === '1'
      ? 'watch'
      : 'list';
  }
  const verbs: Record<string, string> = {
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
    DELETE: name ? 'delete' : 'deletecollection',
  };
  return verbs[method];
}

/**
 * The read-only GET paths besides resources: `/version`, the health checks, API discovery
 * (`/api`, `/apis`, groups, resource lists) and OpenAPI v3.
 */
import type http from 'node:http';
import type { ResourceDefinition } from './crds';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from './discovery';
import { KubeStatusError } from './KubeStatusError';
import { sendJson } from './kubeHttp';
import { groupVersionDocument, openApiV3Root } from './openapi';

/**
 * Answers a discovery GET; false when `path` is not one (then it may be a resource).
 * @internal
 */
export function handleDiscoveryRequest(
  res: http.ServerResponse,
  path: string,
  resources: ResourceDefinition[],
  serverAddress: () => string,
): boolean {
  const send = (code: number, body: unknown) => {
    sendJson(res, code, body);
    return true;
  };
  switch (path) {
    case '/version':
      return send(200, versionInfo());
    case '/healthz':
    case '/livez':
    case '/readyz':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return true;
    case '/api':
      return send(200, coreApiVersions(serverAddress()));
    case '/apis':
      return send(200, apiGroupList(resources));
    default:
  }
  if (path === '/openapi/v3') {
    return send(200, openApiV3Root(resources));
  }
  const openapi = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(
    path,
  );
  if (openapi) {
    const doc = openapi[1]
      ? undefined
      : groupVersionDocument(resources, openapi[2], openapi[3]);
    if (!doc)
      throw new KubeStatusError(404, '404 page not found', {
        reason: 'NotFound',
      });
    return send(200, doc);
  }
  if (path.startsWith('/openapi/')) {
    // No OpenAPI v2: kubectl uses v3 when it exists.
    throw new KubeStatusError(404, 'the sandbox serves OpenAPI v3 only', {
      reason: 'NotFound',
    });
  }
  const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
  if (groupMatch) {
    const group = apiGroup(resources, groupMatch[1]);
    if (!group)
      throw new KubeStatusError(404, '404 page not found', {
        reason: 'NotFound',
      });
    return send(200, group);
  }
  const listMatch = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (listMatch) {
    const list = listMatch[1]
      ? apiResourceList(resources, '', 'v1')
      : apiResourceList(resources, listMatch[2], listMatch[3]);
    if (!list)
      throw new KubeStatusError(404, '404 page not found', {
        reason: 'NotFound',
      });
    return send(200, list);
  }
  return false;
}

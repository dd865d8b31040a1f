/**
 * OpenAPI v3 documents per group version, as far as kubectl reads them: `kubectl apply`
 * checks that PATCH accepts `fieldValidation` (so validation happens on the server) and
 * which patch types a kind accepts; `kubectl explain` reads the schemas.
 */
import { createHash } from 'node:crypto';
import type { ResourceDefinition } from './crds';

function schemaName(def: ResourceDefinition) {
  const reversed = def.group.split('.').reverse().join('.');
  return `${reversed}.${def.version}.${def.kind}`;
}

function groupVersionPath(group: string, version: string) {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

function query(name: string, description: string) {
  return {
    name,
    in: 'query',
    description,
    schema: { type: 'string', uniqueItems: true },
  };
}

/** One group version's OpenAPI v3 document. @internal */
export function groupVersionDocument(
  resources: ResourceDefinition[],
  group: string,
  version: string,
) {
  const defs = resources.filter(
    r => r.group === group && r.version === version && r.schema,
  );
  if (defs.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const def of defs) {
    const gvk = { group: def.group, version: def.version, kind: def.kind };
    const ref = { $ref: `#/components/schemas/${schemaName(def)}` };
    const json = {
      'application/json': { schema: ref },
      'application/yaml': { schema: ref },
    };
    const writeParams = [
      query(
        'dryRun',
        'When present, indicates that modifications should not be persisted.',
      ),
      query(
        'fieldManager',
        'A name associated with the actor or entity that is making these changes.',
      ),
      query(
        'fieldValidation',
        'Ignore, Warn or Strict: how to treat unknown or duplicate fields.',
      ),
    ];
    const base = `/${groupVersionPath(
      def.group,
      def.version,
    )}/namespaces/{namespace}/${def.plural}`;
    paths[base] = {
      get: {
        operationId: `list${def.kind}`,
        'x-kubernetes-action': 'list',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
      post: {
        operationId: `create${def.kind}`,
        parameters: writeParams,
        requestBody: { content: json },
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '201': { description: 'Created', content: json } },
      },
    };
    paths[`${base}/{name}`] = {
      get: {
        operationId: `read${def.kind}`,
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK', content: json } },
      },
      put: {
        operationId: `replace${def.kind}`,
        parameters: writeParams,
        requestBody: { content: json },
        'x-kubernetes-action': 'put',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK', content: json } },
      },
      patch: {
        operationId: `patch${def.kind}`,
        parameters: [
          ...writeParams,
          query('force', 'Force is going to "force" Apply requests.'),
        ],
        requestBody: {
          content: Object.fromEntries(
            PATCH_TYPES.map(t => [t, { schema: { type: 'object' } }]),
          ),
        },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK', content: json } },
      },
      delete: {
        operationId: `delete${def.kind}`,
        'x-kubernetes-action': 'delete',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
    };
    schemas[schemaName(def)] = {
      ...def.schema,
      'x-kubernetes-group-version-kind': [gvk],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (sandbox-cluster)', version: 'v1.31.0-sandbox' },
    paths,
    components: { schemas },
  };
}

/** `/openapi/v3`: where each group version's document is. @internal */
export function openApiV3Root(resources: ResourceDefinition[]) {
  const gvs = [
    ...new Set(
      resources.filter(r => r.schema).map(r => `${r.group}|${r.version}`),
    ),
  ];
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of gvs) {
    const [group, version] = gv.split('|');
    const doc = groupVersionDocument(resources, group, version);
    const hash = createHash('sha512')
      .update(JSON.stringify(doc))
      .digest('hex')
      .slice(0, 128)
      .toUpperCase();
    const path = groupVersionPath(group, version);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}

/**
 * Discovery documents (`/version`, `/api`, `/apis`, group and version lists).
 */
import type { ResourceDefinition } from './crds';

/** `/version` of the sandbox: plainly labelled. @internal */
export function versionInfo() {
  return {
    major: '1',
    minor: '31',
    gitVersion: 'v1.31.0-sandbox',
    gitCommit: 'sandbox',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'n/a (sandbox-cluster, Node.js)',
    compiler: 'sandbox',
    platform: 'linux/amd64',
  };
}

/** `/api` @internal */
export function coreApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupOf(group: string, version: string) {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

/** `/apis` @internal */
export function apiGroupList(resources: ResourceDefinition[]) {
  const groups = [
    ...new Set(
      resources.filter(r => r.group).map(r => `${r.group}|${r.version}`),
    ),
  ];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(g => {
      const [group, version] = g.split('|');
      return groupOf(group, version);
    }),
  };
}

/** `/apis/<group>` or undefined when the group is not served. @internal */
export function apiGroup(resources: ResourceDefinition[], group: string) {
  const def = resources.find(r => r.group === group);
  if (!def) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupOf(group, def.version) };
}

/** `/api/v1` or `/apis/<group>/<version>`; undefined when not served. @internal */
export function apiResourceList(
  resources: ResourceDefinition[],
  group: string,
  version: string,
) {
  const defs = resources.filter(
    r => r.group === group && r.version === version,
  );
  if (defs.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: defs.flatMap(def => {
      const main = {
        name: def.plural,
        singularName: def.singular,
        namespaced: def.namespaced,
        kind: def.kind,
        verbs: def.verbs,
        ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
        ...(def.categories.length ? { categories: def.categories } : {}),
        storageVersionHash: '',
      };
      return def.hasStatusSubresource
        ? [
            main,
            {
              name: `${def.plural}/status`,
              singularName: '',
              namespaced: def.namespaced,
              kind: def.kind,
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : [main];
    }),
  };
}

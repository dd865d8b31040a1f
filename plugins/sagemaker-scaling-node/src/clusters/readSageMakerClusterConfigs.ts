import type { Config } from '@backstage/config';
import type { SageMakerClusterAuth, SageMakerClusterConfig } from './types';

/** Where the plugin's own cluster list lives. */
const CLUSTERS_KEY = 'sagemakerScaling.clusters';
/** The Kubernetes plugin's cluster list, used when ours is absent. */
const KUBERNETES_LOCATORS_KEY = 'kubernetes.clusterLocatorMethods';

/** Annotation-style keys of the Kubernetes plugin's `authMetadata` for AWS. */
const AWS_ASSUME_ROLE = 'kubernetes.io/aws-assume-role';
const AWS_EXTERNAL_ID = 'kubernetes.io/aws-external-id';
const AWS_CLUSTER_ID = 'kubernetes.io/x-k8s-aws-id';

const AUTH_TYPES = ['serviceAccount', 'kubeconfig', 'inCluster', 'aws'];

/**
 * Options of {@link readSageMakerClusterConfigs}.
 * @public
 */
export interface ReadSageMakerClusterConfigsOptions {
  /** Told about clusters of the Kubernetes plugin config that are skipped, and why. */
  onSkippedCluster?: (message: string) => void;
}

/**
 * Reads the clusters the SageMaker scaling plugins use: `sagemakerScaling.clusters`, or,
 * when that is absent, the `type: config` entries of `kubernetes.clusterLocatorMethods`
 * (the Kubernetes plugin's config; clusters with auth providers we cannot use are skipped).
 * Bad config throws an error naming the key.
 * @public
 */
export function readSageMakerClusterConfigs(
  config: Config,
  options: ReadSageMakerClusterConfigsOptions = {},
): SageMakerClusterConfig[] {
  const clusters = config.has(CLUSTERS_KEY)
    ? readOwnClusters(config)
    : readKubernetesPluginClusters(config, options);
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new Error(
        `Invalid config at '${CLUSTERS_KEY}': cluster name '${cluster.name}' is used more than once; names must be unique`,
      );
    }
    seen.add(cluster.name);
  }
  return clusters;
}

function readOwnClusters(config: Config): SageMakerClusterConfig[] {
  return config.getConfigArray(CLUSTERS_KEY).map((c, index) => {
    const key = `${CLUSTERS_KEY}[${index}]`;
    const auth = readOwnAuth(c.getConfig('auth'), `${key}.auth`);
    const url = c.getOptionalString('url');
    if (!url && (auth.type === 'serviceAccount' || auth.type === 'aws')) {
      throw new Error(
        `Missing required config value at '${key}.url': clusters with auth type '${auth.type}' need the API server URL`,
      );
    }
    if (url) {
      assertUrl(url, `${key}.url`);
    }
    const namespaces = c.getOptionalStringArray('namespaces') ?? [];
    namespaces.forEach((ns, i) =>
      assertNamespace(ns, `${key}.namespaces[${i}]`),
    );
    return {
      name: readName(c, key),
      url,
      caData: c.getOptionalString('caData'),
      caFile: c.getOptionalString('caFile'),
      skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      namespaces,
      auth,
    };
  });
}

function readOwnAuth(c: Config, key: string): SageMakerClusterAuth {
  const type = c.getString('type');
  switch (type) {
    case 'serviceAccount':
      return { type, token: c.getString('token') };
    case 'kubeconfig':
      return {
        type,
        path: c.getString('path'),
        context: c.getOptionalString('context'),
      };
    case 'inCluster':
      return { type };
    case 'aws':
      return {
        type,
        clusterName: c.getOptionalString('clusterName'),
        region: c.getOptionalString('region'),
        assumeRole: c.getOptionalString('assumeRole'),
        externalId: c.getOptionalString('externalId'),
        accountId: c.getOptionalString('accountId'),
      };
    default:
      throw new Error(
        `Invalid config at '${key}.type': '${type}' is not one of ${AUTH_TYPES.join(
          ', ',
        )}`,
      );
  }
}

function readKubernetesPluginClusters(
  config: Config,
  options: ReadSageMakerClusterConfigsOptions,
): SageMakerClusterConfig[] {
  const locators = config.getOptionalConfigArray(KUBERNETES_LOCATORS_KEY) ?? [];
  const result: SageMakerClusterConfig[] = [];
  locators.forEach((locator, locatorIndex) => {
    if (locator.getString('type') !== 'config') {
      return;
    }
    const clusters = locator.getOptionalConfigArray('clusters') ?? [];
    clusters.forEach((c, index) => {
      const key = `${KUBERNETES_LOCATORS_KEY}[${locatorIndex}].clusters[${index}]`;
      const name = readName(c, key);
      const url = c.getString('url');
      assertUrl(url, `${key}.url`);
      const authProvider =
        c.getOptionalString('authProvider') ?? 'serviceAccount';
      // Keys such as `kubernetes.io/aws-assume-role` are not valid config keys: read the object.
      const metadata = readAuthMetadata(c, `${key}.authMetadata`);
      let auth: SageMakerClusterAuth;
      if (authProvider === 'serviceAccount') {
        const token = c.getOptionalString('serviceAccountToken');
        if (!token) {
          // Without a token the Kubernetes plugin falls back to in-cluster credentials.
          auth = { type: 'inCluster' };
        } else {
          auth = { type: 'serviceAccount', token };
        }
      } else if (authProvider === 'aws') {
        auth = {
          type: 'aws',
          clusterName: metadata[AWS_CLUSTER_ID],
          assumeRole: metadata[AWS_ASSUME_ROLE],
          externalId: metadata[AWS_EXTERNAL_ID],
        };
      } else {
        options.onSkippedCluster?.(
          `Skipping cluster '${name}' at '${key}': auth provider '${authProvider}' is not supported by the SageMaker scaling plugins (use serviceAccount or aws, or configure ${CLUSTERS_KEY})`,
        );
        return;
      }
      result.push({
        name,
        url,
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
        namespaces: [],
        auth,
      });
    });
  });
  return result;
}

function readAuthMetadata(c: Config, key: string): Record<string, string> {
  const value = c.getOptional('authMetadata') ?? {};
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw new Error(`Invalid config at '${key}': must be an object of strings`);
  }
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new Error(`Invalid config at '${key}.${k}': must be a string`);
    }
    result[k] = v;
  }
  return result;
}

function readName(c: Config, key: string): string {
  const name = c.getString('name').trim();
  if (!name) {
    throw new Error(`Invalid config at '${key}.name': must not be empty`);
  }
  return name;
}

function assertUrl(url: string, key: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid config at '${key}': '${url}' is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `Invalid config at '${key}': the URL must use http or https, got '${parsed.protocol}'`,
    );
  }
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function assertNamespace(ns: string, key: string) {
  if (!DNS_1123_LABEL.test(ns)) {
    throw new Error(
      `Invalid config at '${key}': '${ns}' is not a Kubernetes namespace name (lower-case DNS-1123 label, at most 63 characters)`,
    );
  }
}

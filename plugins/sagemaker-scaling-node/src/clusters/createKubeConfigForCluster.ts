import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  AWS_AUTH_PROVIDER_NAME,
  EksTokenAuthenticator,
} from './EksTokenAuthenticator';
import type { SageMakerClusterConfig } from './types';

/**
 * Options of {@link createKubeConfigForCluster}.
 * @public
 */
export interface CreateKubeConfigForClusterOptions {
  /** Needed for clusters with `auth.type: aws`; build it with `DefaultAwsCredentialsManager.fromConfig(config)`. */
  awsCredentialsManager?: AwsCredentialsManager;
}

/**
 * Builds a `@kubernetes/client-node` KubeConfig for a configured cluster: static
 * service-account token, kubeconfig file (+ context, exec plugins included), in-cluster
 * service account, or AWS IAM (EKS) with tokens renewed before they expire.
 * @public
 */
export async function createKubeConfigForCluster(
  cluster: SageMakerClusterConfig,
  options: CreateKubeConfigForClusterOptions = {},
): Promise<KubeConfig> {
  const kc = new KubeConfig();
  const auth = cluster.auth;
  switch (auth.type) {
    case 'serviceAccount':
      load(kc, cluster, clusterEntry(cluster, requireUrl(cluster)), {
        name: userName(cluster),
        token: auth.token,
      });
      break;
    case 'kubeconfig': {
      kc.loadFromFile(auth.path);
      if (auth.context) {
        if (!kc.getContextObject(auth.context)) {
          throw new Error(
            `Cluster '${cluster.name}': context '${auth.context}' does not exist in kubeconfig ${auth.path}`,
          );
        }
        kc.setCurrentContext(auth.context);
      }
      overrideServer(kc, cluster, auth.path);
      break;
    }
    case 'inCluster':
      kc.loadFromCluster();
      overrideServer(kc, cluster, 'the in-cluster service account');
      break;
    case 'aws': {
      if (!options.awsCredentialsManager) {
        throw new Error(
          `Cluster '${cluster.name}' uses AWS IAM authentication but no AWS credentials manager was given`,
        );
      }
      kc.addAuthenticator(
        new EksTokenAuthenticator(
          cluster.name,
          auth,
          options.awsCredentialsManager,
        ),
      );
      load(kc, cluster, clusterEntry(cluster, requireUrl(cluster)), {
        name: userName(cluster),
        authProvider: { name: AWS_AUTH_PROVIDER_NAME, config: {} },
      });
      break;
    }
    default:
      throw new Error(
        `Cluster '${
          (cluster as SageMakerClusterConfig).name
        }': unsupported auth type`,
      );
  }
  return kc;
}

function requireUrl(cluster: SageMakerClusterConfig): string {
  if (!cluster.url) {
    throw new Error(
      `Cluster '${cluster.name}' has no url; auth type '${cluster.auth.type}' needs it`,
    );
  }
  return cluster.url;
}

function userName(cluster: SageMakerClusterConfig) {
  return `${cluster.name}-user`;
}

function clusterEntry(
  cluster: SageMakerClusterConfig,
  server: string,
): Cluster {
  return {
    name: cluster.name,
    server,
    caData: cluster.caData,
    caFile: cluster.caFile,
    skipTLSVerify: cluster.skipTLSVerify,
  };
}

function load(
  kc: KubeConfig,
  cluster: SageMakerClusterConfig,
  entry: Cluster,
  user: User,
) {
  kc.loadFromOptions({
    clusters: [entry],
    users: [user],
    contexts: [{ name: cluster.name, cluster: entry.name, user: user.name }],
    currentContext: cluster.name,
  });
}

/** Lets the config's url / CA / TLS settings win over what a kubeconfig file says. */
function overrideServer(
  kc: KubeConfig,
  cluster: SageMakerClusterConfig,
  source: string,
) {
  const current = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!current || !user) {
    throw new Error(
      `Cluster '${cluster.name}': ${source} has no current cluster and user`,
    );
  }
  if (
    !cluster.url &&
    !cluster.caData &&
    !cluster.caFile &&
    !cluster.skipTLSVerify
  ) {
    return;
  }
  const entry: Cluster = {
    ...current,
    server: cluster.url ?? current.server,
    caData: cluster.caData ?? (cluster.caFile ? undefined : current.caData),
    caFile: cluster.caFile ?? (cluster.caData ? undefined : current.caFile),
    skipTLSVerify: cluster.skipTLSVerify || current.skipTLSVerify,
  };
  kc.clusters = kc.clusters.map(c => (c.name === current.name ? entry : c));
}

/**
 * Which configured cluster a request is about, and its client: the same configuration
 * (`sagemakerScaling.clusters`, else the Kubernetes plugin's clusters) and the same
 * kubeconfig path for the backend, the scaffolder actions and the catalog module.
 */
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { createKubeConfigForCluster } from '../clusters/createKubeConfigForCluster';
import { readSageMakerClusterConfigs } from '../clusters/readSageMakerClusterConfigs';
import type { SageMakerClusterConfig } from '../clusters/types';
import {
  AckClusterClient,
  type AckClusterClientOptions,
} from './AckClusterClient';

/**
 * The cluster named `clusterName`, or the only one configured when no name is given.
 * Unknown names, no cluster at all, and a missing name among several clusters are input
 * errors naming the configured clusters.
 * @public
 */
export function resolveClusterConfig(
  clusters: SageMakerClusterConfig[],
  clusterName: string | undefined,
): SageMakerClusterConfig {
  const names = clusters.map(c => `'${c.name}'`).join(', ');
  if (clusters.length === 0) {
    throw new InputError(
      'No cluster is configured: add one under sagemakerScaling.clusters (or kubernetes.clusterLocatorMethods) in app-config',
    );
  }
  if (clusterName) {
    const cluster = clusters.find(c => c.name === clusterName);
    if (!cluster) {
      throw new InputError(
        `cluster '${clusterName}' is not configured; configured clusters: ${names}`,
      );
    }
    return cluster;
  }
  if (clusters.length === 1) return clusters[0];
  throw new InputError(
    `cluster is required when more than one cluster is configured; configured clusters: ${names}`,
  );
}

/**
 * Options of {@link createAckClusterClient}.
 * @public
 */
export interface CreateAckClusterClientOptions extends AckClusterClientOptions {
  /** Needed for clusters with `auth.type: aws`. */
  awsCredentialsManager?: AwsCredentialsManager;
}

/**
 * The client of one configured cluster (its KubeConfig from `createKubeConfigForCluster`).
 * @public
 */
export async function createAckClusterClient(
  cluster: SageMakerClusterConfig,
  options: CreateAckClusterClientOptions = {},
): Promise<AckClusterClient> {
  const kubeConfig = await createKubeConfigForCluster(cluster, {
    awsCredentialsManager: options.awsCredentialsManager,
  });
  return AckClusterClient.fromKubeConfig(cluster.name, kubeConfig, options);
}

/**
 * Builds the client of the cluster to use: by name, or the only one configured.
 * @public
 */
export type AckClusterClientFactory = (
  clusterName: string | undefined,
) => Promise<AckClusterClient>;

/**
 * Options of {@link createAckClusterClientFactory}.
 * @public
 */
export interface AckClusterClientFactoryOptions
  extends AckClusterClientOptions {
  config: Config;
  /** For clusters with `auth.type: aws`; built from the `aws` config when absent. */
  awsCredentialsManager?: AwsCredentialsManager;
}

/**
 * An {@link AckClusterClientFactory} over the configured clusters (read on each call,
 * so the factory can be made before the config names any), resolved with
 * {@link resolveClusterConfig}.
 * @public
 */
export function createAckClusterClientFactory(
  options: AckClusterClientFactoryOptions,
): AckClusterClientFactory {
  let awsCredentialsManager = options.awsCredentialsManager;
  return async clusterName => {
    const cluster = resolveClusterConfig(
      readSageMakerClusterConfigs(options.config),
      clusterName,
    );
    if (cluster.auth.type === 'aws' && !awsCredentialsManager) {
      awsCredentialsManager = DefaultAwsCredentialsManager.fromConfig(
        options.config,
      );
    }
    return createAckClusterClient(cluster, {
      awsCredentialsManager,
      requestTimeoutMs: options.requestTimeoutMs,
    });
  };
}

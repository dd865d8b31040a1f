/**
 * Picks the configured cluster an action talks to, with the same configuration the
 * backend plugin reads (`sagemakerScaling.clusters`, else the Kubernetes plugin's clusters).
 */
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  createKubeConfigForCluster,
  readSageMakerClusterConfigs,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import { AckClusterClient } from './AckClusterClient';

/**
 * Builds the client of the cluster an action should use.
 * @public
 */
export type ClusterClientFactory = (
  clusterName: string | undefined,
) => Promise<AckClusterClient>;

/**
 * Options of {@link createConfigClusterClientFactory}.
 * @public
 */
export interface ConfigClusterClientFactoryOptions {
  config: Config;
  /** For clusters with `auth.type: aws`; built from the `aws` config when absent. */
  awsCredentialsManager?: AwsCredentialsManager;
}

/**
 * A {@link ClusterClientFactory} over the configured clusters: the named one, or the only
 * one when no name is given. Unknown names and ambiguity are input errors naming the
 * clusters that exist.
 * @public
 */
export function createConfigClusterClientFactory(
  options: ConfigClusterClientFactoryOptions,
): ClusterClientFactory {
  let awsCredentialsManager = options.awsCredentialsManager;
  return async clusterName => {
    const clusters = readSageMakerClusterConfigs(options.config);
    const names = clusters.map(c => `'${c.name}'`).join(', ');
    if (clusters.length === 0) {
      throw new InputError(
        'No cluster is configured: add one under sagemakerScaling.clusters (or kubernetes.clusterLocatorMethods) in app-config',
      );
    }
    let cluster;
    if (clusterName) {
      cluster = clusters.find(c => c.name === clusterName);
      if (!cluster) {
        throw new InputError(
          `cluster '${clusterName}' is not configured; configured clusters: ${names}`,
        );
      }
    } else if (clusters.length === 1) {
      cluster = clusters[0];
    } else {
      throw new InputError(
        `cluster is required when more than one cluster is configured; configured clusters: ${names}`,
      );
    }
    if (cluster.auth.type === 'aws' && !awsCredentialsManager) {
      awsCredentialsManager = DefaultAwsCredentialsManager.fromConfig(
        options.config,
      );
    }
    const kubeConfig = await createKubeConfigForCluster(cluster, {
      awsCredentialsManager,
    });
    return AckClusterClient.fromKubeConfig(cluster.name, kubeConfig);
  };
}

import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createAckClusterClient,
  type SageMakerClusterConfig,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import { ClusterResourceCache } from '../cache/ClusterResourceCache';
import {
  readKubeSettings,
  type KubeSettings,
} from '../config/readScalingBackendConfig';
import { ClusterRegistry } from './ClusterRegistry';

/**
 * Builds the client and watch cache of every configured cluster (not started yet);
 * `config` is for the AWS credentials of EKS clusters.
 * @internal
 */
export async function connectClusters(
  config: Config,
  clusterConfigs: SageMakerClusterConfig[],
  kube: KubeSettings = readKubeSettings(config),
): Promise<ClusterRegistry> {
  const needsAws = clusterConfigs.some(c => c.auth.type === 'aws');
  const awsCredentialsManager = needsAws
    ? DefaultAwsCredentialsManager.fromConfig(config)
    : undefined;
  const { requestTimeoutMs, backoff, staleAfterMs } = kube;
  const connections = await Promise.all(
    clusterConfigs.map(async clusterConfig => {
      const api = await createAckClusterClient(clusterConfig, {
        awsCredentialsManager,
        requestTimeoutMs,
      });
      const cache = new ClusterResourceCache({
        cluster: clusterConfig.name,
        api,
        namespaces: clusterConfig.namespaces,
        backoff,
        staleAfterMs,
      });
      return { config: clusterConfig, api, cache };
    }),
  );
  return new ClusterRegistry(connections);
}

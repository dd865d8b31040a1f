import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createAckClusterClient,
  type SageMakerClusterConfig,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  ClusterResourceCache,
  DEFAULT_BACKOFF,
  DEFAULT_STALE_AFTER_MS,
} from '../cache/ClusterResourceCache';
import { ClusterRegistry } from './ClusterRegistry';

/**
 * Builds the client and watch cache of every configured cluster (not started yet).
 * @internal
 */
export async function connectClusters(
  config: Config,
  clusterConfigs: SageMakerClusterConfig[],
): Promise<ClusterRegistry> {
  const needsAws = clusterConfigs.some(c => c.auth.type === 'aws');
  const awsCredentialsManager = needsAws
    ? DefaultAwsCredentialsManager.fromConfig(config)
    : undefined;
  const requestTimeoutMs =
    (config.getOptionalNumber('sagemakerScaling.requestTimeoutSeconds') ?? 10) *
    1000;
  const backoff = {
    initialMs:
      (config.getOptionalNumber(
        'sagemakerScaling.watch.initialBackoffSeconds',
      ) ?? DEFAULT_BACKOFF.initialMs / 1000) * 1000,
    maxMs:
      (config.getOptionalNumber('sagemakerScaling.watch.maxBackoffSeconds') ??
        DEFAULT_BACKOFF.maxMs / 1000) * 1000,
  };
  const staleAfterMs =
    (config.getOptionalNumber('sagemakerScaling.watch.staleAfterSeconds') ??
      DEFAULT_STALE_AFTER_MS / 1000) * 1000;
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

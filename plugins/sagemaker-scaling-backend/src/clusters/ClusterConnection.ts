import type { SageMakerClusterConfig } from '@mlplatform/plugin-sagemaker-scaling-node';
import type { ClusterResourceCache } from '../cache/ClusterResourceCache';
import type { AckKubernetesApi } from '../kubernetes/AckKubernetesApi';

/**
 * A configured cluster with its API client and watch cache.
 * @internal
 */
export interface ClusterConnection {
  config: SageMakerClusterConfig;
  api: AckKubernetesApi;
  cache: ClusterResourceCache;
}

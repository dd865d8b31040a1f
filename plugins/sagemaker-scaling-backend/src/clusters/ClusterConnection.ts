import type {
  AckClusterApi,
  SageMakerClusterConfig,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import type { ClusterResourceCache } from '../cache/ClusterResourceCache';

/**
 * A configured cluster with its API client and watch cache.
 * @internal
 */
export interface ClusterConnection {
  config: SageMakerClusterConfig;
  api: AckClusterApi;
  cache: ClusterResourceCache;
}

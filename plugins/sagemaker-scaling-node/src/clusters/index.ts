export * from './types';
export {
  readSageMakerClusterConfigs,
  type ReadSageMakerClusterConfigsOptions,
} from './readSageMakerClusterConfigs';
export {
  createKubeConfigForCluster,
  type CreateKubeConfigForClusterOptions,
} from './createKubeConfigForCluster';

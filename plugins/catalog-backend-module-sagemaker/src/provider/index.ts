export {
  SageMakerEndpointEntityProvider,
  type SageMakerEndpointEntityProviderOptions,
} from './SageMakerEndpointEntityProvider';

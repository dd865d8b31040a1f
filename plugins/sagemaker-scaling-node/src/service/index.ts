export type {
  SageMakerScalingService,
  SageMakerScalingRequestOptions,
  SageMakerScalingActivitiesRequest,
} from './SageMakerScalingService';
export { DefaultSageMakerScalingService } from './DefaultSageMakerScalingService';
export { sagemakerScalingServiceRef } from './sagemakerScalingServiceRef';

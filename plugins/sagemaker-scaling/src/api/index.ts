export {
  sagemakerScalingApiRef,
  type SageMakerScalingApi,
  type FollowSnapshotsOptions,
} from './SageMakerScalingApi';
export { SageMakerScalingClient } from './SageMakerScalingClient';
export { ScalingStreamError } from './ScalingStreamError';
export {
  ServerSentEventParser,
  type ServerSentEvent,
} from './ServerSentEventParser';
export type {
  InstancePriceEstimate,
  InstancePriceQuery,
  KnownInstancePriceEstimate,
  ScalingPlanReplay,
  ScalingPlanRequest,
  ScalingPlanResponse,
  UnknownInstancePriceEstimate,
} from './planTypes';

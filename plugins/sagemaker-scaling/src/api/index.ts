export {
  sagemakerScalingApiRef,
  type SageMakerScalingApi,
  type FollowSnapshotsOptions,
} from './SageMakerScalingApi';
export { SageMakerScalingClient, ScalingStreamError } from './SageMakerScalingClient';
export {
  ServerSentEventParser,
  type ServerSentEvent,
} from './ServerSentEventParser';

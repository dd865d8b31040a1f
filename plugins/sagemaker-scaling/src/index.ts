/**
 * Live SageMaker endpoint scaling on ML service pages: an entity card and an entity tab,
 * following the `sagemaker-scaling` backend's event stream.
 *
 * @packageDocumentation
 */
export {
  sagemakerScalingPlugin,
  EntitySageMakerScalingCard,
  EntitySageMakerScalingContent,
} from './plugin';
export { isSageMakerScalingAvailable } from './conditions';
export {
  sagemakerScalingApiRef,
  SageMakerScalingClient,
  ScalingStreamError,
  ServerSentEventParser,
  type SageMakerScalingApi,
  type FollowSnapshotsOptions,
  type ServerSentEvent,
} from './api';
export {
  useLiveScalingSnapshot,
  type LiveConnectionState,
  type LiveScalingOptions,
  type LiveScalingSnapshot,
} from './hooks/useLiveScalingSnapshot';
export type { EntitySageMakerScalingCardProps } from './components/EntitySageMakerScalingCard';
export type { EntitySageMakerScalingContentProps } from './components/EntitySageMakerScalingContent';

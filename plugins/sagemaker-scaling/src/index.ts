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
  SageMakerCostEstimateFieldExtension,
} from './plugin';
export {
  SageMakerCostEstimateField,
  SAGEMAKER_COST_ESTIMATE_FIELD,
} from './components/SageMakerCostEstimateField';
export { isSageMakerScalingAvailable } from './conditions';
export {
  sagemakerScalingApiRef,
  SageMakerScalingClient,
  ScalingStreamError,
  ServerSentEventParser,
  type SageMakerScalingApi,
  type FollowSnapshotsOptions,
  type ServerSentEvent,
  type InstancePriceEstimate,
  type InstancePriceQuery,
  type KnownInstancePriceEstimate,
  type ScalingPlanReplay,
  type ScalingPlanRequest,
  type ScalingPlanResponse,
  type UnknownInstancePriceEstimate,
} from './api';
export {
  useLiveScalingSnapshot,
  type LiveConnectionState,
  type LiveScalingOptions,
  type LiveScalingSnapshot,
} from './hooks/useLiveScalingSnapshot';
export type { EntitySageMakerScalingCardProps } from './components/EntitySageMakerScalingCard';
export type { EntitySageMakerScalingContentProps } from './components/EntitySageMakerScalingContent';

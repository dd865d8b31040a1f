/**
 * Live SageMaker endpoint scaling: an entity card and tab on ML service pages, the "ML
 * endpoints" page of the whole fleet and its card for System and Group pages,
 * following the `sagemaker-scaling` backend's event stream.
 *
 * @packageDocumentation
 */
export {
  sagemakerScalingPlugin,
  EntitySageMakerScalingCard,
  EntitySageMakerScalingContent,
  SageMakerCostEstimateFieldExtension,
  SageMakerFleetPage,
  EntitySageMakerFleetCard,
} from './plugin';
export { sagemakerFleetRouteRef } from './routes';
export {
  SageMakerCostEstimateField,
  SAGEMAKER_COST_ESTIMATE_FIELD,
} from './components/SageMakerCostEstimateField';
export {
  isSageMakerScalingAvailable,
  isSageMakerFleetAvailable,
} from './conditions';
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
export type { EntitySageMakerFleetCardProps } from './components/EntitySageMakerFleetCard';
export type { SageMakerFleetPageProps } from './components/SageMakerFleet';

export { readManifestsInput } from './readManifestsInput';
export { checkUpdateSafety } from './checkUpdateSafety';
export {
  waitForScaledEndpoint,
  ScaledEndpointWaitError,
  type ScaledEndpointReady,
  type WaitForScaledEndpointOptions,
} from './waitForScaledEndpoint';
export {
  reportResources,
  formatResourceReports,
  type ScaledEndpointResourceNames,
  type ScaledEndpointResourceReport,
} from './resourceReport';
export {
  findScaledEndpointResources,
  type ResourceRef,
  type ScaledEndpointDeletionPlan,
} from './findScaledEndpointResources';
export {
  deleteResourceAndWait,
  DeletionTimeoutError,
} from './deleteScaledEndpointResources';
export { retryTransient } from './retryTransient';
export {
  describeResourceStatus,
  summarizeResourceStatus,
} from './resourceStatus';
export { changedFields } from './changedFields';
export { readTimeoutMinutes } from './timeoutMinutes';

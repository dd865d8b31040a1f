export { SAGEMAKER_SCALING_FIELD_MANAGER } from './fieldManager';
export type {
  AckApplyOptions,
  AckClusterApi,
  AckDeleteOutcome,
  AckList,
  AckListOptions,
  AckListPageOptions,
  AckWatch,
  AckWatchEvent,
  AckWatchHandlers,
  AckWatchOptions,
} from './AckClusterApi';
export {
  AckClusterClient,
  type AckClusterClientOptions,
} from './AckClusterClient';
export {
  toClusterError,
  isTransientClusterError,
  isClusterNotFound,
  isClusterGone,
} from './toClusterError';
export {
  resolveClusterConfig,
  createAckClusterClient,
  createAckClusterClientFactory,
  type AckClusterClientFactory,
  type AckClusterClientFactoryOptions,
  type CreateAckClusterClientOptions,
} from './resolveClusterConfig';
export {
  AckResourceWatcher,
  type AckResourceWatcherOptions,
  type AckResourceWatcherSink,
  type AckResourceWatcherState,
} from './AckResourceWatcher';
export { Backoff, sleep, type BackoffOptions } from './backoff';

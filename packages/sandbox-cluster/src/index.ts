/**
 * A local sandbox that stands in for EKS + the ACK controllers + Application Auto
 * Scaling: it speaks the Kubernetes API (the five ACK kinds) and Application Auto
 * Scaling's AWS JSON API, with simulated controllers, traffic and target tracking.
 * It is a sandbox: nothing in it talks to AWS.
 *
 * @packageDocumentation
 */
export { startSandboxCluster, SandboxCluster } from './startSandboxCluster';
export type {
  SandboxClusterOptions,
  SeedEndpointsOptions,
} from './sandboxClusterOptions';
export { SimClock } from './SimClock';
export type { SimClockMode, SimClockOptions } from './SimClock';
export { FaultInjector } from './Faults';
export type { FaultState, FaultTarget } from './Faults';
export { TRAFFIC_ANNOTATION, invocationsAt } from './simulation/traffic';
export type { TrafficPattern, TrafficSettings } from './simulation/traffic';
export type { VariantMetricPoint } from './simulation/ScalingSimulator';
export { FAILING_IMAGE_MARKER } from './aws/SageMakerService';
export {
  DEMO_ENDPOINT_NAME,
  DEMO_NAMESPACE,
  SECOND_DEMO_ENDPOINT_NAME,
} from './demo';
export { SANDBOX_CONTEXT } from './kubeconfig';
export { KubeStatusError } from './kube/KubeStatusError';
export type {
  KubeStatus,
  StatusCause,
  StatusDetails,
} from './kube/KubeStatusError';
export { ObjectStore } from './kube/ObjectStore';
export type {
  KubeObject,
  KubeObjectMeta,
  ManagedFieldsEntry,
  ObjectStoreOptions,
  StoreEvent,
  StoreWatch,
} from './kube/ObjectStore';
export { ResourceApi } from './kube/ResourceApi';
export type {
  DeleteOptions,
  DeleteResult,
  FieldValidation,
  ListOptions,
  ListResult,
  PatchType,
  ResourceApiOptions,
  WatchOptions,
  WriteOptions,
  WriteResult,
} from './kube/resourceApiTypes';
export type {
  ResourceDefinition,
  PrinterColumn,
  SchemaNode,
} from './kube/crds';
export type { SandboxUser } from './kube/sandboxUser';

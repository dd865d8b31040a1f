/**
 * Isomorphic building blocks of the SageMaker scaling plugins: the ACK resource model,
 * annotations, permissions, manifest builders and validation, the scaling-state types
 * and the target-tracking model.
 *
 * @packageDocumentation
 */
export * from './resources';
export * from './annotations';
export * from './catalogLabels';
export * from './binding';
export * from './permissions';
export * from './snapshot';
export * from './activities';
export * from './manifests';
export * from './targetTracking';
export * from './planning';
export * from './pricing';
export * from './fleet';
export * from './history';

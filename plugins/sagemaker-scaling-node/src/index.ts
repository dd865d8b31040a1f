/**
 * Node library of the SageMaker scaling plugins: the cluster configuration and
 * Kubernetes client helpers shared by the backend plugin and the scaffolder actions, and
 * `sagemakerScalingServiceRef` for other backend plugins.
 *
 * @packageDocumentation
 */
export * from './clusters';
export * from './kubernetes';
export * from './service';

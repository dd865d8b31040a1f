/**
 * Scaffolder actions that render the ACK resources of an autoscaled SageMaker endpoint.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSagemaker as default } from './module';
export * from './actions';

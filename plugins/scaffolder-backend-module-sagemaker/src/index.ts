/**
 * Scaffolder actions that render, apply, wait for and delete the ACK resources of an
 * autoscaled SageMaker endpoint, and wait for the catalog entity provider to catalog it.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSagemaker as default } from './module';
export * from './actions';

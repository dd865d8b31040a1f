/**
 * Catalog backend module that ingests ML services from the labelled ACK SageMaker
 * Endpoints of the configured clusters.
 *
 * @packageDocumentation
 */
export { catalogModuleSagemakerEndpoints as default } from './module';
export * from './provider';

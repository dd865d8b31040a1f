export {
  createRenderScaledEndpointAction,
  RENDER_SCALED_ENDPOINT_ACTION_ID,
} from './renderScaledEndpoint';
export {
  createApplyScaledEndpointAction,
  type ApplyScaledEndpointActionOptions,
} from './applyScaledEndpoint';
export {
  createDeleteScaledEndpointAction,
  type DeleteScaledEndpointActionOptions,
} from './deleteScaledEndpoint';
export {
  createAwaitCatalogServiceAction,
  AWAIT_CATALOG_SERVICE_ACTION_ID,
  type AwaitCatalogServiceActionOptions,
} from './awaitCatalogService';

export {
  createRenderScaledEndpointAction,
  RENDER_SCALED_ENDPOINT_ACTION_ID,
  type RenderScaledEndpointInput,
  type RenderScaledEndpointOutput,
} from './renderScaledEndpoint';
export {
  createApplyScaledEndpointAction,
  type ApplyScaledEndpointActionOptions,
  type ApplyScaledEndpointInput,
  type ApplyScaledEndpointOutput,
} from './applyScaledEndpoint';
export {
  createDeleteScaledEndpointAction,
  type DeleteScaledEndpointActionOptions,
  type DeleteScaledEndpointInput,
  type DeleteScaledEndpointOutput,
} from './deleteScaledEndpoint';
export {
  createAwaitCatalogServiceAction,
  AWAIT_CATALOG_SERVICE_ACTION_ID,
  type AwaitCatalogServiceActionOptions,
  type AwaitCatalogServiceInput,
  type AwaitCatalogServiceOutput,
} from './awaitCatalogService';

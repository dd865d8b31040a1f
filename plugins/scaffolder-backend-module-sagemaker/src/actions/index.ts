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
  createRegisterLocalCatalogAction,
  REGISTER_LOCAL_CATALOG_ACTION_ID,
  type RegisterLocalCatalogActionOptions,
} from './registerLocalCatalog';

export {
  createRenderScaledEndpointAction,
  RENDER_SCALED_ENDPOINT_ACTION_ID,
} from './renderScaledEndpoint';

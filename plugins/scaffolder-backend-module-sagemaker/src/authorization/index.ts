export { userInitiatorCredentials } from './initiatorCredentials';
export { assertMayUpdateEntity } from './entityUpdatePermission';
export { assertResourcesBoundTo } from './resourcesBoundTo';
export {
  authorizeEndpointWrite,
  type EndpointWriteAuthorization,
} from './authorizeEndpointWrite';

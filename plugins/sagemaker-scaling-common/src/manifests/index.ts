export * from './types';
export * from './names';
export * from './metrics';
export * from './fieldRules';
export { ScaledEndpointSpecError } from './ScaledEndpointSpecError';
export {
  validateScalingSettings,
  MAX_COOLDOWN_SECONDS,
  DEFAULT_COOLDOWN_SECONDS,
} from './validateScalingSettings';
export {
  validateScaledEndpointSpec,
  SCALED_ENDPOINT_SPEC_FIELDS,
} from './validateScaledEndpointSpec';
export * from './normalizeScaledEndpointSpec';
export * from './buildScaledEndpointManifests';
export { manifestsToYaml } from './manifestsToYaml';

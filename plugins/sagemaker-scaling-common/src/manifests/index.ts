export * from './types';
export * from './names';
export * from './metrics';
export {
  MODEL_DATA_URL_PATTERN,
  MODEL_DATA_URL_MAX_LENGTH,
  IMAGE_PATTERN,
  IMAGE_MAX_LENGTH,
  EXECUTION_ROLE_ARN_PATTERN,
  EXECUTION_ROLE_ARN_MIN_LENGTH,
  EXECUTION_ROLE_ARN_MAX_LENGTH,
  INSTANCE_TYPE_PATTERN,
  NON_AUTOSCALABLE_INSTANCE_PATTERN,
  LOWERCASE_SAGEMAKER_NAME_PATTERN,
  AWS_MAX_INTEGER,
  TARGET_VALUE_MIN,
  TARGET_VALUE_MAX,
  MAX_COOLDOWN_SECONDS,
  SCALED_ENDPOINT_FIELD_RULES,
  SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS,
  SCALING_SETTINGS_FIELDS,
  fieldRuleMessage,
  type FieldRule,
  type StringFieldRule,
  type EnumFieldRule,
  type NumberFieldRule,
  type BooleanFieldRule,
  type ScaledEndpointField,
} from './fieldRules';
export * from './fieldSchema';
export { ScaledEndpointSpecError } from './ScaledEndpointSpecError';
export {
  validateScalingSettings,
  DEFAULT_COOLDOWN_SECONDS,
} from './validateScalingSettings';
export {
  validateScaledEndpointSpec,
  SCALED_ENDPOINT_SPEC_FIELDS,
} from './validateScaledEndpointSpec';
export { validateScaledEndpointManifests } from './validateScaledEndpointManifests';
export * from './normalizeScaledEndpointSpec';
export * from './buildScaledEndpointManifests';
export { manifestsToYaml } from './manifestsToYaml';

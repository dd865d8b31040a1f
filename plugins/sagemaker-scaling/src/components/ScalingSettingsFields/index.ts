export {
  ScalingSettingsFields,
  type ScalingSettingsFieldsProps,
} from './ScalingSettingsFields';

export {
  EntitySageMakerScalingContent,
  type EntitySageMakerScalingContentProps,
} from './EntitySageMakerScalingContent';

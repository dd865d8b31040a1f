export {
  EntitySageMakerScalingCard,
  type EntitySageMakerScalingCardProps,
} from './EntitySageMakerScalingCard';

export {
  EntitySageMakerFleetCard,
  type EntitySageMakerFleetCardProps,
} from './EntitySageMakerFleetCard';

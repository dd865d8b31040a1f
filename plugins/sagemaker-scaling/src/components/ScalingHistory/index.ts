export {
  ScalingHistoryCard,
  type ScalingHistoryCardProps,
} from './ScalingHistoryCard';

export {
  SageMakerFleetContent,
  SageMakerFleetPage,
} from './SageMakerFleetPage';
export type { SageMakerFleetPageProps } from './SageMakerFleetView';

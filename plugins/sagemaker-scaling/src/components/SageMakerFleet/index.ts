export {
  FLEET_PAGE_TITLE,
  SageMakerFleetContent,
  SageMakerFleetPage,
} from './SageMakerFleetPage';
export type { SageMakerFleetPageProps } from './SageMakerFleetView';

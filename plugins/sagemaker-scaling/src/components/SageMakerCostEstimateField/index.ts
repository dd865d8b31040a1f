export {
  SageMakerCostEstimateField,
  SAGEMAKER_COST_ESTIMATE_FIELD,
} from './SageMakerCostEstimateField';

import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  SAGEMAKER_COST_ESTIMATE_FIELD,
  SageMakerCostEstimateField,
} from './SageMakerCostEstimateField';

/** The cost estimate as a form field of the new frontend system's scaffolder. @internal */
export const costEstimateFormField = createFormField({
  name: SAGEMAKER_COST_ESTIMATE_FIELD,
  component: SageMakerCostEstimateField,
});

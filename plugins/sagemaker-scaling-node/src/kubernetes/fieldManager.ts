/**
 * Field manager of every server-side apply the SageMaker scaling plugins make (backend
 * and scaffolder actions), so `kubectl get -o yaml --show-managed-fields` tells which
 * fields the plugins own.
 * @public
 */
export const SAGEMAKER_SCALING_FIELD_MANAGER = 'backstage-sagemaker-scaling';

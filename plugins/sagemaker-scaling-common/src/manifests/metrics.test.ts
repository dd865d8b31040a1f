import {
  INSTANCE_VARIANT_METRIC_TYPES,
  metricFitsDimension,
  SAGEMAKER_VARIANT_METRICS,
} from './metrics';

describe('SageMaker variant metrics', () => {
  it('lists all five SageMaker predefined metrics', () => {
    expect(SAGEMAKER_VARIANT_METRICS.map(m => m.metricType).sort()).toEqual([
      'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
      'SageMakerInferenceComponentInvocationsPerCopy',
      'SageMakerVariantConcurrentRequestsPerModelHighResolution',
      'SageMakerVariantInvocationsPerInstance',
      'SageMakerVariantProvisionedConcurrencyUtilization',
    ]);
  });

  it('offers the two instance-count metrics for instance-based variants', () => {
    expect(INSTANCE_VARIANT_METRIC_TYPES).toEqual([
      'SageMakerVariantInvocationsPerInstance',
      'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    ]);
  });

  it.each([
    [
      'SageMakerVariantInvocationsPerInstance',
      'sagemaker:variant:DesiredInstanceCount',
      true,
    ],
    [
      'SageMakerVariantProvisionedConcurrencyUtilization',
      'sagemaker:variant:DesiredProvisionedConcurrency',
      true,
    ],
    [
      'SageMakerInferenceComponentInvocationsPerCopy',
      'sagemaker:inference-component:DesiredCopyCount',
      true,
    ],
    [
      'SageMakerVariantProvisionedConcurrencyUtilization',
      'sagemaker:variant:DesiredInstanceCount',
      false,
    ],
    [
      'SageMakerInferenceComponentInvocationsPerCopy',
      'sagemaker:variant:DesiredInstanceCount',
      false,
    ],
    [
      'SageMakerVariantInvocationsPerInstance',
      'sagemaker:inference-component:DesiredCopyCount',
      false,
    ],
    [
      'ALBRequestCountPerTarget',
      'sagemaker:variant:DesiredInstanceCount',
      false,
    ],
  ])('metricFitsDimension(%s, %s) is %p', (metric, dimension, fits) => {
    expect(metricFitsDimension(metric, dimension)).toBe(fits);
  });
});

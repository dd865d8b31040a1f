import type {
  SageMakerPredefinedMetricType,
  SageMakerScalableDimension,
} from '../resources';

/** The scalable dimension of an instance-based SageMaker endpoint variant. @public */
export const VARIANT_INSTANCE_COUNT_DIMENSION: SageMakerScalableDimension =
  'sagemaker:variant:DesiredInstanceCount';

/** A SageMaker predefined metric and the scalable dimension it can drive. @public */
export interface SageMakerVariantMetric {
  metricType: SageMakerPredefinedMetricType;
  dimension: SageMakerScalableDimension;
  /** What the metric measures, for help texts. */
  description: string;
}

/**
 * All five SageMaker predefined metric types of Application Auto Scaling, each with the
 * one scalable dimension it pairs with.
 * @public
 */
export const SAGEMAKER_VARIANT_METRICS: readonly SageMakerVariantMetric[] = [
  {
    metricType: 'SageMakerVariantInvocationsPerInstance',
    dimension: 'sagemaker:variant:DesiredInstanceCount',
    description:
      'Average invocations per instance per minute (the recommended metric)',
  },
  {
    metricType: 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    dimension: 'sagemaker:variant:DesiredInstanceCount',
    description:
      'Concurrent requests per model copy, emitted every 10 seconds (faster scale-out)',
  },
  {
    metricType: 'SageMakerVariantProvisionedConcurrencyUtilization',
    dimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
    description: 'Provisioned concurrency utilization of a serverless variant',
  },
  {
    metricType: 'SageMakerInferenceComponentInvocationsPerCopy',
    dimension: 'sagemaker:inference-component:DesiredCopyCount',
    description: 'Invocations per inference component copy',
  },
  {
    metricType:
      'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
    dimension: 'sagemaker:inference-component:DesiredCopyCount',
    description:
      'Concurrent requests per inference component copy, emitted every 10 seconds',
  },
];

/** The metric used when none is given. @public */
export const DEFAULT_METRIC_TYPE: SageMakerPredefinedMetricType =
  'SageMakerVariantInvocationsPerInstance';

/**
 * Whether a predefined metric can drive a scalable dimension; false for unknown metrics.
 * @public
 */
export function metricFitsDimension(
  metric: string,
  dimension: string,
): boolean {
  return SAGEMAKER_VARIANT_METRICS.some(
    m => m.metricType === metric && m.dimension === dimension,
  );
}

/**
 * The metric types a scaled instance-based endpoint variant may use.
 * @public
 */
export const INSTANCE_VARIANT_METRIC_TYPES: readonly SageMakerPredefinedMetricType[] =
  SAGEMAKER_VARIANT_METRICS.filter(
    m => m.dimension === VARIANT_INSTANCE_COUNT_DIMENSION,
  ).map(m => m.metricType);

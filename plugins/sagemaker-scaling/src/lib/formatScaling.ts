import type { VariantState } from '@mlplatform/plugin-sagemaker-scaling-common';

/** "2 / 2 instances" (current / desired); a dash where a count is unknown. @internal */
export function formatInstanceCounts(variant: VariantState): string {
  const show = (n: number | undefined) => (n === undefined ? '–' : String(n));
  return `${show(variant.currentInstanceCount)} / ${show(
    variant.desiredInstanceCount,
  )} instances`;
}

/** Human name of the metric a variant's target-tracking policy tracks. @internal */
export function describeMetric(
  variant: Pick<VariantState, 'metricType' | 'customMetricName'> | undefined,
): string {
  switch (variant?.metricType) {
    case 'SageMakerVariantInvocationsPerInstance':
      return 'invocations per instance per minute';
    case 'SageMakerVariantConcurrentRequestsPerModelHighResolution':
      return 'concurrent requests per model';
    case 'SageMakerVariantProvisionedConcurrencyUtilization':
      return 'provisioned concurrency utilisation';
    default:
      return variant?.customMetricName ?? variant?.metricType ?? 'metric value';
  }
}

/** A load or target value: integers as they are, others to one decimal. @internal */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

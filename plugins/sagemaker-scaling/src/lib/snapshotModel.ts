import {
  parseVariantResourceId,
  type AckCondition,
  type EndpointStatusValue,
  type FindingSeverity,
  type ResourceSummary,
  type ScalableTargetSummary,
  type ScalingFinding,
  type ScalingPolicySummary,
  type ScalingSnapshot,
  type VariantState,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** What scales one variant. @internal */
export interface VariantScaling {
  variant: VariantState;
  target?: ScalableTargetSummary;
  policy?: ScalingPolicySummary;
}

function isForVariant(
  resourceID: string,
  snapshot: ScalingSnapshot,
  variantName: string,
) {
  const parsed = parseVariantResourceId(resourceID);
  return (
    parsed?.variantName === variantName &&
    (!snapshot.endpoint ||
      parsed.endpointName === snapshot.endpoint.endpointName)
  );
}

/**
 * Pairs each variant with its ScalableTarget and (first target-tracking) ScalingPolicy,
 * by the names the backend resolved, else by `resourceID`.
 * @internal
 */
export function getVariantScaling(snapshot: ScalingSnapshot): VariantScaling[] {
  return snapshot.variants.map(variant => {
    const target =
      snapshot.scalableTargets.find(
        t => t.ref.name === variant.scalableTargetName,
      ) ??
      snapshot.scalableTargets.find(t =>
        isForVariant(t.resourceID, snapshot, variant.variantName),
      );
    const policies = snapshot.scalingPolicies.filter(
      p =>
        variant.scalingPolicyNames.includes(p.ref.name) ||
        isForVariant(p.resourceID, snapshot, variant.variantName),
    );
    const policy =
      policies.find(p => p.policyType === 'TargetTrackingScaling') ??
      policies[0];
    return { variant, target, policy };
  });
}

/** Visual category of an endpoint status. @internal */
export type StatusTone = 'ok' | 'pending' | 'warning' | 'error' | 'unknown';

/** @internal */
export function endpointStatusTone(
  status: EndpointStatusValue | undefined,
): StatusTone {
  switch (status) {
    case 'InService':
      return 'ok';
    case 'Creating':
    case 'Updating':
    case 'SystemUpdating':
    case 'RollingBack':
      return 'pending';
    case 'Deleting':
    case 'OutOfService':
      return 'warning';
    case 'Failed':
    case 'UpdateRollbackFailed':
      return 'error';
    default:
      return 'unknown';
  }
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/** Every resource summary of a snapshot, in apply order. @internal */
export function allResources(snapshot: ScalingSnapshot): ResourceSummary[] {
  return [
    ...snapshot.models,
    ...(snapshot.endpointConfig ? [snapshot.endpointConfig] : []),
    ...(snapshot.endpoint ? [snapshot.endpoint] : []),
    ...snapshot.scalableTargets,
    ...snapshot.scalingPolicies,
  ];
}

/** True for conditions that mean the controller gave up (`ACK.Terminal` = True). @internal */
export function isTerminal(condition: AckCondition): boolean {
  return condition.type === 'ACK.Terminal' && condition.status === 'True';
}

/**
 * The findings to show, most severe first. Adds what the snapshot itself proves when
 * the backend did not report it (a failed endpoint, a Terminal condition), so the
 * controller's message is never hidden.
 * @internal
 */
export function collectFindings(snapshot: ScalingSnapshot): ScalingFinding[] {
  const findings = [...snapshot.findings];
  const endpoint = snapshot.endpoint;
  if (
    endpoint &&
    endpointStatusTone(endpoint.status) === 'error' &&
    !findings.some(f => f.code === 'endpoint-failed')
  ) {
    findings.push({
      code: 'endpoint-failed',
      severity: 'error',
      message: `Endpoint ${endpoint.endpointName} is ${endpoint.status}${
        endpoint.failureReason ? `: ${endpoint.failureReason}` : ''
      }`,
      resource: endpoint.ref,
    });
  }
  for (const resource of allResources(snapshot)) {
    const terminal = resource.conditions.find(isTerminal);
    const reported = findings.some(
      f =>
        (f.code === 'terminal-condition' || f.code === 'endpoint-failed') &&
        f.resource?.kind === resource.ref.kind &&
        f.resource?.name === resource.ref.name,
    );
    if (terminal && !reported) {
      findings.push({
        code: 'terminal-condition',
        severity: 'error',
        message: `${resource.ref.kind} ${resource.ref.name} is Terminal: ${
          terminal.message ??
          terminal.reason ??
          'no message from the controller'
        }`,
        resource: resource.ref,
      });
    }
  }
  // Stable sort keeps the backend's order within one severity.
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] -
          SEVERITY_ORDER[b.finding.severity] || a.index - b.index,
    )
    .map(({ finding }) => finding);
}

/** "2 / 2 instances" (current / desired); a dash where a count is unknown. @internal */
export function formatInstanceCounts(variant: VariantState): string {
  const show = (n: number | undefined) => (n === undefined ? '–' : String(n));
  return `${show(variant.currentInstanceCount)} / ${show(
    variant.desiredInstanceCount,
  )} instances`;
}

/** Human name of a target-tracking metric. @internal */
export function describeMetric(
  policy: ScalingPolicySummary | undefined,
): string {
  switch (policy?.metricType) {
    case 'SageMakerVariantInvocationsPerInstance':
      return 'invocations per instance per minute';
    case 'SageMakerVariantConcurrentRequestsPerModelHighResolution':
      return 'concurrent requests per model';
    case 'SageMakerVariantProvisionedConcurrencyUtilization':
      return 'provisioned concurrency utilisation';
    default:
      return policy?.customMetricName ?? policy?.metricType ?? 'metric value';
  }
}

import {
  metricFitsDimension,
  parseVariantResourceId,
  type AnyAckResource,
  type FindingCode,
  type FindingSeverity,
  type ScalingActivity,
  type ScalingFinding,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ScalingSnapshotInput } from './types';
import { refOf } from './summaries';

/** The order findings of equal severity are listed in (the issue's order). */
const CODE_ORDER: FindingCode[] = [
  'endpoint-not-found',
  'endpoint-failed',
  'terminal-condition',
  'recoverable-condition',
  'at-max-capacity',
  'variant-without-scalable-target',
  'target-for-missing-variant',
  'policy-for-missing-target',
  'target-without-policy',
  'scaling-suspended',
  'scale-in-disabled',
  'metric-dimension-mismatch',
  'autoscaling-unavailable',
  'data-stale',
];

const SEVERITY_ORDER: FindingSeverity[] = ['error', 'warning', 'info'];

/**
 * Detects problems and notable states of an endpoint and its scaling resources; most
 * severe first, then in a fixed order of kinds of problems.
 * @internal
 */
export function computeFindings(
  input: ScalingSnapshotInput,
  variantNames: string[],
  awsEndpointName: string,
): ScalingFinding[] {
  const findings: ScalingFinding[] = [];
  const where = `namespace '${input.namespace}' of cluster '${input.cluster}'`;
  const { endpoint } = input;

  if (!endpoint) {
    findings.push({
      code: 'endpoint-not-found',
      severity: 'error',
      message: `Endpoint resource '${input.endpointName}' does not exist in ${where}.`,
      resource: {
        kind: 'Endpoint',
        namespace: input.namespace,
        name: input.endpointName,
      },
    });
  } else if (endpoint.status?.endpointStatus === 'Failed') {
    findings.push({
      code: 'endpoint-failed',
      severity: 'error',
      message: `Endpoint '${endpoint.spec.endpointName}' failed${
        endpoint.status.failureReason
          ? `: ${endpoint.status.failureReason}`
          : '.'
      }`,
      resource: refOf(endpoint),
      since: endpoint.status.lastModifiedTime,
    });
  }

  const all: AnyAckResource[] = [
    ...(endpoint ? [endpoint] : []),
    ...(input.endpointConfig ? [input.endpointConfig] : []),
    ...input.models,
    ...input.scalableTargets,
    ...input.scalingPolicies,
  ];
  for (const resource of all) {
    for (const condition of resource.status?.conditions ?? []) {
      if (condition.status !== 'True') continue;
      const label = `${resource.kind} '${resource.metadata.name}'`;
      if (condition.type === 'ACK.Terminal') {
        findings.push({
          code: 'terminal-condition',
          severity: 'error',
          message: `${label} is in a terminal state${
            condition.message ? `: ${condition.message}` : '.'
          }`,
          resource: refOf(resource),
          since: condition.lastTransitionTime,
        });
      } else if (condition.type === 'ACK.Recoverable') {
        findings.push({
          code: 'recoverable-condition',
          severity: 'warning',
          message: `${label} has a recoverable error${
            condition.message ? `: ${condition.message}` : '.'
          }`,
          resource: refOf(resource),
          since: condition.lastTransitionTime,
        });
      }
    }
  }

  const statusVariants = endpoint?.status?.productionVariants ?? [];
  for (const target of input.scalableTargets) {
    const parsed = parseVariantResourceId(target.spec.resourceID);
    const status = statusVariants.find(
      v => v.variantName === parsed?.variantName,
    );
    const max = target.spec.maxCapacity;
    const count = status?.desiredInstanceCount ?? status?.currentInstanceCount;
    if (parsed && max !== undefined && count !== undefined && count >= max) {
      findings.push({
        code: 'at-max-capacity',
        severity: 'warning',
        message: `Variant '${
          parsed.variantName
        }' is at its maximum capacity of ${max} instance${
          max === 1 ? '' : 's'
        }; it cannot scale out further.`,
        resource: refOf(target),
        since: atMaxSince(
          input.autoscaling.activities,
          target.spec.resourceID,
          target,
        ),
      });
    }
  }

  if (endpoint) {
    for (const variantName of variantNames) {
      const hasTarget = input.scalableTargets.some(
        t =>
          parseVariantResourceId(t.spec.resourceID)?.variantName ===
          variantName,
      );
      if (!hasTarget) {
        findings.push({
          code: 'variant-without-scalable-target',
          severity: 'warning',
          message: `Variant '${variantName}' has no ScalableTarget, so it does not autoscale.`,
          resource: refOf(endpoint),
        });
      }
    }
  }

  for (const target of input.scalableTargets) {
    const parsed = parseVariantResourceId(target.spec.resourceID);
    const missingEndpoint =
      !endpoint || parsed?.endpointName !== awsEndpointName;
    if (
      !parsed ||
      missingEndpoint ||
      !variantNames.includes(parsed.variantName)
    ) {
      findings.push({
        code: 'target-for-missing-variant',
        severity: 'warning',
        message: missingEndpoint
          ? `ScalableTarget '${target.metadata.name}' points at endpoint '${
              parsed?.endpointName ?? target.spec.resourceID
            }', which does not exist in ${where}.`
          : `ScalableTarget '${target.metadata.name}' points at variant '${
              parsed!.variantName
            }', which endpoint '${awsEndpointName}' does not have (variants: ${
              variantNames.join(', ') || 'none'
            }).`,
        resource: refOf(target),
      });
    }
  }

  for (const policy of input.scalingPolicies) {
    const hasTarget = input.scalableTargets.some(
      t =>
        t.spec.resourceID === policy.spec.resourceID &&
        t.spec.scalableDimension === policy.spec.scalableDimension,
    );
    if (!hasTarget) {
      findings.push({
        code: 'policy-for-missing-target',
        severity: 'warning',
        message: `ScalingPolicy '${policy.metadata.name}' points at '${policy.spec.resourceID}' (${policy.spec.scalableDimension}), which no ScalableTarget registers; it has no effect.`,
        resource: refOf(policy),
      });
    }
  }

  for (const target of input.scalableTargets) {
    const hasPolicy = input.scalingPolicies.some(
      p =>
        p.spec.resourceID === target.spec.resourceID &&
        p.spec.scalableDimension === target.spec.scalableDimension,
    );
    if (!hasPolicy) {
      findings.push({
        code: 'target-without-policy',
        severity: 'warning',
        message: `ScalableTarget '${
          target.metadata.name
        }' has no ScalingPolicy, so capacity stays where it is within [${
          target.spec.minCapacity ?? '?'
        }, ${target.spec.maxCapacity ?? '?'}].`,
        resource: refOf(target),
      });
    }
  }

  for (const target of input.scalableTargets) {
    const s = target.spec.suspendedState ?? {};
    const suspended = [
      s.dynamicScalingInSuspended ? 'scale-in' : undefined,
      s.dynamicScalingOutSuspended ? 'scale-out' : undefined,
      s.scheduledScalingSuspended ? 'scheduled scaling' : undefined,
    ].filter(Boolean);
    if (suspended.length) {
      findings.push({
        code: 'scaling-suspended',
        severity: 'warning',
        message: `ScalableTarget '${target.metadata.name}' has ${suspended.join(
          ', ',
        )} suspended.`,
        resource: refOf(target),
      });
    }
  }

  for (const policy of input.scalingPolicies) {
    if (policy.spec.targetTrackingScalingPolicyConfiguration?.disableScaleIn) {
      findings.push({
        code: 'scale-in-disabled',
        severity: 'info',
        message: `ScalingPolicy '${policy.metadata.name}' has scale-in disabled: capacity only grows.`,
        resource: refOf(policy),
      });
    }
  }

  for (const policy of input.scalingPolicies) {
    const metric =
      policy.spec.targetTrackingScalingPolicyConfiguration
        ?.predefinedMetricSpecification?.predefinedMetricType;
    if (metric && !metricFitsDimension(metric, policy.spec.scalableDimension)) {
      findings.push({
        code: 'metric-dimension-mismatch',
        severity: 'error',
        message: `ScalingPolicy '${policy.metadata.name}' uses metric '${metric}', which does not fit dimension '${policy.spec.scalableDimension}'.`,
        resource: refOf(policy),
      });
    }
  }

  if (!input.autoscaling.available) {
    findings.push({
      code: 'autoscaling-unavailable',
      severity: 'warning',
      message: `Scaling activities are not shown: Application Auto Scaling could not be reached (${input.autoscaling.reason}).`,
    });
  }

  if (input.freshness.stale) {
    findings.push({
      code: 'data-stale',
      severity: 'warning',
      message: `The data may be out of date: ${
        input.freshness.staleReason ?? 'the cluster watch is not current'
      }.`,
      since: input.freshness.observedAt,
    });
  }

  return sortFindings(findings);
}

/** Most severe first; equal severity in the fixed order of codes (stable). */
export function sortFindings(findings: ScalingFinding[]): ScalingFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.f.severity) -
          SEVERITY_ORDER.indexOf(b.f.severity) ||
        CODE_ORDER.indexOf(a.f.code) - CODE_ORDER.indexOf(b.f.code) ||
        a.i - b.i,
    )
    .map(x => x.f);
}

/** When the variant got to max: the latest successful scale activity, else the target's last change. */
function atMaxSince(
  activities: ScalingActivity[],
  resourceId: string,
  target: { status?: { lastModifiedTime?: string } },
): string | undefined {
  const latest = activities
    .filter(a => a.resourceId === resourceId && a.statusCode === 'Successful')
    .sort((a, b) => b.startTime.localeCompare(a.startTime))[0];
  return (
    latest?.endTime ?? latest?.startTime ?? target.status?.lastModifiedTime
  );
}

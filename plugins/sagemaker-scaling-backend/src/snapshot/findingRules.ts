import {
  metricFitsDimension,
  parseVariantResourceId,
  type AnyAckResource,
  type EndpointBinding,
  type FindingCode,
  type FindingSeverity,
  type ScalableTarget,
  type ScalingActivity,
  type ScalingFinding,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { refOf } from './summaries';
import type { ScalingSnapshotInput } from './types';

/** What every finding rule may look at; all derived once per snapshot. @internal */
export interface FindingContext {
  input: ScalingSnapshotInput;
  /** The endpoint's production variants. */
  variantNames: string[];
  /** The endpoint's AWS-side name, as ScalableTargets and ScalingPolicies name it. */
  awsEndpointName: string;
  /** The gathered resources, Endpoint first. */
  resources: AnyAckResource[];
  binding: EndpointBinding;
}

/** One occurrence of a finding; the rule's entry in the table gives code and severity. @internal */
export type FindingDetail = Omit<ScalingFinding, 'code' | 'severity'>;

/** One entry of {@link FINDING_RULES}. @internal */
export interface FindingRule {
  code: FindingCode;
  severity: FindingSeverity;
  detect(context: FindingContext): FindingDetail[];
}

const where = ({ input }: FindingContext) =>
  `namespace '${input.namespace}' of cluster '${input.cluster}'`;

/** The variant of this endpoint a target or policy scales, if it names one. */
function variantOf(
  context: FindingContext,
  resource: AnyAckResource,
): string | undefined {
  if (resource.kind !== 'ScalableTarget' && resource.kind !== 'ScalingPolicy') {
    return undefined;
  }
  const parsed = parseVariantResourceId(resource.spec.resourceID);
  return parsed?.endpointName === context.awsEndpointName &&
    context.variantNames.includes(parsed.variantName)
    ? parsed.variantName
    : undefined;
}

const about = (context: FindingContext, resource: AnyAckResource) => {
  const variantName = variantOf(context, resource);
  return { resource: refOf(resource), ...(variantName ? { variantName } : {}) };
};

function endpointNotFound(context: FindingContext): FindingDetail[] {
  const { input } = context;
  if (input.endpoint) return [];
  return [
    {
      message: `Endpoint resource '${
        input.endpointName
      }' does not exist in ${where(context)}.`,
      resource: {
        kind: 'Endpoint',
        namespace: input.namespace,
        name: input.endpointName,
      },
    },
  ];
}

const FAILED_STATUSES = ['Failed', 'UpdateRollbackFailed'];

function endpointFailed({ input }: FindingContext): FindingDetail[] {
  const { endpoint } = input;
  const status = endpoint?.status?.endpointStatus;
  if (!endpoint || !status || !FAILED_STATUSES.includes(status)) return [];
  const reason = endpoint.status?.failureReason;
  return [
    {
      message: `Endpoint '${endpoint.spec.endpointName}' ${
        status === 'Failed' ? 'failed' : `is ${status}`
      }${reason ? `: ${reason}` : '.'}`,
      resource: refOf(endpoint),
      since: endpoint.status?.lastModifiedTime,
    },
  ];
}

function bindingConflict({ binding }: FindingContext): FindingDetail[] {
  return binding.state === 'conflicting'
    ? [{ message: `${binding.reason}.` }]
    : [];
}

/** A finding per resource with `type` = True, with the controller's message. */
function conditionRule(type: string, says: string) {
  return (context: FindingContext): FindingDetail[] =>
    context.resources.flatMap(resource =>
      (resource.status?.conditions ?? [])
        .filter(c => c.type === type && c.status === 'True')
        .map(condition => ({
          message: `${resource.kind} '${resource.metadata.name}' ${says}${
            condition.message ? `: ${condition.message}` : '.'
          }`,
          ...about(context, resource),
          since: condition.lastTransitionTime,
        })),
    );
}

function atMaxCapacity(context: FindingContext): FindingDetail[] {
  const statusVariants =
    context.input.endpoint?.status?.productionVariants ?? [];
  return context.input.scalableTargets.flatMap(target => {
    const parsed = parseVariantResourceId(target.spec.resourceID);
    const status = statusVariants.find(
      v => v.variantName === parsed?.variantName,
    );
    const max = target.spec.maxCapacity;
    if (!parsed || !isAtMax(status, max)) return [];
    return [
      {
        message: `Variant '${
          parsed.variantName
        }' is at its maximum capacity of ${max} instance${
          max === 1 ? '' : 's'
        }; it cannot scale out further.`,
        ...about(context, target),
        since: atMaxSince(context.input.autoscaling.activities, target),
      },
    ];
  });
}

/**
 * Whether the desired (else current) instance count has reached the max: the one rule
 * behind both the finding and the variant's `atMaxCapacity`.
 * @internal
 */
export function isAtMax(
  status:
    | { desiredInstanceCount?: number; currentInstanceCount?: number }
    | undefined,
  maxCapacity: number | undefined,
): boolean {
  const count = status?.desiredInstanceCount ?? status?.currentInstanceCount;
  return (
    maxCapacity !== undefined && count !== undefined && count >= maxCapacity
  );
}

/** When the variant got to max: the latest successful scale activity, else the target's last change. */
function atMaxSince(
  activities: ScalingActivity[],
  target: ScalableTarget,
): string | undefined {
  // Activities arrive newest first.
  const latest = activities.find(
    a =>
      a.resourceId === target.spec.resourceID && a.statusCode === 'Successful',
  );
  return (
    latest?.endTime ?? latest?.startTime ?? target.status?.lastModifiedTime
  );
}

function variantWithoutScalableTarget({
  input,
  variantNames,
}: FindingContext): FindingDetail[] {
  const { endpoint } = input;
  if (!endpoint) return [];
  return variantNames
    .filter(
      variantName =>
        !input.scalableTargets.some(
          t =>
            parseVariantResourceId(t.spec.resourceID)?.variantName ===
            variantName,
        ),
    )
    .map(variantName => ({
      message: `Variant '${variantName}' has no ScalableTarget, so it does not autoscale.`,
      resource: refOf(endpoint),
      variantName,
    }));
}

function targetForMissingVariant(context: FindingContext): FindingDetail[] {
  const { input, variantNames, awsEndpointName } = context;
  return input.scalableTargets.flatMap(target => {
    const parsed = parseVariantResourceId(target.spec.resourceID);
    const missingEndpoint =
      !input.endpoint || parsed?.endpointName !== awsEndpointName;
    if (parsed && !missingEndpoint && variantNames.includes(parsed.variantName))
      return [];
    return [
      {
        message: missingEndpoint
          ? `ScalableTarget '${target.metadata.name}' points at endpoint '${
              parsed?.endpointName ?? target.spec.resourceID
            }', which does not exist in ${where(context)}.`
          : `ScalableTarget '${target.metadata.name}' points at variant '${
              parsed!.variantName
            }', which endpoint '${awsEndpointName}' does not have (variants: ${
              variantNames.join(', ') || 'none'
            }).`,
        resource: refOf(target),
      },
    ];
  });
}

const sameScalable = (t: ScalableTarget, p: ScalingPolicy) =>
  t.spec.resourceID === p.spec.resourceID &&
  t.spec.scalableDimension === p.spec.scalableDimension;

function policyForMissingTarget(context: FindingContext): FindingDetail[] {
  const { scalableTargets, scalingPolicies } = context.input;
  return scalingPolicies
    .filter(policy => !scalableTargets.some(t => sameScalable(t, policy)))
    .map(policy => ({
      message: `ScalingPolicy '${policy.metadata.name}' points at '${policy.spec.resourceID}' (${policy.spec.scalableDimension}), which no ScalableTarget registers; it has no effect.`,
      ...about(context, policy),
    }));
}

function targetWithoutPolicy(context: FindingContext): FindingDetail[] {
  const { scalableTargets, scalingPolicies } = context.input;
  return scalableTargets
    .filter(target => !scalingPolicies.some(p => sameScalable(target, p)))
    .map(target => ({
      message: `ScalableTarget '${
        target.metadata.name
      }' has no ScalingPolicy, so capacity stays where it is within [${
        target.spec.minCapacity ?? '?'
      }, ${target.spec.maxCapacity ?? '?'}].`,
      ...about(context, target),
    }));
}

function scalingSuspended(context: FindingContext): FindingDetail[] {
  return context.input.scalableTargets.flatMap(target => {
    const s = target.spec.suspendedState ?? {};
    const suspended = [
      s.dynamicScalingInSuspended ? 'scale-in' : undefined,
      s.dynamicScalingOutSuspended ? 'scale-out' : undefined,
      s.scheduledScalingSuspended ? 'scheduled scaling' : undefined,
    ].filter(Boolean);
    if (!suspended.length) return [];
    return [
      {
        message: `ScalableTarget '${target.metadata.name}' has ${suspended.join(
          ', ',
        )} suspended.`,
        ...about(context, target),
      },
    ];
  });
}

function scaleInDisabled(context: FindingContext): FindingDetail[] {
  return context.input.scalingPolicies
    .filter(
      p => p.spec.targetTrackingScalingPolicyConfiguration?.disableScaleIn,
    )
    .map(policy => ({
      message: `ScalingPolicy '${policy.metadata.name}' has scale-in disabled: capacity only grows.`,
      ...about(context, policy),
    }));
}

function metricDimensionMismatch(context: FindingContext): FindingDetail[] {
  return context.input.scalingPolicies.flatMap(policy => {
    const metric =
      policy.spec.targetTrackingScalingPolicyConfiguration
        ?.predefinedMetricSpecification?.predefinedMetricType;
    if (!metric || metricFitsDimension(metric, policy.spec.scalableDimension))
      return [];
    return [
      {
        message: `ScalingPolicy '${policy.metadata.name}' uses metric '${metric}', which does not fit dimension '${policy.spec.scalableDimension}'.`,
        ...about(context, policy),
      },
    ];
  });
}

function endpointUnbound({ input, binding }: FindingContext): FindingDetail[] {
  // A missing endpoint has nothing to adopt; its own finding says so.
  if (!input.endpoint || binding.state !== 'unbound') return [];
  return [
    {
      message: `No catalog entity owns this endpoint yet: an owner of ${input.entityRef} must adopt it before its scaling can be edited here.`,
      resource: refOf(input.endpoint),
    },
  ];
}

function autoscalingUnavailable({ input }: FindingContext): FindingDetail[] {
  const { autoscaling } = input;
  return autoscaling.available
    ? []
    : [
        {
          message: `Scaling activities are not shown: Application Auto Scaling could not be reached (${autoscaling.reason}).`,
        },
      ];
}

function dataStale({ input }: FindingContext): FindingDetail[] {
  const { freshness } = input;
  return freshness.stale
    ? [
        {
          message: `The data may be out of date: ${
            freshness.staleReason ?? 'the cluster watch is not current'
          }.`,
          since: freshness.observedAt,
        },
      ]
    : [];
}

/**
 * Every finding the backend reports, one rule each. Findings are listed most severe
 * first, and within a severity in the order of this table; a new finding is one entry.
 * @internal
 */
export const FINDING_RULES: readonly FindingRule[] = [
  { code: 'endpoint-not-found', severity: 'error', detect: endpointNotFound },
  { code: 'endpoint-failed', severity: 'error', detect: endpointFailed },
  { code: 'binding-conflict', severity: 'error', detect: bindingConflict },
  {
    code: 'terminal-condition',
    severity: 'error',
    detect: conditionRule('ACK.Terminal', 'is in a terminal state'),
  },
  {
    code: 'recoverable-condition',
    severity: 'warning',
    detect: conditionRule('ACK.Recoverable', 'has a recoverable error'),
  },
  { code: 'at-max-capacity', severity: 'warning', detect: atMaxCapacity },
  {
    code: 'variant-without-scalable-target',
    severity: 'warning',
    detect: variantWithoutScalableTarget,
  },
  {
    code: 'target-for-missing-variant',
    severity: 'warning',
    detect: targetForMissingVariant,
  },
  {
    code: 'policy-for-missing-target',
    severity: 'warning',
    detect: policyForMissingTarget,
  },
  {
    code: 'target-without-policy',
    severity: 'warning',
    detect: targetWithoutPolicy,
  },
  { code: 'scaling-suspended', severity: 'warning', detect: scalingSuspended },
  { code: 'scale-in-disabled', severity: 'info', detect: scaleInDisabled },
  {
    code: 'metric-dimension-mismatch',
    severity: 'error',
    detect: metricDimensionMismatch,
  },
  { code: 'endpoint-unbound', severity: 'info', detect: endpointUnbound },
  {
    code: 'autoscaling-unavailable',
    severity: 'warning',
    detect: autoscalingUnavailable,
  },
  { code: 'data-stale', severity: 'warning', detect: dataStale },
];

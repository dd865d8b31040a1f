import {
  variantResourceId,
  type ScalingSnapshot,
  type VariantState,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { computeFindings } from './findings';
import { mergeLoadIntoHistory } from './mergeLoadIntoHistory';
import {
  summarizeEndpoint,
  summarizeEndpointConfig,
  summarizeModel,
  summarizeScalableTarget,
  summarizeScalingPolicy,
} from './summaries';
import type { ScalingSnapshotInput } from './types';

/** Activities the snapshot carries; the rest is behind the paged activities route. */
export const SNAPSHOT_ACTIVITY_LIMIT = 20;

/**
 * Builds the scaling state of one entity's endpoint from resources already looked up:
 * per variant the instance type, counts, weights and what scales it, the summaries of
 * the five kinds, recent activities and findings (most severe first). Pure.
 * @internal
 */
export function buildScalingSnapshot(
  input: ScalingSnapshotInput,
): ScalingSnapshot {
  const { endpoint, endpointConfig } = input;
  // AWS-side name; ScalableTargets and ScalingPolicies refer to the endpoint by it.
  const awsEndpointName = endpoint?.spec.endpointName ?? input.endpointName;
  const configVariants = endpointConfig?.spec.productionVariants ?? [];
  const statusVariants = endpoint?.status?.productionVariants ?? [];
  const variantNames = [
    ...new Set([
      ...configVariants.map(v => v.variantName),
      ...statusVariants.map(v => v.variantName),
    ]),
  ].filter(Boolean);

  const variants: VariantState[] = variantNames.map(variantName => {
    const config = configVariants.find(v => v.variantName === variantName);
    const status = statusVariants.find(v => v.variantName === variantName);
    const resourceId = variantResourceId(awsEndpointName, variantName);
    const target = input.scalableTargets.find(
      t => t.spec.resourceID === resourceId,
    );
    const load = input.load?.[variantName];
    return {
      variantName,
      modelName: config?.modelName,
      instanceType: config?.instanceType,
      initialInstanceCount: config?.initialInstanceCount,
      currentInstanceCount: status?.currentInstanceCount,
      desiredInstanceCount: status?.desiredInstanceCount,
      currentWeight: status?.currentWeight,
      desiredWeight: status?.desiredWeight,
      scalableTargetName: target?.metadata.name,
      scalingPolicyNames: input.scalingPolicies
        .filter(p => p.spec.resourceID === resourceId)
        .map(p => p.metadata.name)
        .sort(),
      ...(load?.length
        ? { latestLoadPerInstance: load[load.length - 1].value }
        : {}),
    };
  });

  // The target value each variant's (first) target tracking policy aims at now.
  const currentTargets = Object.fromEntries(
    variantNames.map(variantName => {
      const resourceId = variantResourceId(awsEndpointName, variantName);
      const policy = [...input.scalingPolicies]
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
        .find(
          p =>
            p.spec.resourceID === resourceId &&
            p.spec.targetTrackingScalingPolicyConfiguration?.targetValue !==
              undefined,
        );
      return [
        variantName,
        policy?.spec.targetTrackingScalingPolicyConfiguration?.targetValue,
      ];
    }),
  );

  const resourceIds = new Set([
    ...input.scalableTargets.map(t => t.spec.resourceID),
    ...input.scalingPolicies.map(p => p.spec.resourceID),
    ...variantNames.map(v => variantResourceId(awsEndpointName, v)),
  ]);
  const activities = input.autoscaling.activities
    .filter(a => resourceIds.has(a.resourceId))
    .sort(
      (a, b) =>
        b.startTime.localeCompare(a.startTime) ||
        b.activityId.localeCompare(a.activityId),
    )
    .slice(0, SNAPSHOT_ACTIVITY_LIMIT);

  const byName = <T extends { metadata: { name: string } }>(a: T, b: T) =>
    a.metadata.name.localeCompare(b.metadata.name);

  return {
    entityRef: input.entityRef,
    cluster: input.cluster,
    namespace: input.namespace,
    endpointName: input.endpointName,
    observedAt: input.freshness.observedAt,
    stale: input.freshness.stale,
    ...(input.freshness.staleReason
      ? { staleReason: input.freshness.staleReason }
      : {}),
    endpoint: endpoint ? summarizeEndpoint(endpoint) : undefined,
    endpointConfig: endpointConfig
      ? summarizeEndpointConfig(endpointConfig)
      : undefined,
    models: [...input.models].sort(byName).map(summarizeModel),
    variants,
    scalableTargets: [...input.scalableTargets]
      .sort(byName)
      .map(summarizeScalableTarget),
    scalingPolicies: [...input.scalingPolicies]
      .sort(byName)
      .map(summarizeScalingPolicy),
    activities,
    activitiesAvailable: input.autoscaling.available,
    history: mergeLoadIntoHistory(
      input.history ?? [],
      input.load ?? {},
      currentTargets,
    ),
    findings: computeFindings(input, variantNames, awsEndpointName),
  };
}

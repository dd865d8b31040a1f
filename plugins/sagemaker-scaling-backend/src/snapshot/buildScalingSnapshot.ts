import {
  variantResourceId,
  type ScalingSnapshot,
  type VariantState,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { explainVariantScaling } from './explainVariantScaling';
import { isAtMax } from './findingRules';
import { joinEndpoint } from './joinEndpoint';
import { variantSettingsVersion } from '../scaling/settingsVersion';
import { mergeLoadIntoHistory } from './mergeLoadIntoHistory';
import {
  summarizeEndpoint,
  summarizeEndpointConfig,
  summarizeModel,
  summarizeScalableTarget,
  summarizeScalingPolicy,
  summarizeTargetTracking,
} from './summaries';
import type { ScalingSnapshotInput } from './types';

/** Activities the snapshot carries; the rest is behind the paged activities route. */
export const SNAPSHOT_ACTIVITY_LIMIT = 20;

const byName = <T extends { metadata: { name: string } }>(a: T, b: T) =>
  a.metadata.name.localeCompare(b.metadata.name);

/**
 * Builds the scaling state of one entity's endpoint from resources already looked up:
 * per variant its counts and weights joined to what scales it (range, target, cooldowns,
 * load) and its findings, the summaries of the five kinds, the binding, recent
 * activities and all findings (most severe first). Pure.
 * @internal
 */
export function buildScalingSnapshot(
  input: ScalingSnapshotInput,
): ScalingSnapshot {
  const { endpoint, endpointConfig } = input;
  const {
    awsEndpointName,
    variantNames,
    binding,
    findings,
    policiesByName,
    variants: joined,
  } = joinEndpoint(input);

  const variants: VariantState[] = joined.map(v => {
    const { variantName, config, status, resourceId, target, policies } = v;
    const { policy, cost } = v;
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
      scalingPolicyNames: policies.map(p => p.metadata.name),
      scalingPolicyName: policy?.metadata.name,
      minCapacity: target?.spec.minCapacity,
      maxCapacity: target?.spec.maxCapacity,
      atMaxCapacity: isAtMax(status, target?.spec.maxCapacity),
      ...summarizeTargetTracking(policy),
      ...(load?.length
        ? { latestLoadPerInstance: load[load.length - 1].value }
        : {}),
      findings: findings.filter(f => f.variantName === variantName),
      settingsVersion: variantSettingsVersion(
        input,
        awsEndpointName,
        variantName,
      ),
      ...(target
        ? {
            explanation: explainVariantScaling({
              ...summarizeTargetTracking(policy),
              currentInstanceCount: status?.currentInstanceCount,
              desiredInstanceCount: status?.desiredInstanceCount,
              minCapacity: target.spec.minCapacity,
              maxCapacity: target.spec.maxCapacity,
              suspendedState: target.spec.suspendedState,
              endpointStatus: endpoint?.status?.endpointStatus,
              activities: input.autoscaling.activities.filter(
                a => a.resourceId === resourceId,
              ),
              alarms: policy ? input.alarms?.[policy.metadata.name] : undefined,
              load: load ?? [],
              now: input.gatheredAt ?? input.freshness.observedAt,
            }),
          }
        : {}),
      ...(cost ? { cost } : {}),
    };
  });

  const resourceIds = new Set([
    ...input.scalableTargets.map(t => t.spec.resourceID),
    ...input.scalingPolicies.map(p => p.spec.resourceID),
    ...variantNames.map(v => variantResourceId(awsEndpointName, v)),
  ]);
  // Activities arrive newest first (see ScalingSnapshotInput).
  const activities = input.autoscaling.activities
    .filter(a => resourceIds.has(a.resourceId))
    .slice(0, SNAPSHOT_ACTIVITY_LIMIT);

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
    binding,
    endpoint: endpoint ? summarizeEndpoint(endpoint) : undefined,
    endpointConfig: endpointConfig
      ? summarizeEndpointConfig(endpointConfig)
      : undefined,
    models: [...input.models].sort(byName).map(summarizeModel),
    variants,
    scalableTargets: [...input.scalableTargets]
      .sort(byName)
      .map(summarizeScalableTarget),
    scalingPolicies: policiesByName.map(summarizeScalingPolicy),
    activities,
    activitiesAvailable: input.autoscaling.available,
    history: mergeLoadIntoHistory(
      input.history ?? [],
      input.load ?? {},
      Object.fromEntries(variants.map(v => [v.variantName, v.targetValue])),
    ),
    findings,
  };
}

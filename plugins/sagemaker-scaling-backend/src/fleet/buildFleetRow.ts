import type {
  FleetRow,
  FleetVariant,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { joinEndpoint } from '../snapshot/joinEndpoint';
import type { ScalingSnapshotInput } from '../snapshot/types';

/** The catalog fields a fleet row shows. @internal */
export interface FleetEntity {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
}

/**
 * One fleet row from the entity and its endpoint's resources (from the watch cache), or
 * from the entity alone with why the rest is missing. Built from the same join as the
 * snapshot (variants, binding, findings, cost) without what only the entity's tab shows
 * (summaries, explanations, history), so a page of thousands of rows stays cheap.
 * Resources bound to another entity show nothing but their binding, as the entity
 * routes refuse to read them.
 * @internal
 */
export function buildFleetRow(
  entity: FleetEntity,
  state:
    | { input: ScalingSnapshotInput; degraded?: string }
    | { problem: string },
): FleetRow {
  if ('problem' in state) {
    return { ...entity, variants: [], degraded: state.problem };
  }
  const { input } = state;
  const join = joinEndpoint(input);
  const location = {
    cluster: input.cluster,
    endpointNamespace: input.namespace,
    endpointName: input.endpointName,
  };
  if (join.binding.state === 'bound-to-other') {
    return {
      ...entity,
      ...location,
      variants: [],
      binding: join.binding.state,
      degraded: join.binding.reason,
    };
  }
  let costKnown = join.variants.length > 0;
  const variants = join.variants.map((v): FleetVariant => {
    // The join's cost is the snapshot's, the one derivation (price source, 730-hour month).
    const monthly =
      v.cost && !v.cost.unknown ? v.cost.monthlyRunRateUsd : undefined;
    if (monthly === undefined) costKnown = false;
    const load = input.load?.[v.variantName];
    return {
      variantName: v.variantName,
      instanceType: v.config?.instanceType,
      currentInstanceCount: v.status?.currentInstanceCount,
      desiredInstanceCount: v.status?.desiredInstanceCount,
      minCapacity: v.target?.spec.minCapacity,
      maxCapacity: v.target?.spec.maxCapacity,
      targetValue:
        v.policy?.spec.targetTrackingScalingPolicyConfiguration?.targetValue,
      latestLoadPerInstance: load?.length
        ? load[load.length - 1].value
        : undefined,
      monthlyRunRateUsd: monthly,
    };
  });
  const top = join.findings[0];
  return {
    ...entity,
    ...location,
    endpointStatus: input.endpoint?.status?.endpointStatus,
    variants,
    monthlyRunRateUsd: costKnown
      ? variants.reduce((sum, v) => sum + (v.monthlyRunRateUsd ?? 0), 0)
      : undefined,
    topFinding: top
      ? { code: top.code, severity: top.severity, message: top.message }
      : undefined,
    binding: join.binding.state,
    ...(state.degraded ? { degraded: state.degraded } : {}),
  };
}

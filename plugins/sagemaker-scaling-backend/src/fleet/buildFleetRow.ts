import type {
  FleetRow,
  FleetVariant,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';

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
 * One fleet row from the entity and its snapshot (built from the watch cache), or from
 * the entity alone with why the rest is missing. Resources bound to another entity show
 * nothing but their binding, as the entity routes refuse to read them.
 * @internal
 */
export function buildFleetRow(
  entity: FleetEntity,
  state: { snapshot: ScalingSnapshot; degraded?: string } | { problem: string },
): FleetRow {
  if ('problem' in state) {
    return { ...entity, variants: [], degraded: state.problem };
  }
  const { snapshot } = state;
  const location = {
    cluster: snapshot.cluster,
    endpointNamespace: snapshot.namespace,
    endpointName: snapshot.endpointName,
  };
  if (snapshot.binding.state === 'bound-to-other') {
    return {
      ...entity,
      ...location,
      variants: [],
      binding: snapshot.binding.state,
      degraded: snapshot.binding.reason,
    };
  }
  let costKnown = snapshot.variants.length > 0;
  const variants = snapshot.variants.map((v): FleetVariant => {
    // The snapshot's cost is the one derivation (price source, 730-hour month).
    const monthly =
      v.cost && !v.cost.unknown ? v.cost.monthlyRunRateUsd : undefined;
    if (monthly === undefined) costKnown = false;
    return {
      variantName: v.variantName,
      instanceType: v.instanceType,
      currentInstanceCount: v.currentInstanceCount,
      desiredInstanceCount: v.desiredInstanceCount,
      minCapacity: v.minCapacity,
      maxCapacity: v.maxCapacity,
      targetValue: v.targetValue,
      latestLoadPerInstance: v.latestLoadPerInstance,
      monthlyRunRateUsd: monthly,
    };
  });
  const top = snapshot.findings[0];
  return {
    ...entity,
    ...location,
    endpointStatus: snapshot.endpoint?.status,
    variants,
    monthlyRunRateUsd: costKnown
      ? variants.reduce((sum, v) => sum + (v.monthlyRunRateUsd ?? 0), 0)
      : undefined,
    topFinding: top
      ? { code: top.code, severity: top.severity, message: top.message }
      : undefined,
    binding: snapshot.binding.state,
    ...(state.degraded ? { degraded: state.degraded } : {}),
  };
}

import {
  parseVariantResourceId,
  variantResourceId,
  type ScalableTarget,
  type ScalingHistoryPoint,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  ClusterResourceCache,
  ResourceChange,
} from './ClusterResourceCache';

/**
 * Capacity over time per endpoint variant, recorded from the watch events the cache
 * already receives (desired/current counts, min/max, target value), kept in memory for
 * the capacity chart. Only changes are recorded, up to `maxPoints` per endpoint.
 * @internal
 */
export class CapacityHistory {
  readonly #cache: ClusterResourceCache;
  readonly #maxPoints: number;
  readonly #now: () => Date;
  readonly #points = new Map<string, ScalingHistoryPoint[]>();
  readonly #onChange = (change: ResourceChange) => {
    // Until every kind has listed once, a point could lack its target or policy.
    if (this.#primed) this.#record(change);
  };
  readonly #onState = () => this.#prime();
  #primed = false;

  constructor(
    cache: ClusterResourceCache,
    options: { maxPoints?: number; now?: () => Date } = {},
  ) {
    this.#cache = cache;
    this.#maxPoints = options.maxPoints ?? 200;
    this.#now = options.now ?? (() => new Date());
    cache.on('change', this.#onChange);
    cache.on('state', this.#onState);
    this.#prime();
  }

  stop() {
    this.#cache.off('change', this.#onChange);
    this.#cache.off('state', this.#onState);
  }

  #prime() {
    if (this.#primed || !this.#cache.freshness().synced) return;
    this.#primed = true;
    for (const endpoint of this.#cache.listAll('Endpoint')) {
      this.#recordEndpoint(
        endpoint.metadata.namespace ?? '',
        endpoint.metadata.name,
      );
    }
  }

  /** Points of an Endpoint resource (by metadata.name), oldest first. */
  pointsFor(namespace: string, endpointName: string): ScalingHistoryPoint[] {
    return this.#points.get(`${namespace}/${endpointName}`) ?? [];
  }

  #record(change: ResourceChange) {
    if (change.kind === 'Endpoint') {
      this.#recordEndpoint(change.namespace, change.name);
    } else if (
      change.kind === 'ScalableTarget' ||
      change.kind === 'ScalingPolicy'
    ) {
      const object = this.#cache.get(
        change.kind,
        change.namespace,
        change.name,
      ) as ScalableTarget | ScalingPolicy | undefined;
      const awsName = parseVariantResourceId(
        object?.spec.resourceID ?? '',
      )?.endpointName;
      if (!awsName) return;
      const endpoint = this.#cache.withAwsName(
        'Endpoint',
        change.namespace,
        awsName,
      );
      if (endpoint)
        this.#recordEndpoint(change.namespace, endpoint.metadata.name);
    }
  }

  #recordEndpoint(namespace: string, name: string) {
    const key = `${namespace}/${name}`;
    const endpoint = this.#cache.getEndpoint(namespace, name);
    if (!endpoint) {
      this.#points.delete(key);
      return;
    }
    const targets = this.#cache.scalableTargetsFor(
      namespace,
      endpoint.spec.endpointName,
    );
    const policies = this.#cache.scalingPoliciesFor(
      namespace,
      endpoint.spec.endpointName,
    );
    // Stamp the point with the cluster's clock (its last write of these objects), so it lines
    // up with the times AWS reports for activities and metrics; fall back to our own clock.
    const written = [
      this.#cache.lastWrittenAt('Endpoint', namespace, name),
      ...targets.map(t =>
        this.#cache.lastWrittenAt('ScalableTarget', namespace, t.metadata.name),
      ),
      ...policies.map(p =>
        this.#cache.lastWrittenAt('ScalingPolicy', namespace, p.metadata.name),
      ),
    ].filter((d): d is Date => d !== undefined);
    const clusterTime = written.length
      ? new Date(Math.max(...written.map(d => d.getTime())))
      : undefined;
    const timestamp = (clusterTime ?? this.#now()).toISOString();
    const series = this.#points.get(key) ?? [];
    for (const variant of endpoint.status?.productionVariants ?? []) {
      const resourceId = variantResourceId(
        endpoint.spec.endpointName,
        variant.variantName,
      );
      const target = targets.find(t => t.spec.resourceID === resourceId);
      const policy = policies.find(p => p.spec.resourceID === resourceId);
      const point: ScalingHistoryPoint = {
        timestamp,
        variantName: variant.variantName,
        desiredInstanceCount: variant.desiredInstanceCount,
        currentInstanceCount: variant.currentInstanceCount,
        minCapacity: target?.spec.minCapacity,
        maxCapacity: target?.spec.maxCapacity,
        targetValue:
          policy?.spec.targetTrackingScalingPolicyConfiguration?.targetValue,
      };
      const last = [...series]
        .reverse()
        .find(p => p.variantName === variant.variantName);
      if (!last || !sameValues(last, point)) series.push(point);
    }
    if (series.length > this.#maxPoints)
      series.splice(0, series.length - this.#maxPoints);
    if (series.length) this.#points.set(key, series);
  }
}

function sameValues(a: ScalingHistoryPoint, b: ScalingHistoryPoint) {
  return (
    a.desiredInstanceCount === b.desiredInstanceCount &&
    a.currentInstanceCount === b.currentInstanceCount &&
    a.minCapacity === b.minCapacity &&
    a.maxCapacity === b.maxCapacity &&
    a.targetValue === b.targetValue
  );
}

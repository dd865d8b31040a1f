import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ANNOTATION_ENDPOINT_NAME,
  getEndpointLocation,
  type AnnotatedEntity,
  type EndpointConfig,
  type InstancePrice,
  type Model,
  type ScalingActivity,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  LoadPoint,
  VariantLoadSource,
} from '../aws/CloudWatchMetricsReader';
import type {
  AlarmsReading,
  ScalingAlarmSource,
} from '../aws/CloudWatchAlarmReader';
import { describeAwsError } from '../aws/describeAwsError';
import type { ScalingActivitySource } from '../aws/ScalingActivityReader';
import type { CapacityHistory } from '../cache/CapacityHistory';
import type {
  ClusterFreshness,
  ClusterResourceCache,
} from '../cache/ClusterResourceCache';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import type { InstancePriceSource } from '../pricing/InstancePriceSource';
import { buildScalingSnapshot } from './buildScalingSnapshot';
import { newestFirst } from './newestFirst';
import type { ScalingSnapshotInput } from './types';
import { variantNamesOf } from './variantNames';

/** An endpoint's ACK resources, as the watch cache holds them. @internal */
export type EndpointResources = Pick<
  ScalingSnapshotInput,
  | 'endpoint'
  | 'endpointConfig'
  | 'models'
  | 'scalableTargets'
  | 'scalingPolicies'
>;

/** An entity's endpoint, resolved to a cluster. @internal */
export interface ResolvedEndpoint {
  entityRef: string;
  namespace: string;
  endpointName: string;
  cluster: ClusterConnection;
}

/**
 * Where a resolved endpoint is, by name: its entity, cluster, namespace and endpoint, as
 * snapshots carry it and audit events record it.
 * @internal
 */
export function endpointLocationOf(target: ResolvedEndpoint) {
  return {
    entityRef: target.entityRef,
    cluster: target.cluster.config.name,
    namespace: target.namespace,
    endpointName: target.endpointName,
  };
}

/**
 * Builds snapshots from the watch cache (never calling the cluster), Application Auto
 * Scaling and CloudWatch (both cached briefly); turns an unreadable cluster into a 503
 * naming it.
 * @internal
 */
export class ScalingSnapshotService {
  readonly #clusters: ClusterRegistry;
  readonly #activities: ScalingActivitySource;
  readonly #load?: VariantLoadSource;
  readonly #alarms?: ScalingAlarmSource;
  readonly #syncTimeoutMs: number;
  readonly #histories: Map<string, CapacityHistory>;
  readonly #prices?: InstancePriceSource;

  constructor(options: {
    clusters: ClusterRegistry;
    activities: ScalingActivitySource;
    /** Per-instance load of each variant; no load in snapshots when absent. */
    load?: VariantLoadSource;
    /** The policies' alarms, for the explanations; explanations say they are unseen when absent. */
    alarms?: ScalingAlarmSource;
    /** How long a request waits for a cluster's first sync (default 5 s). */
    syncTimeoutMs?: number;
    /** Capacity history per cluster name, for the chart. */
    histories?: Map<string, CapacityHistory>;
    /** Prices for the variants' cost; read from its cache only, never waited for. */
    prices?: InstancePriceSource;
  }) {
    this.#prices = options.prices;
    this.#histories = options.histories ?? new Map();
    this.#clusters = options.clusters;
    this.#activities = options.activities;
    this.#load = options.load;
    this.#alarms = options.alarms;
    this.#syncTimeoutMs = options.syncTimeoutMs ?? 5000;
  }

  /** Where an entity's endpoint is; 404 when the entity has no endpoint annotation. */
  resolve(entity: AnnotatedEntity, entityRef: string): ResolvedEndpoint {
    const location = getEndpointLocation(entity);
    if (!location) {
      throw new NotFoundError(
        `Entity ${entityRef} has no ${ANNOTATION_ENDPOINT_NAME} annotation`,
      );
    }
    return {
      entityRef,
      namespace: location.namespace,
      endpointName: location.endpointName,
      cluster: this.#clusters.forLocation(location),
    };
  }

  /** The snapshot, built from memory; waits for the first sync of a starting cluster. */
  async snapshot(target: ResolvedEndpoint): Promise<ScalingSnapshot> {
    const input = await this.gather(target);
    return buildScalingSnapshot(input);
  }

  /**
   * The endpoint's ACK resources as cached (no AWS call): what binding checks and
   * updates read; waits for the first sync of a starting cluster.
   */
  async resources(target: ResolvedEndpoint): Promise<EndpointResources> {
    await this.#ensureReadable(target.cluster);
    return this.cachedResources(target);
  }

  /**
   * The endpoint's ACK resources as the cache holds them now, without waiting: for
   * callers that have seen the cluster synced (the fleet, which reads thousands at once).
   */
  cachedResources(target: ResolvedEndpoint): EndpointResources {
    const cache = target.cluster.cache;
    const { namespace } = target;
    const endpoint = cache.getEndpoint(namespace, target.endpointName);
    const endpointConfig = endpoint
      ? findByAwsName<EndpointConfig>(
          cache,
          'EndpointConfig',
          namespace,
          endpoint.spec.endpointConfigName,
        )
      : undefined;
    // Loops, not sets and spreads: the fleet does this for every endpoint on a page.
    const models: Model[] = [];
    const modelNames: string[] = [];
    for (const v of endpointConfig?.spec.productionVariants ?? []) {
      if (modelNames.includes(v.modelName)) continue;
      modelNames.push(v.modelName);
      const model = findByAwsName<Model>(
        cache,
        'Model',
        namespace,
        v.modelName,
      );
      if (model) models.push(model);
    }
    const awsEndpointName = endpoint?.spec.endpointName ?? target.endpointName;
    const scalableTargets = cache.scalableTargetsFor(
      namespace,
      awsEndpointName,
    );
    const scalingPolicies = cache.scalingPoliciesFor(
      namespace,
      awsEndpointName,
    );
    return {
      endpoint,
      endpointConfig,
      models,
      scalableTargets,
      scalingPolicies,
    };
  }

  /**
   * The price of each instance type of the endpoint's variants, as the price source has
   * it at hand (no network call): what the variants' `cost` is figured from.
   */
  pricesFor(
    resources: Pick<EndpointResources, 'endpointConfig'>,
  ): Record<string, InstancePrice> {
    const source = this.#prices;
    const prices: Record<string, InstancePrice> = {};
    if (!source) return prices;
    for (const v of resources.endpointConfig?.spec.productionVariants ?? []) {
      const type = v.instanceType;
      if (type && !(type in prices)) prices[type] = source.cachedPrice(type);
    }
    return prices;
  }

  /** The resources and activities a snapshot is built from. */
  async gather(target: ResolvedEndpoint): Promise<ScalingSnapshotInput> {
    const resources = await this.resources(target);
    const {
      endpoint,
      endpointConfig,
      models,
      scalableTargets,
      scalingPolicies,
    } = resources;
    const freshness = target.cluster.cache.freshness();
    const { namespace } = target;
    const awsEndpointName = endpoint?.spec.endpointName ?? target.endpointName;

    const variantNames = variantNamesOf(endpoint, endpointConfig);
    const [autoscaling, load, alarms] = await Promise.all([
      this.#readActivities(
        scalableTargets.map(t => ({
          resourceId: t.spec.resourceID,
          scalableDimension: t.spec.scalableDimension,
        })),
      ),
      // Only an existing endpoint has metrics; a missing one would only cost a call.
      endpoint ? this.#readLoad(awsEndpointName, variantNames) : {},
      this.#readAlarms(scalingPolicies),
    ]);

    return {
      ...endpointLocationOf(target),
      endpoint,
      endpointConfig,
      models,
      scalableTargets,
      scalingPolicies,
      freshness: {
        // The last moment the cache was known current, never the time of this request.
        observedAt: (freshness.observedAt ?? new Date(0)).toISOString(),
        stale: !freshness.current,
        staleReason: freshness.current
          ? undefined
          : staleReasonOf(target.cluster.config.name, freshness),
      },
      autoscaling,
      history: this.#histories
        .get(target.cluster.config.name)
        ?.pointsFor(namespace, target.endpointName),
      load,
      alarms,
      gatheredAt: new Date().toISOString(),
      prices: this.pricesFor(resources),
    };
  }

  /** Every activity of the entity's scalable targets, most recent first. */
  async allActivities(target: ResolvedEndpoint): Promise<ScalingActivity[]> {
    const input = await this.gather(target);
    if (!input.autoscaling.available) {
      throw new ServiceUnavailableError(
        `Application Auto Scaling could not be reached: ${input.autoscaling.reason}`,
      );
    }
    return input.autoscaling.activities;
  }

  /**
   * 503 only while there is nothing to show (the first list has not succeeded yet); a
   * cluster that becomes unreachable later is answered from the cache, marked stale.
   */
  async #ensureReadable(cluster: ClusterConnection) {
    const cache = cluster.cache;
    if (!cache.freshness().synced) {
      await cache.waitForSync(this.#syncTimeoutMs);
    }
    const freshness = cache.freshness();
    if (!freshness.synced) {
      throw new ServiceUnavailableError(
        `Cluster '${cluster.config.name}' cannot be read: ${
          freshness.problem?.message ??
          `no answer within ${this.#syncTimeoutMs} ms`
        }`,
      );
    }
  }

  async #readLoad(
    awsEndpointName: string,
    variantNames: string[],
  ): Promise<Record<string, LoadPoint[]>> {
    const source = this.#load;
    if (!source) return {};
    const series = await Promise.all(
      variantNames.map(v => source.loadFor(awsEndpointName, v)),
    );
    return Object.fromEntries(variantNames.map((v, i) => [v, series[i]]));
  }

  /** The alarms of every policy, by the policy's metadata.name; undefined without a source. */
  async #readAlarms(
    policies: EndpointResources['scalingPolicies'],
  ): Promise<Record<string, AlarmsReading> | undefined> {
    const source = this.#alarms;
    if (!source) return undefined;
    const readings = await Promise.all(
      policies.map(p =>
        source.alarmsFor(
          (p.status?.alarms ?? []).flatMap(a =>
            a.alarmName ? [a.alarmName] : [],
          ),
        ),
      ),
    );
    return Object.fromEntries(
      policies.map((p, i) => [p.metadata.name, readings[i]]),
    );
  }

  async #readActivities(
    targets: { resourceId: string; scalableDimension: string }[],
  ): Promise<ScalingSnapshotInput['autoscaling']> {
    try {
      const lists = await Promise.all(
        targets.map(t => this.#activities.activitiesFor(t)),
      );
      return {
        available: true,
        activities: newestFirst(lists.flat()),
      };
    } catch (e) {
      return { available: false, reason: describeAwsError(e), activities: [] };
    }
  }
}

/** Why the cached data is not current, in one sentence without timestamps (they would make every snapshot differ). */
function staleReasonOf(cluster: string, freshness: ClusterFreshness): string {
  const cause = freshness.problem ? ` (${freshness.problem.message})` : '';
  if (freshness.unreachable) {
    return `cluster '${cluster}' cannot be read${cause}; showing the last state read from it`;
  }
  if (freshness.problem) {
    return `the watch of ${
      freshness.problemWatch ?? 'the cluster'
    } in cluster '${cluster}' is reconnecting${cause}`;
  }
  return `no word from cluster '${cluster}' within the staleness bound; its watches are being re-listed`;
}

/** Looks a resource up by metadata.name, then by its AWS-side name field (both indexed). */
function findByAwsName<T>(
  cache: ClusterResourceCache,
  kind: 'EndpointConfig' | 'Model',
  namespace: string,
  awsName: string,
): T | undefined {
  return (cache.get(kind, namespace, awsName) ??
    cache.withAwsName(kind, namespace, awsName)) as T | undefined;
}

import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_ENDPOINT_NAME,
  sagemakerScalingReadPermission,
  type FleetPage,
  type FleetRow,
  type InstancePrice,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { LoadPoint } from '../aws/CloudWatchMetricsReader';
import type { CapacityHistory } from '../cache/CapacityHistory';
import type { ClusterFreshness } from '../cache/ClusterResourceCache';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import type {
  EndpointResources,
  ResolvedEndpoint,
  ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import { BuiltRowCache } from './BuiltRowCache';
import { variantNamesOf } from '../snapshot/variantNames';
import { atMaxShareOf } from './atMaxShare';
import { buildFleetRow, type FleetEntity } from './buildFleetRow';
import { isSeverityFilter, type FleetQuery } from './fleetQuery';
import { sortFleetRows } from './sortFleetRows';

/** The only catalog fields a row needs. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

/** Load the fleet may show: only what CloudWatch's short cache already holds. */
export interface CachedLoadSource {
  cachedLoadFor(
    endpointName: string,
    variantName: string,
  ): LoadPoint[] | undefined;
}

/**
 * The fleet: every entity with an endpoint annotation the caller may read (one catalog
 * query with the caller's credentials, one batch permission check), joined with the
 * watch cache and capacity history. Never calls the cluster or AWS: a row whose data is
 * not cached says so instead of failing the page.
 * @internal
 */
export class FleetService {
  readonly #catalog: CatalogService;
  readonly #permissions: PermissionsService;
  readonly #userInfo: UserInfoService;
  readonly #snapshots: ScalingSnapshotService;
  readonly #histories: Map<string, CapacityHistory>;
  readonly #load?: CachedLoadSource;
  readonly #now: () => Date;
  readonly #rows = new BuiltRowCache();

  constructor(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    userInfo: UserInfoService;
    snapshots: ScalingSnapshotService;
    histories: Map<string, CapacityHistory>;
    load?: CachedLoadSource;
    now?: () => Date;
  }) {
    this.#catalog = options.catalog;
    this.#permissions = options.permissions;
    this.#userInfo = options.userInfo;
    this.#snapshots = options.snapshots;
    this.#histories = options.histories;
    this.#load = options.load;
    this.#now = options.now ?? (() => new Date());
  }

  /** One page of the rows matching `query`, sorted and filtered over all of them. */
  async page(
    query: FleetQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetPage> {
    const owners = await this.#ownerRefs(query.owner, credentials);
    const { items } = await this.#catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_ENDPOINT_NAME}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ENTITY_FIELDS,
      },
      { credentials },
    );
    const systems = query.system?.map(s =>
      parseRefParam('system', s, 'system'),
    );
    const q = query.q?.trim().toLocaleLowerCase('en-US');
    const candidates = items
      .map(entityFieldsOf)
      .filter(
        ({ fields }) =>
          (!owners || (fields.owner && owners.has(fields.owner))) &&
          (!systems || (fields.system && systems.includes(fields.system))) &&
          (!q ||
            fields.name.toLocaleLowerCase('en-US').includes(q) ||
            fields.title?.toLocaleLowerCase('en-US').includes(q)),
      );
    const decisions = candidates.length
      ? await this.#permissions.authorize(
          candidates.map(c => ({
            permission: sagemakerScalingReadPermission,
            resourceRef: c.fields.entityRef,
          })),
          { credentials },
        )
      : [];
    this.#rows.startPage();
    const now = this.#now();
    // Read once per cluster for the whole page.
    const freshnessByCluster = new Map<ClusterConnection, ClusterFreshness>();
    const freshnessOf = (cluster: ClusterConnection) => {
      let freshness = freshnessByCluster.get(cluster);
      if (!freshness) {
        freshness = cluster.cache.freshness();
        freshnessByCluster.set(cluster, freshness);
      }
      return freshness;
    };
    const inputs: unknown[] = [];
    let rows: FleetRow[] = [];
    candidates.forEach((c, i) => {
      if (decisions[i].result === AuthorizeResult.ALLOW) {
        rows.push(this.#row(c.fields, c.entity, freshnessOf, inputs));
      }
    });
    this.#rows.endPage(rows.length);
    if (query.cluster) {
      rows = rows.filter(r => r.cluster && query.cluster!.includes(r.cluster));
    }
    if (query.finding) {
      const finding = query.finding;
      rows = rows.filter(r =>
        isSeverityFilter(finding)
          ? r.topFinding?.severity === finding
          : r.topFinding?.code === finding,
      );
    }
    // The 7-day share moves with the clock: figured for the rows shown, or for every
    // row only when it is what they are sorted by.
    const withShare = (row: FleetRow) => this.#withAtMaxShare(row, now);
    const sorted =
      query.sort === 'atMaxShare'
        ? sortFleetRows(rows.map(withShare), query.sort, query.order)
        : sortFleetRows(rows, query.sort, query.order);
    const offset = Number(query.cursor ?? 0);
    const next = offset + query.limit;
    const shown = sorted.slice(offset, next);
    return {
      rows: query.sort === 'atMaxShare' ? shown : shown.map(withShare),
      totalCount: sorted.length,
      ...(next < sorted.length ? { nextCursor: String(next) } : {}),
    };
  }

  /** The row with its share of the last 7 days at max, from the capacity history. */
  #withAtMaxShare(row: FleetRow, now: Date): FleetRow {
    if (!row.cluster || !row.endpointNamespace || !row.endpointName) return row;
    const history = this.#histories
      .get(row.cluster)
      ?.pointsFor(row.endpointNamespace, row.endpointName);
    const share = history && atMaxShareOf(history, now);
    return share === undefined ? row : { ...row, atMaxShare7d: share };
  }

  /** The owner filter as full refs: `me` is the caller's ownership refs. */
  async #ownerRefs(
    owner: string[] | undefined,
    credentials: BackstageCredentials,
  ): Promise<Set<string> | undefined> {
    if (!owner?.length) return undefined;
    const refs = new Set<string>();
    for (const o of owner) {
      if (o === 'me') {
        // A service has no groups: `me` matches nothing for it.
        if ((credentials.principal as { type?: string }).type === 'user') {
          const info = await this.#userInfo.getUserInfo(credentials);
          info.ownershipEntityRefs.forEach(r =>
            refs.add(r.toLocaleLowerCase('en-US')),
          );
        }
      } else {
        refs.add(parseRefParam('owner', o, 'group'));
      }
    }
    return refs;
  }

  /**
   * The row from the cache only; any miss degrades this row alone. `inputs` is scratch
   * space reused for every row of a page: a row that is reused allocates nothing for
   * the check.
   */
  #row(
    fields: FleetEntity,
    entity: Entity,
    freshnessOf: (cluster: ClusterConnection) => ClusterFreshness,
    inputs: unknown[],
  ): FleetRow {
    let target;
    try {
      target = this.#snapshots.resolve(entity, fields.entityRef);
    } catch (e) {
      return buildFleetRow(fields, { problem: (e as Error).message });
    }
    const freshness = freshnessOf(target.cluster);
    const clusterName = target.cluster.config.name;
    if (!freshness.synced) {
      return {
        ...buildFleetRow(fields, {
          problem: `cluster '${clusterName}' has not been read yet`,
        }),
        cluster: clusterName,
        endpointNamespace: target.namespace,
        endpointName: target.endpointName,
      };
    }
    // Synced: answered from the cache without waiting or calling the cluster.
    const resources = this.#snapshots.cachedResources(target);
    const awsName =
      resources.endpoint?.spec.endpointName ?? target.endpointName;
    const variantNames = variantNamesOf(
      resources.endpoint,
      resources.endpointConfig,
    );
    const prices = this.#snapshots.pricesFor(resources);
    const stale = !freshness.current;
    // Everything the row is built from (the cache keeps the by-endpoint arrays while they
    // are unchanged); the stale time matters only in the stale finding.
    inputs.length = 0;
    inputs.push(
      fields.kind,
      fields.namespace,
      fields.name,
      fields.title,
      fields.owner,
      fields.system,
      clusterName,
      target.namespace,
      target.endpointName,
      resources.endpoint,
      resources.endpointConfig,
      resources.scalableTargets,
      resources.scalingPolicies,
      stale && freshness.observedAt?.getTime(),
      resources.models.length,
    );
    for (const [type, price] of Object.entries(prices)) {
      inputs.push(type);
      // Price objects are flat; their values say everything about them.
      for (const [k, v] of Object.entries(price)) inputs.push(k, v);
    }
    inputs.push('models');
    for (const model of resources.models) inputs.push(model);
    for (const v of variantNames) {
      inputs.push(v, this.#load?.cachedLoadFor(awsName, v));
    }
    const cached = this.#rows.get(fields.entityRef, inputs);
    if (cached) return cached;
    const row = this.#build(
      fields,
      target,
      resources,
      freshness,
      awsName,
      variantNames,
      prices,
    );
    this.#rows.set(fields.entityRef, inputs.slice(), row);
    return row;
  }

  #build(
    fields: FleetEntity,
    target: ResolvedEndpoint,
    resources: EndpointResources,
    freshness: ClusterFreshness,
    awsName: string,
    variantNames: string[],
    prices: Record<string, InstancePrice>,
  ): FleetRow {
    const load: Record<string, LoadPoint[]> = {};
    const missingLoad: string[] = [];
    for (const v of variantNames) {
      const points = this.#load?.cachedLoadFor(awsName, v);
      if (points) load[v] = points;
      else missingLoad.push(v);
    }
    const clusterName = target.cluster.config.name;
    return buildFleetRow(fields, {
      input: {
        entityRef: fields.entityRef,
        cluster: clusterName,
        namespace: target.namespace,
        endpointName: target.endpointName,
        ...resources,
        freshness: {
          observedAt: (freshness.observedAt ?? new Date(0)).toISOString(),
          stale: !freshness.current,
        },
        // Activities are not read for the fleet (one AAS call per row); the entity's tab
        // has them and the findings they give.
        autoscaling: { available: true, activities: [] },
        load,
        prices,
      },
      degraded:
        resources.endpoint && missingLoad.length
          ? `load not cached yet for ${missingLoad.join(
              ', ',
            )} (open the entity's Scaling tab to read it)`
          : undefined,
    });
  }
}

/** A ref from a query parameter, or a 400 naming the parameter. */
function parseRefParam(param: string, value: string, defaultKind: string) {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind }));
  } catch (e) {
    throw new InputError(
      `Invalid query: ${param}: '${value}' is not an entity ref (${
        (e as Error).message
      })`,
    );
  }
}

/** The fields a row shows, with refs in the catalog's lower-case form. */
function entityFieldsOf(entity: Entity): {
  fields: FleetEntity;
  entity: Entity;
} {
  const spec = (entity.spec ?? {}) as { owner?: unknown; system?: unknown };
  const namespace = entity.metadata.namespace ?? 'default';
  const ref = (value: unknown, defaultKind: string) => {
    if (typeof value !== 'string' || !value) return undefined;
    try {
      return stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
      );
    } catch {
      return value; // shown as written; the catalog reports malformed refs itself
    }
  };
  return {
    entity,
    fields: {
      entityRef: stringifyEntityRef(entity),
      kind: entity.kind,
      namespace,
      name: entity.metadata.name,
      title: entity.metadata.title,
      owner: ref(spec.owner, 'group'),
      system: ref(spec.system, 'system'),
    },
  };
}

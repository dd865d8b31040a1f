/**
 * The ML services a caller may read, with each one's compact state: the catalog queried
 * with the caller's credentials, the read permission and the binding per entity, and the
 * snapshot from the cache. A stop-gap for the list action until the fleet query
 * (src/fleet) serves it; a row that cannot be read carries its error, never failing the list.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENDPOINT_NAME,
  sagemakerScalingReadPermission,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EntityAuthorizer } from '../router/authorizedTarget';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import {
  endpointScalingStateOf,
  type EndpointScalingState,
} from './endpointScalingState';

/** Filters and page of {@link listReadableEndpoints}. @internal */
export interface EndpointListQuery {
  /** The entities' `spec.owner`, as written there. */
  owner?: string;
  /** The entities' `spec.system`. */
  system?: string;
  /** Part of the entity name, case-insensitive. */
  search?: string;
  limit: number;
  offset: number;
}

/** One listed service: its state, or why it could not be read. @internal */
export interface EndpointListRow {
  entityRef: string;
  owner?: string;
  system?: string;
  state?: EndpointScalingState;
  error?: string;
}

/** Lists the page of `query` for `credentials`, sorted by entity ref. @internal */
export async function listReadableEndpoints(
  options: {
    catalog: CatalogService;
    authorizeEntity: EntityAuthorizer;
    snapshots: ScalingSnapshotService;
  },
  credentials: BackstageCredentials,
  query: EndpointListQuery,
): Promise<{ totalItems: number; items: EndpointListRow[] }> {
  const filter: Record<string, string> = {};
  if (query.owner) filter['spec.owner'] = query.owner;
  if (query.system) filter['spec.system'] = query.system;
  const { items } = await options.catalog.getEntities(
    { filter: Object.keys(filter).length ? filter : undefined },
    { credentials },
  );
  const search = query.search?.toLocaleLowerCase('en-US');
  const services = items
    .filter(e => e.metadata.annotations?.[ANNOTATION_ENDPOINT_NAME])
    .filter(
      e =>
        !search || e.metadata.name.toLocaleLowerCase('en-US').includes(search),
    )
    .map(e => ({ entity: e, entityRef: stringifyEntityRef(e) }))
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  const page = services.slice(query.offset, query.offset + query.limit);
  return {
    totalItems: services.length,
    items: await Promise.all(
      page.map(({ entity, entityRef }) =>
        rowOf(options, credentials, entity, entityRef),
      ),
    ),
  };
}

async function rowOf(
  options: {
    authorizeEntity: EntityAuthorizer;
    snapshots: ScalingSnapshotService;
  },
  credentials: BackstageCredentials,
  entity: Entity,
  entityRef: string,
): Promise<EndpointListRow> {
  const spec = entity.spec as { owner?: unknown; system?: unknown } | undefined;
  const row: EndpointListRow = {
    entityRef,
    owner: typeof spec?.owner === 'string' ? spec.owner : undefined,
    system: typeof spec?.system === 'string' ? spec.system : undefined,
  };
  try {
    const { target } = await options.authorizeEntity(
      credentials,
      { ...parseEntityRef(entityRef) },
      sagemakerScalingReadPermission,
    );
    row.state = endpointScalingStateOf(
      await options.snapshots.snapshot(target),
    );
  } catch (e) {
    row.error = `${(e as Error).name}: ${(e as Error).message}`;
  }
  return row;
}

import {
  FLEET_SORT_COLUMNS,
  type FleetQuery,
  type FleetSortColumn,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** The owner filter meaning "the groups I am in" (the backend resolves `me`). */
export const OWNER_MINE = 'me';
/** The owner filter meaning "no owner filter". */
export const OWNER_ALL = 'all';

/**
 * What the fleet page filters and sorts by, as kept in its URL (so a filtered view can be
 * linked to and survives a reload). `owner` is {@link OWNER_MINE}, {@link OWNER_ALL} or an
 * entity ref.
 * @internal
 */
export interface FleetFilters {
  owner: string;
  system?: string;
  cluster?: string;
  /** A finding code or a severity. */
  finding?: string;
  q?: string;
  sort: FleetSortColumn;
  order: 'asc' | 'desc';
}

/** The page's view before anyone chose anything: my groups' services by name. */
const DEFAULT_FLEET_FILTERS: FleetFilters = {
  owner: OWNER_MINE,
  sort: 'name',
  order: 'asc',
};

function isSortColumn(value: string | null): value is FleetSortColumn {
  return (FLEET_SORT_COLUMNS as readonly (string | null)[]).includes(value);
}

/** Reads the filters from a URL's search params; unknown values fall back to the defaults. @internal */
export function fleetFiltersFromSearchParams(
  params: URLSearchParams,
): FleetFilters {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const sort = params.get('sort');
  return {
    owner: text('owner') ?? DEFAULT_FLEET_FILTERS.owner,
    system: text('system'),
    cluster: text('cluster'),
    finding: text('finding'),
    q: text('q'),
    sort: isSortColumn(sort) ? sort : DEFAULT_FLEET_FILTERS.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** The search params of a filtered view; defaults are left out to keep links short. @internal */
export function fleetFiltersToSearchParams(
  filters: Partial<FleetFilters>,
): URLSearchParams {
  const merged = { ...DEFAULT_FLEET_FILTERS, ...filters };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(merged)) {
    const isDefault =
      value === DEFAULT_FLEET_FILTERS[name as keyof FleetFilters];
    if (value && !isDefault) params.set(name, value);
  }
  return params;
}

/** The backend query of a view (without paging). @internal */
export function toFleetQuery(filters: FleetFilters): FleetQuery {
  return {
    ...(filters.owner !== OWNER_ALL ? { owner: [filters.owner] } : {}),
    ...(filters.system ? { system: [filters.system] } : {}),
    ...(filters.cluster ? { cluster: [filters.cluster] } : {}),
    ...(filters.finding ? { finding: filters.finding } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    sort: filters.sort,
    order: filters.order,
  };
}

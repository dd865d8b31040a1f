import type {
  FleetRow,
  FleetSortColumn,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** `localeCompare`'s order, without building a collator per comparison (10,000 rows: ~140,000 of them). */
const collator = new Intl.Collator();

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 } as const;

/** The value a row sorts by in each column; undefined sorts last either way. */
const SORT_KEYS: Record<
  FleetSortColumn,
  (row: FleetRow) => string | number | undefined
> = {
  name: r => (r.title ?? r.name).toLocaleLowerCase('en-US'),
  owner: r => r.owner,
  system: r => r.system,
  cluster: r => (r.cluster ? `${r.cluster}/${r.endpointNamespace}` : undefined),
  status: r => r.endpointStatus,
  capacity: r =>
    r.variants.length
      ? r.variants.reduce((s, v) => s + (v.currentInstanceCount ?? 0), 0)
      : undefined,
  load: r => {
    // The variant closest to (or furthest over) its target decides.
    const ratios = r.variants
      .filter(v => v.latestLoadPerInstance !== undefined && v.targetValue)
      .map(v => v.latestLoadPerInstance! / v.targetValue!);
    return ratios.length ? Math.max(...ratios) : undefined;
  },
  atMaxShare: r => r.atMaxShare7d,
  cost: r => r.monthlyRunRateUsd,
  finding: r => (r.topFinding ? SEVERITY_RANK[r.topFinding.severity] : 0),
  binding: r => r.binding,
};

function byCodeUnits(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Sorts rows by `column` (ties by entity ref, so pages are stable); rows without a value
 * come last in both orders.
 * @internal
 */
export function sortFleetRows(
  rows: FleetRow[],
  column: FleetSortColumn,
  order: 'asc' | 'desc',
): FleetRow[] {
  const key = SORT_KEYS[column];
  const sign = order === 'asc' ? 1 : -1;
  const keyed = rows.map(row => ({ row, value: key(row) }));
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value !== b.value) return a.value === undefined ? 1 : -1;
    } else if (a.value !== b.value) {
      const c =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      if (c !== 0) return sign * c;
    }
    // Ties only need a stable order, not a linguistic one: code-unit order is ~10x cheaper.
    return byCodeUnits(a.row.entityRef, b.row.entityRef);
  });
  return keyed.map(k => k.row);
}

/**
 * The fleet view's wire types: one row per ML service the caller may read, built by the
 * backend from the catalog and the watch cache (`GET /v1/fleet`).
 */
import type { EndpointBindingState } from './binding';
import type { FindingCode, FindingSeverity } from './snapshot';

/** Columns the fleet can be sorted by. @public */
export const FLEET_SORT_COLUMNS = [
  'name',
  'owner',
  'system',
  'cluster',
  'status',
  'capacity',
  'load',
  'atMaxShare',
  'cost',
  'finding',
  'binding',
] as const;

/** A column the fleet can be sorted by. @public */
export type FleetSortColumn = (typeof FLEET_SORT_COLUMNS)[number];

/** One production variant of a fleet row. @public */
export interface FleetVariant {
  variantName: string;
  instanceType?: string;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  minCapacity?: number;
  maxCapacity?: number;
  /** Target invocations per instance of its target-tracking policy. */
  targetValue?: number;
  /** Latest invocations per instance, when CloudWatch's short cache holds it. */
  latestLoadPerInstance?: number;
  /** USD per month at the current capacity; absent when the price is unknown. */
  monthlyRunRateUsd?: number;
}

/** One ML service in the fleet. @public */
export interface FleetRow {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  cluster?: string;
  /** Kubernetes namespace of the endpoint. */
  endpointNamespace?: string;
  endpointName?: string;
  /** SageMaker endpoint status (`InService`, `Updating`, ...). */
  endpointStatus?: string;
  variants: FleetVariant[];
  /**
   * Share (0..1) of the last 7 days any variant spent at its maximum capacity; absent
   * ("n/a") while the backend has recorded less than 7 days.
   */
  atMaxShare7d?: number;
  /** Sum of the variants' monthly run rates; absent when any price is unknown. */
  monthlyRunRateUsd?: number;
  /** The most severe finding. */
  topFinding?: {
    code: FindingCode;
    severity: FindingSeverity;
    message: string;
  };
  binding?: EndpointBindingState;
  /** Why some of the row's data is missing (cluster not synced, load not cached ...). */
  degraded?: string;
}

/** A page of the fleet. @public */
export interface FleetPage {
  rows: FleetRow[];
  /** Rows matching the filters, across all pages. */
  totalCount: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * Filters, sort and paging of `GET /v1/fleet`. `owner` is `me` (the caller's ownership
 * refs) or entity refs; `finding` is a finding code or a severity (`error`, `warning`,
 * `info`); `cursor` is the `nextCursor` of the previous page.
 * @public
 */
export interface FleetQuery {
  owner?: string[];
  system?: string[];
  cluster?: string[];
  finding?: string;
  /** Search in names and titles. */
  q?: string;
  sort?: FleetSortColumn;
  order?: 'asc' | 'desc';
  /** Rows per page, 1..200 (default 50). */
  limit?: number;
  cursor?: string;
}

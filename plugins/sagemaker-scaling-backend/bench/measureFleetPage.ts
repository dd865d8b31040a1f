/**
 * The fleet page of snapshotBench.ts: the plugin's FleetService over the benchmark's
 * synced cache, with a catalog stub (the catalog is another service) that answers with
 * one entity per endpoint after BENCH_CATALOG_LATENCY_MS and is parsed from JSON as an
 * HTTP answer would be, and a permission stub that allows every entity.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ENDPOINT_NAME,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { LoadPoint } from '../src/aws/CloudWatchMetricsReader';
import type { CapacityHistory } from '../src/cache/CapacityHistory';
import { FleetService } from '../src/fleet/FleetService';
import { fleetQuerySchema } from '../src/fleet/fleetQuery';
import type { ScalingSnapshotService } from '../src/snapshot/ScalingSnapshotService';

const CATALOG_LATENCY_MS = Number(process.env.BENCH_CATALOG_LATENCY_MS ?? 50);
const PAGES = Number(process.env.BENCH_FLEET_PAGES ?? 40);
/** Every row must be built to filter by cluster and sort by load: the costly case. */
const QUERY = 'cluster=sandbox&sort=load&order=desc&limit=50';

/** What the fleet page measured. */
export interface FleetPageResult {
  query: string;
  pages: number;
  catalogLatencyMs: number;
  p50: number;
  p99: number;
  catalogP50: number;
  totalCount: number;
  rows: number;
  apiCallsPerPage: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Measures PAGES fleet pages one after the other; see the file comment. */
export async function measureFleetPage(options: {
  endpoints: number;
  namespace: string;
  snapshots: ScalingSnapshotService;
  histories: Map<string, CapacityHistory>;
  /** API-server requests made so far by the cache's client. */
  apiCalls: () => number;
}): Promise<FleetPageResult> {
  const entities = Array.from({ length: options.endpoints }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `bench-${i}`,
      namespace: 'default',
      title: `Bench service ${i}`,
      annotations: {
        [ANNOTATION_ENDPOINT_NAME]: `bench-${i}`,
        [ANNOTATION_KUBERNETES_NAMESPACE]: options.namespace,
      },
    },
    spec: { owner: `group:default/team-${i % 20}`, system: `sys-${i % 50}` },
  }));
  // The answer as it comes over HTTP: parsed on every query.
  const catalogAnswer = JSON.stringify({ items: entities });
  const catalogTimes: number[] = [];
  const catalog = {
    async getEntities() {
      const start = performance.now();
      await sleep(CATALOG_LATENCY_MS);
      const answer = JSON.parse(catalogAnswer);
      catalogTimes.push(performance.now() - start);
      return answer;
    },
  } as unknown as CatalogService;
  const permissions = {
    async authorize(requests: unknown[]): Promise<PolicyDecision[]> {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  } as unknown as PermissionsService;
  const userInfo = {
    async getUserInfo() {
      return { userEntityRef: 'user:default/bench', ownershipEntityRefs: [] };
    },
  } as unknown as UserInfoService;
  // CloudWatch's short cache, full: a recent series per endpoint.
  const now = Date.now();
  const load = new Map<string, LoadPoint[]>(
    entities.map((_, i) => [
      `bench-${i}/AllTraffic`,
      Array.from({ length: 10 }, (__, m) => ({
        timestamp: new Date(now - (10 - m) * 60_000).toISOString(),
        value: (i * 7 + m) % 120,
      })),
    ]),
  );
  const fleet = new FleetService({
    catalog,
    permissions,
    userInfo,
    snapshots: options.snapshots,
    histories: options.histories,
    load: {
      cachedLoadFor: (endpointName, variantName) =>
        load.get(`${endpointName}/${variantName}`),
    },
  });

  const credentials = mockCredentials.user('user:default/bench');
  const times: number[] = [];
  let totalCount = 0;
  let rows = 0;
  const apiBefore = options.apiCalls();
  for (let i = 0; i < PAGES; i++) {
    const params = new URLSearchParams(QUERY);
    if (i % 5) params.set('cursor', String((i % 5) * 50));
    const query = fleetQuerySchema.parse(Object.fromEntries(params));
    const start = performance.now();
    const page = await fleet.page(query, credentials);
    times.push(performance.now() - start);
    totalCount = page.totalCount;
    rows = page.rows.length;
  }
  return {
    query: QUERY,
    pages: PAGES,
    catalogLatencyMs: CATALOG_LATENCY_MS,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    catalogP50: percentile(catalogTimes, 0.5),
    totalCount,
    rows,
    apiCallsPerPage: (options.apiCalls() - apiBefore) / PAGES,
  };
}

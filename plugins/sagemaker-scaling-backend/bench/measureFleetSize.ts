/**
 * One fleet size of snapshotBench.ts, in a process of its own: a sandbox with that many
 * scaled endpoints (in a child process, with added API latency), the plugin's watch
 * cache and snapshot service over the real Kubernetes and AWS SDK clients, autocannon in
 * another child. Returns the figures; prints progress.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ConfigReader } from '@backstage/config';
import {
  parseVariantResourceId,
  type AckKind,
  type Endpoint,
  type EndpointConfig,
  type Model,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  createAckClusterClient,
  readSageMakerClusterConfigs,
  type AckClusterApi,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ScalingActivityReader } from '../src/aws/ScalingActivityReader';
import { CapacityHistory } from '../src/cache/CapacityHistory';
import { ClusterResourceCache } from '../src/cache/ClusterResourceCache';
import { ClusterRegistry } from '../src/clusters/ClusterRegistry';
import { buildScalingSnapshot } from '../src/snapshot/buildScalingSnapshot';
import { ScalingSnapshotService } from '../src/snapshot/ScalingSnapshotService';
import { InstancePriceSource } from '../src/pricing/InstancePriceSource';
import { measureFleetPage, type FleetPageResult } from './measureFleetPage';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const NAMESPACE = 'bench';

interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  apiCallsPerSnapshot: number;
  awsCallsPerSnapshot?: number;
  count: number;
}

/** What one size measured. */
export interface SizeResult {
  endpoints: number;
  latencyMs: number;
  connections: number;
  durationS: number;
  syncMs: number;
  /** RSS the cache adds once V8 has returned the sync's garbage (memory-reducing GC). */
  cacheRssMb: number;
  /** RSS added right after the sync: the peak a memory limit must allow. */
  syncRssMb: number;
  cacheHeapMb: number;
  cached: LoadResult;
  naive?: LoadResult;
  fleet?: FleetPageResult;
}

/** Counts the calls the plugin makes to the API server. */
export function counting(api: AckClusterApi) {
  const counts = { list: 0, get: 0, watch: 0, apply: 0 };
  const wrapped: AckClusterApi = {
    clusterName: api.clusterName,
    list: (kind, options) => {
      counts.list++;
      return api.list(kind, options);
    },
    get: (kind, ns, name) => {
      counts.get++;
      return api.get(kind, ns, name);
    },
    watch: (kind, options, h) => {
      counts.watch++;
      return api.watch(kind, options, h);
    },
    apply: (o, opts) => {
      counts.apply++;
      return api.apply(o, opts);
    },
    delete: (kind, ns, name, opts) => api.delete(kind, ns, name, opts),
  };
  return {
    api: wrapped,
    counts,
    total: () => counts.list + counts.get + counts.watch + counts.apply,
  };
}

/**
 * RSS and heap after a full GC. `reduce` asks for V8's memory-reducing GC (what its memory
 * reducer runs on its own once a process goes quiet, on a timer the bench cannot wait
 * on reliably): it also returns the pages the freed garbage occupied.
 */
function memoryMb(reduce = false) {
  (global as any).gc?.(
    reduce
      ? { type: 'major', execution: 'sync', flavor: 'last-resort' }
      : undefined,
  );
  const m = process.memoryUsage();
  return { rss: m.rss / 1024 / 1024, heap: m.heapUsed / 1024 / 1024 };
}

async function startSandbox(script: string, endpoints: number) {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      script,
      String(endpoints),
      String(LATENCY_MS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const urls: {
    kubeApiUrl: string;
    caData: string;
    token: string;
    aasUrl: string;
  } = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', line =>
      resolve(JSON.parse(line)),
    );
    child.once('exit', code =>
      reject(new Error(`sandbox exited with ${code}`)),
    );
  });
  return { child, ...urls };
}

/** Measures one fleet size; see the file comment. */
export async function measureFleetSize(options: {
  endpoints: number;
  naive: boolean;
  fleet: boolean;
  sandboxScript: string;
  loadgenScript: string;
}): Promise<SizeResult> {
  const { endpoints: ENDPOINTS } = options;
  console.log(
    `starting a sandbox with ${ENDPOINTS} scaled endpoints (${
      ENDPOINTS * 5
    } objects)`,
  );
  const sandbox = await startSandbox(options.sandboxScript, ENDPOINTS);
  const config = new ConfigReader({
    sagemakerScaling: {
      clusters: [
        {
          name: 'sandbox',
          url: sandbox.kubeApiUrl,
          caData: sandbox.caData,
          namespaces: [NAMESPACE],
          auth: { type: 'serviceAccount', token: sandbox.token },
        },
      ],
    },
  });
  const [clusterConfig] = readSageMakerClusterConfigs(config);
  const realApi = await createAckClusterClient(clusterConfig, {
    requestTimeoutMs: 30_000,
  });
  const cachedApi = counting(realApi);
  const aas = new ApplicationAutoScalingClient({
    region: 'us-east-1',
    endpoint: sandbox.aasUrl,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  let awsCalls = 0;
  const activities = new ScalingActivityReader({
    client: {
      send: ((command: any, sendOptions: any) => {
        awsCalls++;
        return aas.send(command, sendOptions);
      }) as ApplicationAutoScalingClient['send'],
    },
  });

  const before = memoryMb(true);
  const syncStart = Date.now();
  const cache = new ClusterResourceCache({
    cluster: 'sandbox',
    api: cachedApi.api,
    namespaces: [NAMESPACE],
  });
  cache.start();
  if (!(await cache.waitForSync(120_000)))
    throw new Error('cache did not sync');
  const syncMs = Date.now() - syncStart;
  // The sync parses every object whole and keeps a trimmed copy: V8 keeps the pages of
  // that garbage until its memory reducer runs. Both are measured: right after the sync
  // (the peak a memory limit must allow) and what the cache holds once they are returned.
  const afterSync = memoryMb();
  const after = memoryMb(true);
  console.log(
    `cache synced ${cache.size} objects in ${syncMs} ms: RSS +${(
      afterSync.rss - before.rss
    ).toFixed(1)} MB right after, +${(after.rss - before.rss).toFixed(
      1,
    )} MB held; heap +${(after.heap - before.heap).toFixed(1)} MB`,
  );
  const histories = new Map([['sandbox', new CapacityHistory(cache)]]);
  const clusters = new ClusterRegistry([
    { config: clusterConfig, api: cachedApi.api, cache },
  ]);
  const snapshots = new ScalingSnapshotService({
    clusters,
    activities,
    histories,
    // Bundled list prices, as the embedded default has them: every variant's cost is figured.
    prices: new InstancePriceSource({ overrides: {}, region: 'us-east-1' }),
  });
  const resolved = (name: string) => ({
    entityRef: `component:default/${name}`,
    namespace: NAMESPACE,
    endpointName: name,
    cluster: clusters.list()[0],
  });

  let naiveCalls = 0;
  /** What a plugin without a cache would do: GET everything per request. */
  async function naiveSnapshot(name: string) {
    // Count this request's own calls, so requests still in flight at the end do not count.
    const perRequest = counting(realApi);
    const snapshot = await naiveSnapshotOf(name, perRequest.api);
    naiveCalls += perRequest.total();
    return snapshot;
  }

  async function naiveSnapshotOf(name: string, naive: AckClusterApi) {
    const endpoint = (await naive.get('Endpoint', NAMESPACE, name)) as
      | Endpoint
      | undefined;
    const endpointConfig = endpoint
      ? ((await naive.get(
          'EndpointConfig',
          NAMESPACE,
          endpoint.spec.endpointConfigName,
        )) as EndpointConfig | undefined)
      : undefined;
    const models = (
      await Promise.all(
        (endpointConfig?.spec.productionVariants ?? []).map(v =>
          naive.get('Model', NAMESPACE, v.modelName),
        ),
      )
    ).filter(Boolean) as Model[];
    const byEndpoint = (kind: AckKind) =>
      naive
        .list(kind, { namespace: NAMESPACE })
        .then(l =>
          l.items.filter(
            o =>
              parseVariantResourceId((o.spec as any).resourceID ?? '')
                ?.endpointName === name,
          ),
        );
    const [scalableTargets, scalingPolicies] = await Promise.all([
      byEndpoint('ScalableTarget') as Promise<ScalableTarget[]>,
      byEndpoint('ScalingPolicy') as Promise<ScalingPolicy[]>,
    ]);
    const acts = await Promise.all(
      scalableTargets.map(t =>
        activities.activitiesFor({
          resourceId: t.spec.resourceID,
          scalableDimension: t.spec.scalableDimension,
        }),
      ),
    );
    return buildScalingSnapshot({
      entityRef: `component:default/${name}`,
      cluster: 'sandbox',
      namespace: NAMESPACE,
      endpointName: name,
      endpoint,
      endpointConfig,
      models,
      scalableTargets,
      scalingPolicies,
      freshness: { observedAt: new Date().toISOString(), stale: false },
      autoscaling: { available: true, activities: acts.flat() },
    });
  }

  const served = { cached: 0, naive: 0, failed: 0 };
  let inFlight = 0;
  const server = http.createServer(async (req, res) => {
    const m = /^\/(cached|naive)\/(bench-\d+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    inFlight++;
    try {
      const body =
        m[1] === 'cached'
          ? await snapshots.snapshot(resolved(m[2]))
          : await naiveSnapshot(m[2]);
      served[m[1] as 'cached' | 'naive']++;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    } catch (e) {
      served.failed++;
      res.writeHead(500).end(String(e));
    } finally {
      inFlight--;
    }
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  // Warm the AAS cache for both paths (it is shared), 200 at a time.
  for (let i = 0; i < ENDPOINTS; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, ENDPOINTS - i) }, (_, j) =>
        snapshots.snapshot(resolved(`bench-${i + j}`)),
      ),
    );
  }

  async function run(path: 'cached' | 'naive'): Promise<LoadResult> {
    const apiBefore = cachedApi.total();
    const awsBefore = awsCalls;
    const servedBefore = served[path];
    const callsBefore = naiveCalls;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          options.loadgenScript,
          `http://127.0.0.1:${port}`,
          `/${path}/bench-`,
          String(ENDPOINTS),
          String(CONNECTIONS),
          String(DURATION_S),
        ],
        { maxBuffer: 64 * 1024 * 1024 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    const result = JSON.parse(output);
    // Requests the load generator gave up on still run here: let them end first.
    while (inFlight > 0) await new Promise(r => setTimeout(r, 50));
    // Calls of completed snapshots only (requests in flight at the end do not count).
    const calls =
      path === 'cached'
        ? cachedApi.total() - apiBefore
        : naiveCalls - callsBefore;
    const count = served[path] - servedBefore;
    return {
      p50: result.latency.p50 as number,
      p99: result.latency.p99 as number,
      rps: result.requests.average as number,
      errors: (result.errors as number) + (result.non2xx as number),
      apiCallsPerSnapshot: count ? calls / count : NaN,
      ...(path === 'cached'
        ? { awsCallsPerSnapshot: count ? (awsCalls - awsBefore) / count : NaN }
        : {}),
      count,
    };
  }

  console.log(
    `loading the cached path: ${CONNECTIONS} connections, ${DURATION_S} s`,
  );
  const cached = await run('cached');
  let naive: LoadResult | undefined;
  if (options.naive) {
    console.log(
      `loading the naive path: ${CONNECTIONS} connections, ${DURATION_S} s`,
    );
    naive = await run('naive');
  }
  let fleet: FleetPageResult | undefined;
  if (options.fleet) {
    console.log('fleet pages');
    fleet = await measureFleetPage({
      endpoints: ENDPOINTS,
      namespace: NAMESPACE,
      snapshots,
      histories,
      apiCalls: () => cachedApi.total(),
    });
  }

  server.close();
  histories.forEach(h => h.stop());
  cache.stop();
  aas.destroy();
  sandbox.child.kill('SIGTERM');
  return {
    endpoints: ENDPOINTS,
    latencyMs: LATENCY_MS,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    syncMs,
    cacheRssMb: after.rss - before.rss,
    syncRssMb: afterSync.rss - before.rss,
    cacheHeapMb: after.heap - before.heap,
    cached,
    naive,
    fleet,
  };
}

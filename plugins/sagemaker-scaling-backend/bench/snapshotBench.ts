/**
 * Benchmark (not a test): the cached snapshot path against a naive path that GETs every
 * resource per request, side by side against one sandbox with 1,000 scaled endpoints and
 * 20 ms added Kubernetes API latency. Prints latency, throughput, API-server requests per
 * snapshot, the RSS the cache adds, and the ratios.
 *
 * Run: ./scripts/dev.sh yarn workspace @mlplatform/plugin-sagemaker-scaling-backend bench
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { ClusterResourceCache } from '../src/cache/ClusterResourceCache';
import { ClusterRegistry } from '../src/clusters/ClusterRegistry';
import { buildScalingSnapshot } from '../src/snapshot/buildScalingSnapshot';
import { ScalingSnapshotService } from '../src/snapshot/ScalingSnapshotService';

import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve as resolvePath } from 'node:path';

const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const NAMESPACE = 'bench';

/** Counts the calls the plugin makes to the API server. */
function counting(api: AckClusterApi) {
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

function rssMb() {
  (global as any).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

async function main() {
  console.log(
    `Starting a sandbox with ${ENDPOINTS} scaled endpoints (${
      ENDPOINTS * 5
    } objects)...`,
  );
  const sandboxProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      resolvePath(__dirname, 'sandboxProcess.ts'),
      String(ENDPOINTS),
      String(LATENCY_MS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const sandbox: {
    kubeApiUrl: string;
    caData: string;
    token: string;
    aasUrl: string;
  } = await new Promise((resolve, reject) => {
    createInterface({ input: sandboxProcess.stdout! }).once('line', line =>
      resolve(JSON.parse(line)),
    );
    sandboxProcess.once('exit', code =>
      reject(new Error(`sandbox exited with ${code}`)),
    );
  });

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
  const activities = new ScalingActivityReader({ client: aas });

  const rssBefore = rssMb();
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
  const rssAfter = rssMb();
  const clusters = new ClusterRegistry([
    { config: clusterConfig, api: cachedApi.api, cache },
  ]);
  const snapshots = new ScalingSnapshotService({ clusters, activities });
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

  async function naiveSnapshotOf(name: string, naive: AckKubernetesApi) {
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
  const server = http.createServer(async (req, res) => {
    const m = /^\/(cached|naive)\/(bench-\d+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
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
    }
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  // Warm the AAS cache equally for both paths (it is shared).
  await Promise.all(
    Array.from({ length: ENDPOINTS }, (_, i) =>
      snapshots.snapshot(resolved(`bench-${i}`)),
    ),
  );

  async function run(path: 'cached' | 'naive') {
    const before = cachedApi.total();
    const servedBefore = served[path];
    const callsBefore = naiveCalls;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          resolvePath(__dirname, 'loadgen.js'),
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
    // Calls of completed snapshots only (requests in flight at the end do not count).
    const calls =
      path === 'cached' ? cachedApi.total() - before : naiveCalls - callsBefore;
    const count = served[path] - servedBefore;
    return {
      p50: result.latency.p50 as number,
      p99: result.latency.p99 as number,
      rps: result.requests.average as number,
      errors: (result.errors as number) + (result.non2xx as number),
      apiCallsPerSnapshot: count ? calls / count : NaN,
      count,
    };
  }

  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await naiveSnapshot(`bench-${i}`);
    const t1 = Date.now();
    await snapshots.snapshot(resolved(`bench-${i}`));
    console.log(
      `One snapshot, unloaded: naive ${t1 - t0} ms, cached ${
        Date.now() - t1
      } ms`,
    );
  }
  console.log(
    `Cache synced in ${syncMs} ms; load: ${CONNECTIONS} connections, ${DURATION_S} s per path, random endpoint per request.`,
  );
  const cached = await run('cached');
  const naive = await run('naive');

  const row = (name: string, r: typeof cached) =>
    `${name.padEnd(8)} p50 ${String(r.p50).padStart(6)} ms  p99 ${String(
      r.p99,
    ).padStart(6)} ms  ${r.rps
      .toFixed(0)
      .padStart(
        6,
      )} snapshots/s  API-server requests/snapshot ${r.apiCallsPerSnapshot.toFixed(
      3,
    )}  (${r.count} served, ${r.errors} errors)`;
  console.log('');
  console.log(
    `Sandbox: ${ENDPOINTS} endpoints, +${LATENCY_MS} ms Kubernetes API latency`,
  );
  console.log(row('cached', cached));
  console.log(row('naive', naive));
  console.log(
    `Backend process RSS: ${rssBefore.toFixed(
      1,
    )} MB before the cache, ${rssAfter.toFixed(1)} MB after syncing ${
      cache.size
    } objects: +${(rssAfter - rssBefore).toFixed(1)} MB`,
  );
  console.log('');
  console.log('Ratios (naive / cached):');
  console.log(
    `  p50 latency   ${(naive.p50 / Math.max(cached.p50, 0.5)).toFixed(
      1,
    )}x lower  (target >= 20x)`,
  );
  console.log(
    `  p99 latency   ${(naive.p99 / Math.max(cached.p99, 0.5)).toFixed(
      1,
    )}x lower`,
  );
  console.log(
    `  throughput    ${(cached.rps / Math.max(naive.rps, 1)).toFixed(
      1,
    )}x higher (cached ${cached.rps.toFixed(0)}/s; target >= 1000/s)`,
  );
  console.log(
    `  API requests  ${naive.apiCallsPerSnapshot.toFixed(
      2,
    )} vs ${cached.apiCallsPerSnapshot.toFixed(
      3,
    )} per snapshot (target: cached near 0)`,
  );
  console.log(
    `  memory        +${(rssAfter - rssBefore).toFixed(
      1,
    )} MB for ${ENDPOINTS} endpoints (target < 100 MB)`,
  );

  server.close();
  cache.stop();
  aas.destroy();
  sandboxProcess.kill('SIGTERM');
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);

#!/usr/bin/env node
/**
 * Benchmark of the sandbox cluster (not a test): lists of 1,000 endpoints among 5,000
 * objects, 200 concurrent watches, and memory for 5,000 objects. Prints the results
 * and a JSON line (`BENCH_RESULT {...}`) for scripts/bench.mjs.
 *
 *   node packages/sandbox-cluster/bench/sandbox.bench.mjs [--endpoints 1000] [--watches 200]
 */
import { createRequire } from 'node:module';
import https from 'node:https';

const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const { startSandboxCluster } = require('../src/index.ts');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENDPOINTS = arg('endpoints', 1000);
const WATCHES = arg('watches', 200);
const LIST_RUNS = arg('runs', 20);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};
const mb = bytes => Math.round((bytes / 1024 / 1024) * 10) / 10;

function request(sandbox, path, agent) {
  return new Promise((resolve, reject) => {
    const req = https.get(
      new URL(path, sandbox.kubeApiUrl),
      {
        ca: sandbox.caCertificate,
        agent,
        headers: { authorization: `Bearer ${sandbox.token}` },
      },
      res => {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            bytes: Buffer.concat(chunks).length,
            text: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
  });
}

async function main() {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const sandbox = await startSandboxCluster({
    clock: 'manual',
    tickIntervalMs: 1000,
  });
  global.gc?.();
  const heapEmpty = process.memoryUsage().heapUsed;
  const rssEmpty = process.memoryUsage().rss;

  let t = performance.now();
  sandbox.seedEndpoints(ENDPOINTS, { namespace: 'bench' });
  const seedMs = performance.now() - t;
  global.gc?.();
  const heapSeeded = process.memoryUsage().heapUsed;
  const objects = sandbox.api.resources
    .filter(r => r.group)
    .reduce((n, r) => n + sandbox.store.count(r.key), 0);
  const rssSeeded = process.memoryUsage().rss;

  const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  const path =
    '/apis/sagemaker.services.k8s.aws/v1alpha1/namespaces/bench/endpoints';
  await request(sandbox, path, agent); // warm-up
  const listMs = [];
  let listBytes = 0;
  let listCount = 0;
  for (let i = 0; i < LIST_RUNS; i++) {
    t = performance.now();
    const res = await request(sandbox, path, agent);
    listMs.push(performance.now() - t);
    listBytes = res.bytes;
    listCount = JSON.parse(res.text).items.length;
  }

  // 200 concurrent watches on Endpoints; one change must reach all of them.
  const watchAgent = new https.Agent({
    keepAlive: true,
    maxSockets: WATCHES + 10,
  });
  const rv = String(sandbox.store.resourceVersion);
  let received = 0;
  const requests = [];
  const opened = await Promise.all(
    Array.from(
      { length: WATCHES },
      () =>
        new Promise((resolve, reject) => {
          const req = https.get(
            new URL(
              `${path}?watch=true&resourceVersion=${rv}`,
              sandbox.kubeApiUrl,
            ),
            {
              ca: sandbox.caCertificate,
              agent: watchAgent,
              headers: { authorization: `Bearer ${sandbox.token}` },
            },
            res => {
              res.on('data', chunk => {
                received += String(chunk).split('\n').filter(Boolean).length;
              });
              res.on('error', () => {});
              resolve(res);
            },
          );
          req.on('error', reject);
          requests.push(req);
        }),
    ),
  );
  const watchesOpen = sandbox.store.watcherCount();
  const def = sandbox.api.resourceForKind('Endpoint');
  t = performance.now();
  sandbox.api.patch(
    def,
    'bench',
    'bench-0',
    'merge',
    { metadata: { labels: { bench: 'touched' } } },
    { fieldManager: 'bench' },
  );
  while (received < WATCHES && performance.now() - t < 10_000) {
    await new Promise(r => setImmediate(r));
  }
  const fanOutMs = performance.now() - t;
  const watchReceived = received;

  // A list while 200 watches are open.
  t = performance.now();
  await request(sandbox, path, agent);
  const listUnderWatchMs = performance.now() - t;

  // One simulation step over all objects (the controllers' periodic full pass).
  t = performance.now();
  sandbox.settle();
  const fullPassMs = performance.now() - t;

  requests.forEach(r => r.destroy());
  opened.forEach(r => r.destroy());
  agent.destroy();
  watchAgent.destroy();
  await sandbox.stop();

  const result = {
    endpoints: ENDPOINTS,
    objects,
    seedSeconds: Math.round(seedMs) / 1000,
    listItems: listCount,
    listBytes,
    listP50Ms: Math.round(percentile(listMs, 50) * 10) / 10,
    listP95Ms: Math.round(percentile(listMs, 95) * 10) / 10,
    listWith200WatchesMs: Math.round(listUnderWatchMs * 10) / 10,
    watches: watchesOpen,
    watchEventsDelivered: watchReceived,
    watchFanOutMs: Math.round(fanOutMs * 10) / 10,
    controllerFullPassMs: Math.round(fullPassMs * 10) / 10,
    heapForObjectsMB: mb(heapSeeded - heapEmpty),
    heapTotalMB: mb(heapSeeded),
    rssMB: mb(rssSeeded),
    rssForObjectsMB: mb(rssSeeded - rssEmpty),
    heapBeforeStartMB: mb(heapBefore),
    gcExposed: Boolean(global.gc),
  };
  console.log(
    'sandbox-cluster benchmark (a sandbox; numbers are for this machine)',
  );
  console.log(
    `  seeded ${ENDPOINTS} scaled endpoints = ${objects} objects in ${result.seedSeconds} s`,
  );
  console.log(
    `  list ${listCount} endpoints (${Math.round(listBytes / 1024)} KiB): p50 ${
      result.listP50Ms
    } ms, p95 ${result.listP95Ms} ms (target < 100 ms)`,
  );
  console.log(
    `  ${watchesOpen} concurrent watches: one change reached ${watchReceived} of them in ${result.watchFanOutMs} ms`,
  );
  console.log(
    `  list with ${watchesOpen} watches open: ${result.listWith200WatchesMs} ms`,
  );
  console.log(
    `  controllers' full pass over ${objects} objects: ${result.controllerFullPassMs} ms`,
  );
  console.log(
    `  memory: heap for the objects ${result.heapForObjectsMB} MB, heap ${
      result.heapTotalMB
    } MB; RSS ${result.rssMB} MB of which ${
      result.rssForObjectsMB
    } MB since the objects were added (target < 200 MB)${
      global.gc ? '' : ' (run with --expose-gc for steadier heap numbers)'
    }`,
  );
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

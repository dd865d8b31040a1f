/**
 * Benchmark (not a test): server-sent-event streams of the plugin at scale. The plugin
 * runs in a backend in this process (real auth, permission and catalog services of the
 * test backend, the real events route); the sandbox and the clients each run in their
 * own process. Measures the time to the first event at 1 stream and at 300 concurrent
 * streams (on one entity, and spread over several; beside 300 plain snapshot GETs at
 * once), and the heap and RSS while 300 idle streams are open, while they stop reading
 * through a burst of changes, and after they close.
 *
 * Run: node scripts/bench.mjs streams   (or ./scripts/dev.sh yarn bench, which runs all)
 * Knobs: BENCH_STREAMS (300), BENCH_STREAM_ENTITIES (30), BENCH_STREAM_CHANGES (300)
 */
import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sagemakerScalingPlugin } from '../src/plugin';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 300);
const ENTITIES = Number(process.env.BENCH_STREAM_ENTITIES ?? 30);
const CHANGES = Number(process.env.BENCH_STREAM_CHANGES ?? 300);
/** The previous design's first-event median at 300 streams, from the attack run. */
const PREVIOUS_P50_MS = 3400;
const BASE = '/api/sagemaker-scaling/v1/entities/component/default';

function mlService(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'sagemaker.services.k8s.aws/endpoint-name': name,
        'backstage.io/kubernetes-namespace': 'bench',
      },
    },
    spec: {
      type: 'ml-service',
      lifecycle: 'production',
      owner: 'user:default/a',
    },
  };
}

function memory() {
  (global as any).gc?.();
  (global as any).gc?.();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Sends a message to the clients' process and waits for the answer with that key. */
function ask<T>(child: ChildProcess, message: object, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: any) => {
      if (m.failed) reject(new Error(m.failed));
      else if (key in m) resolve(m[key]);
      else return;
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function main() {
  const sandboxProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      resolvePath(__dirname, 'sandboxProcess.ts'),
      String(ENTITIES),
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const sandbox: {
    kubeApiUrl: string;
    caData: string;
    token: string;
    aasUrl: string;
    cloudWatchUrl: string;
  } = await new Promise((resolve, reject) => {
    createInterface({ input: sandboxProcess.stdout! }).once('line', line =>
      resolve(JSON.parse(line)),
    );
    sandboxProcess.once('exit', code =>
      reject(new Error(`sandbox exited with ${code}`)),
    );
  });

  const names = Array.from({ length: ENTITIES }, (_, i) => `bench-${i}`);
  const backend = await startTestBackend({
    features: [
      sagemakerScalingPlugin,
      catalogServiceMock.factory({ entities: names.map(mlService) }),
      mockServices.rootConfig.factory({
        data: {
          sagemakerScaling: {
            clusters: [
              {
                name: 'sandbox',
                url: sandbox.kubeApiUrl,
                caData: sandbox.caData,
                namespaces: ['bench'],
                auth: { type: 'serviceAccount', token: sandbox.token },
              },
            ],
            aws: {
              region: 'us-east-1',
              applicationAutoScalingEndpoint: sandbox.aasUrl,
              cloudWatchEndpoint: sandbox.cloudWatchUrl,
            },
          },
          aws: {
            mainAccount: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const clients = fork(resolvePath(__dirname, 'streamClients.js'), [
    `http://127.0.0.1:${port}`,
  ]);
  const authorization = mockCredentials.user.header('user:default/a');
  const openStreams = async (paths: string[]) => {
    const { firstEventMs } = await ask<{ firstEventMs: number[] }>(
      clients,
      { open: { paths, authorization } },
      'opened',
    );
    return firstEventMs;
  };
  const closeStreams = () => ask(clients, { close: true }, 'closed');

  // The cache syncs, then each path is warmed once (code loaded, AWS caches filled).
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await openStreams(names.map(n => `${BASE}/${n}/events`));
      await closeStreams();
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(500);
    }
  }
  await sleep(1000);
  const baseline = memory();

  // 1 stream at a time, each on a topic nobody else has open (a fresh build).
  const single: number[] = [];
  for (let i = 0; i < 9; i++) {
    single.push(
      ...(await openStreams([`${BASE}/${names[i % names.length]}/events`])),
    );
    await closeStreams();
    // Just over the hub's debounce (50 ms): every change is its own snapshot.
    await sleep(60);
  }

  // 300 at once on one entity.
  const oneEntity = await openStreams(
    Array.from({ length: STREAMS }, () => `${BASE}/${names[0]}/events`),
  );
  await closeStreams();
  await sleep(500);

  // For comparison: 300 plain snapshot requests at once (no stream, no hub).
  const { ms: plain } = await ask<{ ms: number[] }>(
    clients,
    {
      get: {
        paths: Array.from(
          { length: STREAMS },
          () => `${BASE}/${names[0]}/scaling`,
        ),
        authorization,
      },
    },
    'got',
  );
  await sleep(500);

  // 300 at once spread over the entities; they then stay open, idle.
  const spread = await openStreams(
    Array.from(
      { length: STREAMS },
      (_, i) => `${BASE}/${names[i % names.length]}/events`,
    ),
  );
  await sleep(2000);
  const idle = memory();

  /** A burst of changes on every entity; what each stream got of it. */
  const burst = async (reading: boolean) => {
    await ask(clients, { mark: true }, 'marked');
    if (!reading) await ask(clients, { pause: true }, 'paused');
    for (let c = 0; c < CHANGES; c++) {
      for (const name of names) {
        sandboxProcess.send({ maxCapacity: { name, value: 3 + (c % 5) } });
      }
      // Just over the hub's debounce (50 ms): every change is its own snapshot.
      await sleep(60);
    }
    await sleep(1000);
    const heldWhileBackedUp = memory();
    const counted = await ask<{ snapshots: number[]; bytes: number[] }>(
      clients,
      { count: true },
      'counted',
    );
    return { ...counted, memory: heldWhileBackedUp };
  };
  // Reading along first (how many snapshots the burst makes), then not reading: each
  // stream keeps at most the socket's buffer and one pending snapshot.
  const reading = await burst(true);
  const notReading = await burst(false);
  const backedUp = notReading.memory;
  const { snapshots, bytes } = notReading;

  await closeStreams();
  await sleep(2000);
  const after = memory();

  const row = (label: string, ms: number[]) =>
    `${label.padEnd(34)} p50 ${percentile(ms, 50)
      .toFixed(0)
      .padStart(5)} ms  p95 ${percentile(ms, 95)
      .toFixed(0)
      .padStart(5)} ms  max ${Math.max(...ms)
      .toFixed(0)
      .padStart(5)} ms`;
  const mem = (label: string, m: { heapMb: number; rssMb: number }) =>
    `${label.padEnd(34)} heap ${m.heapMb
      .toFixed(1)
      .padStart(6)} MB  RSS ${m.rssMb.toFixed(1).padStart(6)} MB`;
  console.log(
    `\nTime to the first event (${ENTITIES} entities in the sandbox)`,
  );
  console.log(row('1 stream', single));
  console.log(row(`${STREAMS} streams, 1 entity`, oneEntity));
  console.log(row(`${STREAMS} streams, ${ENTITIES} entities`, spread));
  console.log(row(`${STREAMS} GETs of /scaling, 1 entity`, plain));
  console.log(
    `ratio p50 ${STREAMS}/1: ${(
      percentile(oneEntity, 50) / percentile(single, 50)
    ).toFixed(1)}x (1 entity), ${(
      percentile(spread, 50) / percentile(single, 50)
    ).toFixed(
      1,
    )}x (${ENTITIES} entities); previous design at 300 streams: p50 ${PREVIOUS_P50_MS} ms (attack run), now ${(
      PREVIOUS_P50_MS / percentile(oneEntity, 50)
    ).toFixed(0)}x faster`,
  );
  console.log('\nMemory of the backend process (after GC)');
  console.log(mem('before any stream', baseline));
  console.log(mem(`${STREAMS} idle streams open`, idle));
  console.log(mem(`${STREAMS} not reading, ${CHANGES} changes each`, backedUp));
  console.log(mem('after they closed', after));
  console.log(
    `per idle stream: ${(
      ((idle.heapMb - baseline.heapMb) * 1024) /
      STREAMS
    ).toFixed(1)} KB heap; not reading through ${CHANGES} changes: ${(
      ((backedUp.heapMb - baseline.heapMb) * 1024) /
      STREAMS
    ).toFixed(1)} KB heap per stream`,
  );
  console.log(
    `snapshots a stream got of ${CHANGES} changes: p50 ${percentile(
      reading.snapshots,
      50,
    )} reading along; not reading (latest-wins): p50 ${percentile(
      snapshots,
      50,
    )}, max ${Math.max(...snapshots)} (${(
      percentile(bytes, 50) /
      percentile(snapshots, 50) /
      1024
    ).toFixed(1)} KB each; the rest superseded)`,
  );

  clients.kill();
  await backend.stop();
  sandboxProcess.kill('SIGTERM');
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

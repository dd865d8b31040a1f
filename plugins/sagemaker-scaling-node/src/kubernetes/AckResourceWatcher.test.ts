import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  buildScaledEndpointManifests,
  type Model,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import type { AckClusterClient } from './AckClusterClient';
import {
  AckResourceWatcher,
  type AckResourceWatcherOptions,
} from './AckResourceWatcher';
import { createAckClusterClientFactory } from './resolveClusterConfig';

const NS = 'ml-serving';

function model(serviceName: string): Model {
  return buildScaledEndpointManifests({
    serviceName,
    namespace: NS,
    modelDataURL: 's3://bucket/model.tar.gz',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1',
    executionRoleARN: 'arn:aws:iam::123456789012:role/sagemaker',
    instanceType: 'ml.m5.large',
    initialInstanceCount: 1,
    minCapacity: 1,
    maxCapacity: 3,
    targetValue: 60,
  }).model;
}

function clientOf(sandbox: SandboxCluster, token = sandbox.token) {
  return createAckClusterClientFactory({
    config: new ConfigReader({
      sagemakerScaling: {
        clusters: [
          {
            name: 'sandbox',
            url: sandbox.kubeApiUrl,
            skipTLSVerify: true,
            auth: { type: 'serviceAccount', token },
          },
        ],
      },
    }),
  })('sandbox');
}

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 20));
  }
}

/** A watcher of the Models in NS, and what it handed over. */
function watchModels(
  client: () => Promise<AckClusterClient>,
  options: Pick<
    AckResourceWatcherOptions<Model>,
    'restartIfSilentForMs' | 'listPageSize' | 'trim'
  > = {},
) {
  const names = new Set<string>();
  const lists: string[][] = [];
  const watcher = new AckResourceWatcher<Model>({
    cluster: 'sandbox',
    kind: 'Model',
    namespace: NS,
    connect: client,
    backoff: { initialMs: 50, maxMs: 200 },
    ...options,
    sink: {
      replaceAll: items => {
        lists.push(items.map(i => i.metadata.name).sort());
        names.clear();
        items.forEach(i => names.add(i.metadata.name));
      },
      upsert: o => names.add(o.metadata.name),
      remove: o => names.delete(o.metadata.name),
    },
  });
  return { watcher, names, lists };
}

describe('AckResourceWatcher against the sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;
  let stop: (() => void)[] = [];

  beforeEach(async () => {
    sandbox = await startSandboxCluster({
      tls: false,
      bookmarkIntervalMs: 100,
      deletionSeconds: 0.2,
      tickIntervalMs: 20,
    });
    client = await clientOf(sandbox);
    await client.apply(model('existing'));
  });

  afterEach(async () => {
    stop.forEach(s => s());
    stop = [];
    await sandbox.stop();
  });

  function started(w: ReturnType<typeof watchModels>) {
    w.watcher.start();
    stop.push(() => w.watcher.stop());
    return w;
  }

  it('lists, then follows additions and deletions through the watch', async () => {
    const { watcher, names, lists } = started(watchModels(async () => client));
    await watcher.firstSync();
    expect(lists).toEqual([['existing-model']]);
    expect(watcher.state).toMatchObject({
      synced: true,
      connected: true,
      listFailed: false,
      listCount: 1,
    });

    await client.apply(model('added'));
    await waitFor(() => names.has('added-model'));
    await client.delete('Model', NS, 'existing-model');
    await waitFor(() => !names.has('existing-model'));
    expect(watcher.state.listCount).toBe(1);
  });

  it('lists in pages and holds only the trimmed objects, listed or watched', async () => {
    for (const name of ['b', 'c', 'd', 'e']) await client.apply(model(name));
    const pages: (string | undefined)[] = [];
    const counting = Object.create(client) as AckClusterClient;
    counting.list = (kind, options) => {
      pages.push(options?.continueToken);
      return client.list(kind, options);
    };
    const held: Model[] = [];
    const trim = (m: Model): Model => {
      const { managedFields: _dropped, ...metadata } = m.metadata;
      const kept = { ...m, metadata };
      held.push(kept);
      return kept;
    };
    const { watcher, lists } = started(
      watchModels(async () => counting, { listPageSize: 2, trim }),
    );
    await watcher.firstSync();
    // 5 models, 2 per page: 3 requests, the first without a continue token.
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBeUndefined();
    expect(pages.slice(1).every(Boolean)).toBe(true);
    expect(lists).toEqual([
      ['b-model', 'c-model', 'd-model', 'e-model', 'existing-model'],
    ]);
    await client.apply(model('added'));
    await waitFor(() => held.some(m => m.metadata.name === 'added-model'));
    // The controller's status writes come as events too: every one arrives trimmed.
    expect(held.every(m => m.metadata.managedFields === undefined)).toBe(true);
  });

  it('counts bookmarks as proof of being current, without listing again', async () => {
    const { watcher } = started(watchModels(async () => client));
    await watcher.firstSync();
    const listedAt = watcher.state.currentAt!.getTime();
    await waitFor(() => watcher.state.currentAt!.getTime() > listedAt + 150);
    expect(watcher.state.listCount).toBe(1);
  });

  it('lists again after 410 Gone, with what changed meanwhile', async () => {
    const { watcher, lists } = started(watchModels(async () => client));
    await watcher.firstSync();
    // once the watch is open (a bookmark came), a change it will not see: watches
    // cut, the history forgotten
    const listedAt = watcher.state.currentAt!.getTime();
    await waitFor(() => watcher.state.currentAt!.getTime() > listedAt);
    expect(sandbox.faults.dropWatches()).toBe(1);
    await client.apply(model('meanwhile'));
    sandbox.compact();
    await waitFor(() => watcher.state.listCount >= 2);
    expect(lists.at(-1)).toEqual(['existing-model', 'meanwhile-model']);
  });

  it('marks an unreachable cluster and recovers within the backoff ceiling', async () => {
    const { watcher, names } = started(watchModels(async () => client));
    await watcher.firstSync();
    await sandbox.faults.goDown();
    await waitFor(() => watcher.state.listFailed);
    expect(watcher.state.connected).toBe(false);
    expect(watcher.state.problem).toBeInstanceOf(ServiceUnavailableError);
    expect(watcher.state.problem?.message).toBe(
      "Cluster 'sandbox' is not available: connection failed (ECONNREFUSED)",
    );
    await sandbox.faults.comeUp();
    await client.apply(model('after-outage'));
    await waitFor(
      () => names.has('after-outage-model') && !watcher.state.listFailed,
      2000,
    );
    expect(watcher.state).toMatchObject({
      connected: true,
      problem: undefined,
    });
  });

  it('reports credentials the cluster refuses as a 503 naming the cluster, and keeps trying', async () => {
    let connects = 0;
    const { watcher } = started(
      watchModels(async () => {
        connects += 1;
        return clientOf(sandbox, 'not-a-token-of-this-cluster');
      }),
    );
    await waitFor(() => connects >= 2);
    expect(watcher.state).toMatchObject({ synced: false, listFailed: true });
    expect(watcher.state.problem).toBeInstanceOf(ServiceUnavailableError);
    expect(watcher.state.problem?.message).toMatch(
      /^Cluster 'sandbox' refused the SageMaker scaling plugin's credentials \(HTTP 401/,
    );
  });

  it('restarts a watch that falls silent', async () => {
    await sandbox.stop();
    sandbox = await startSandboxCluster({
      tls: false,
      bookmarkIntervalMs: 60_000,
    });
    client = await clientOf(sandbox);
    const { watcher } = started(
      watchModels(async () => client, { restartIfSilentForMs: 300 }),
    );
    await watcher.firstSync();
    await waitFor(() => watcher.state.listCount >= 2, 3000);
    expect(watcher.state.problem?.message ?? '').toMatch(
      /^(Cluster 'sandbox' sent no watch event or bookmark for \d+ s)?$/,
    );
  });
});

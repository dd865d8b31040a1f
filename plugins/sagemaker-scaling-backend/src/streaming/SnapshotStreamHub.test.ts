/**
 * The hub with the real watch cache of a sandbox cluster (Kubernetes API over HTTPS,
 * Application Auto Scaling over AWS JSON): how many builds its clients cost.
 */
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readSageMakerClusterConfigs } from '@mlplatform/plugin-sagemaker-scaling-node';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { ScalingActivityReader } from '../aws/ScalingActivityReader';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import { connectClusters } from '../clusters/connectClusters';
import {
  ScalingSnapshotService,
  type ResolvedEndpoint,
} from '../snapshot/ScalingSnapshotService';
import type { FrameKind } from './SseConnection';
import { SnapshotStreamHub } from './SnapshotStreamHub';

jest.setTimeout(60_000);

const DEBOUNCE_MS = 150;

/** A client that keeps what it is sent. */
function collector() {
  const frames: { frame: string; kind: FrameKind }[] = [];
  const states = () =>
    frames
      .filter(f => f.kind === 'state')
      .map(f => {
        const data = /^data: (.*)$/m.exec(f.frame)![1];
        return { frame: f.frame, data: JSON.parse(data) };
      });
  return {
    deliver: (frame: string, kind: FrameKind) => frames.push({ frame, kind }),
    states,
  };
}

async function waitFor(fn: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('SnapshotStreamHub with the watch cache of a sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let clusters: ClusterRegistry;
  let aas: ApplicationAutoScalingClient;
  let hub: SnapshotStreamHub;
  let target: (entityRef?: string) => ResolvedEndpoint;

  function patchMaxCapacity(value: number) {
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: value } },
    );
  }

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
    });
    for (const o of scaledEndpointObjects('churn-prediction') as any[]) {
      sandbox.api.patch(
        sandbox.api.resourceForKind(o.kind),
        o.metadata.namespace,
        o.metadata.name,
        'apply',
        o,
        { fieldManager: 'test', force: true },
      );
    }
    sandbox.advance(600_000);
    sandbox.settle();
    const config = new ConfigReader({
      sagemakerScaling: {
        clusters: [
          {
            name: 'sandbox',
            url: sandbox.kubeApiUrl,
            caData: sandbox.caData!,
            namespaces: ['ml-serving'],
            auth: { type: 'serviceAccount', token: sandbox.token },
          },
        ],
      },
    });
    clusters = await connectClusters(
      config,
      readSageMakerClusterConfigs(config),
    );
    clusters.start();
    const synced = await clusters.list()[0].cache.waitForSync(20_000);
    if (!synced) {
      const { problem } = clusters.list()[0].cache.freshness();
      throw new Error(`the cache did not sync: ${problem?.message}`);
    }
    aas = new ApplicationAutoScalingClient({
      region: 'us-east-1',
      endpoint: sandbox.aasUrl,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
    const snapshots = new ScalingSnapshotService({
      clusters,
      activities: new ScalingActivityReader({ client: aas }),
    });
    target = (entityRef = 'component:default/churn-prediction') => ({
      entityRef,
      namespace: 'ml-serving',
      endpointName: 'churn-prediction',
      cluster: clusters.list()[0],
    });
    hub = new SnapshotStreamHub({
      snapshots,
      clusters,
      logger: mockServices.logger.mock(),
      debounceMs: DEBOUNCE_MS,
    });
  });

  afterAll(async () => {
    hub?.stop();
    clusters?.stop();
    aas?.destroy();
    await sandbox?.stop();
  });

  it('builds once for N clients connecting together, and once per burst of changes for all of them', async () => {
    const builds = hub.buildCount;
    const clients = Array.from({ length: 50 }, collector);
    const unsubscribes = clients.map(c => hub.subscribe(target(), c));
    await waitFor(() => clients.every(c => c.states().length === 1));
    expect(hub.buildCount - builds).toBe(1);
    for (const c of clients) {
      expect(c.states()[0].data).toMatchObject({
        entityRef: 'component:default/churn-prediction',
        endpoint: { endpointName: 'churn-prediction' },
      });
    }

    // Three watch events, closer together than the debounce: one build for all 50.
    const beforeBurst = hub.buildCount;
    patchMaxCapacity(7);
    patchMaxCapacity(8);
    patchMaxCapacity(9);
    await waitFor(() => clients.every(c => c.states().length === 2));
    await new Promise(r => setTimeout(r, DEBOUNCE_MS * 2));
    expect(hub.buildCount - beforeBurst).toBe(1);
    const updates = clients.map(c => c.states()[1]);
    expect(updates[0].data.scalableTargets[0].maxCapacity).toBe(9);
    // One serialization, the same string for everyone.
    expect(new Set(updates.map(u => u.frame)).size).toBe(1);
    unsubscribes.forEach(u => u());
    expect(hub.clientCount).toBe(0);
  });

  it('gives a client joining a current topic the latest frame at once, without a build', async () => {
    const first = collector();
    const unsubscribeFirst = hub.subscribe(target(), first);
    await waitFor(() => first.states().length === 1);
    const builds = hub.buildCount;
    const late = collector();
    const unsubscribeLate = hub.subscribe(target(), late);
    // Delivered synchronously from the shared frame.
    expect(late.states().map(s => s.frame)).toEqual([first.states()[0].frame]);
    expect(hub.buildCount).toBe(builds);
    unsubscribeFirst();
    unsubscribeLate();
  });

  it('keeps two entities on one endpoint apart: each snapshot names its own entity', async () => {
    const a = collector();
    const b = collector();
    const unsubscribeA = hub.subscribe(target('component:default/a'), a);
    const unsubscribeB = hub.subscribe(target('component:default/b'), b);
    await waitFor(() => a.states().length === 1 && b.states().length === 1);
    expect(a.states()[0].data.entityRef).toBe('component:default/a');
    expect(b.states()[0].data.entityRef).toBe('component:default/b');
    unsubscribeA();
    unsubscribeB();
  });
});

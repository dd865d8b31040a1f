import {
  endpoint,
  endpointConfig,
  model,
  NS,
  scalableTarget,
  scalingPolicy,
} from '../__testUtils__/fixtures';
import {
  FakeKubernetesApi,
  unreachable,
} from '../__testUtils__/FakeKubernetesApi';
import {
  ClusterResourceCache,
  type ResourceChange,
} from './ClusterResourceCache';

async function waitFor(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('ClusterResourceCache', () => {
  let api: FakeKubernetesApi;
  let cache: ClusterResourceCache;

  beforeEach(() => {
    api = new FakeKubernetesApi([
      model(),
      endpointConfig(),
      endpoint(),
      scalableTarget(),
      scalingPolicy(),
    ]);
    cache = new ClusterResourceCache({
      cluster: 'c1',
      api,
      namespaces: [NS],
      backoff: { initialMs: 20, maxMs: 100 },
    });
  });
  afterEach(() => cache.stop());

  it('lists each kind once, then answers from memory', async () => {
    cache.start();
    expect(await cache.waitForSync(1000)).toBe(true);
    expect(api.listCalls).toBe(5);
    expect(cache.getEndpoint(NS, 'churn-prediction')?.spec.endpointName).toBe(
      'churn-prediction',
    );
    expect(
      cache
        .scalableTargetsFor(NS, 'churn-prediction')
        .map(t => t.metadata.name),
    ).toEqual(['churn-prediction-scalable-target']);
    expect(cache.scalingPoliciesFor(NS, 'other')).toEqual([]);
    for (let i = 0; i < 100; i++) cache.getEndpoint(NS, 'churn-prediction');
    expect(api.listCalls).toBe(5);
    expect(cache.freshness()).toMatchObject({
      synced: true,
      current: true,
      unreachable: false,
    });
  });

  it('applies watch events and tells listeners what changed', async () => {
    cache.start();
    await cache.waitForSync(1000);
    const changes: ResourceChange[] = [];
    cache.on('change', c => changes.push(c));
    api.put(scalableTarget({ maxCapacity: 9 }));
    api.put(
      scalableTarget({
        name: 'second',
        resourceID: 'endpoint/churn-prediction/variant/B',
      }),
    );
    api.remove(scalingPolicy());
    expect(
      cache
        .scalableTargetsFor(NS, 'churn-prediction')
        .map(t => t.spec.maxCapacity),
    ).toEqual([9, 4]);
    expect(cache.scalingPoliciesFor(NS, 'churn-prediction')).toEqual([]);
    expect(changes.map(c => `${c.kind}/${c.name}`)).toEqual([
      'ScalableTarget/churn-prediction-scalable-target',
      'ScalableTarget/second',
      'ScalingPolicy/churn-prediction-scaling-policy',
    ]);
  });

  it('re-indexes a target whose resourceID changes', async () => {
    cache.start();
    await cache.waitForSync(1000);
    api.put(
      scalableTarget({ resourceID: 'endpoint/elsewhere/variant/AllTraffic' }),
    );
    expect(cache.scalableTargetsFor(NS, 'churn-prediction')).toEqual([]);
    expect(cache.scalableTargetsFor(NS, 'elsewhere')).toHaveLength(1);
  });

  it('finds objects by their AWS name, also when it differs from their name, and follows renames', async () => {
    const renamed = model('model-resource');
    renamed.spec.modelName = 'aws-model-name';
    api.put(renamed, false);
    cache.start();
    await cache.waitForSync(1000);
    expect(
      cache.withAwsName('Model', NS, 'aws-model-name')?.metadata.name,
    ).toBe('model-resource');
    expect(
      cache.withAwsName('Model', NS, 'churn-prediction-model')?.metadata.name,
    ).toBe('churn-prediction-model');
    expect(
      cache.withAwsName('Endpoint', NS, 'churn-prediction')?.metadata.name,
    ).toBe('churn-prediction');
    // Its metadata.name is no AWS name of it.
    expect(cache.withAwsName('Model', NS, 'model-resource')).toBeUndefined();
    expect(cache.withAwsName('Model', 'elsewhere', 'aws-model-name')).toBe(
      undefined,
    );

    const renamedAgain = structuredClone(renamed);
    renamedAgain.spec.modelName = 'newer-aws-name';
    api.put(renamedAgain);
    await waitFor(() => !!cache.withAwsName('Model', NS, 'newer-aws-name'));
    expect(cache.withAwsName('Model', NS, 'aws-model-name')).toBeUndefined();
    api.remove(renamedAgain);
    await waitFor(() => !cache.withAwsName('Model', NS, 'newer-aws-name'));
  });

  it('lists a namespace without the objects of others', async () => {
    const other = endpoint({ name: 'other-endpoint' });
    other.metadata.namespace = 'other-ns';
    api.put(other, false);
    cache = new ClusterResourceCache({
      cluster: 'c1',
      api,
      namespaces: [NS, 'other-ns'],
      backoff: { initialMs: 20, maxMs: 100 },
    });
    cache.start();
    await cache.waitForSync(1000);
    expect(cache.list('Endpoint', NS).map(e => e.metadata.name)).toEqual([
      'churn-prediction',
    ]);
    expect(
      cache.list('Endpoint', 'other-ns').map(e => e.metadata.name),
    ).toEqual(['other-endpoint']);
    expect(cache.listAll('Endpoint')).toHaveLength(2);
    expect(cache.size).toBe(6);
  });

  it('holds objects trimmed: no managedFields, no last-applied manifest, no environment values; keeps when they were written', async () => {
    const withNoise = model();
    withNoise.metadata.annotations = {
      ...withNoise.metadata.annotations,
      'kubectl.kubernetes.io/last-applied-configuration': '{"spec":"secret"}',
    };
    (withNoise.metadata as any).managedFields = [
      { manager: 'kubectl', time: '2026-11-28T10:00:00Z', fieldsV1: {} },
      { manager: 'ack', time: '2026-11-28T11:30:00Z', fieldsV1: {} },
    ];
    withNoise.spec.primaryContainer!.environment = { API_KEY: 'hunter2' };
    api.put(withNoise, false);
    cache.start();
    await cache.waitForSync(1000);
    const held = cache.get('Model', NS, 'churn-prediction-model') as any;
    expect(held.metadata.managedFields).toBeUndefined();
    expect(
      held.metadata.annotations[
        'kubectl.kubernetes.io/last-applied-configuration'
      ],
    ).toBe('<redacted>');
    expect(held.spec.primaryContainer.environment).toEqual({
      API_KEY: '<redacted>',
    });
    expect(JSON.stringify(held)).not.toContain('hunter2');
    expect(held.spec.modelName).toBe('churn-prediction-model');
    expect(
      cache.lastWrittenAt('Model', NS, 'churn-prediction-model')?.toISOString(),
    ).toBe('2026-11-28T11:30:00.000Z');
  });

  it('marks the data stale when a watch drops and re-lists, dropping what was deleted meanwhile', async () => {
    cache.start();
    await cache.waitForSync(1000);
    api.remove(scalingPolicy(), false);
    api.dropWatches(unreachable());
    const f = cache.freshness();
    expect(f).toMatchObject({ current: false, unreachable: false });
    expect(f.problem?.message).toBe(
      "Cluster 'c1' is not available: connection failed (ECONNREFUSED)",
    );
    expect(cache.scalingPoliciesFor(NS, 'churn-prediction')).toHaveLength(1);
    await waitFor(() => cache.freshness().current);
    expect(api.listCalls).toBe(10);
    expect(cache.scalingPoliciesFor(NS, 'churn-prediction')).toEqual([]);
  });

  it('resumes a cleanly closed watch without re-listing', async () => {
    cache.start();
    await cache.waitForSync(1000);
    api.dropWatches();
    await waitFor(() => api.watches.size === 5, 3000);
    expect(api.listCalls).toBe(5);
    expect(cache.freshness().current).toBe(true);
  });

  it('re-lists at once on 410 Gone', async () => {
    cache.start();
    await cache.waitForSync(1000);
    api.sendGone();
    await waitFor(() => api.listCalls === 10 && cache.freshness().current);
    expect(cache.freshness()).toMatchObject({
      current: true,
      problem: undefined,
    });
  });

  it('reports an unreachable cluster and recovers with backoff', async () => {
    api.failLists = unreachable();
    cache.start();
    expect(await cache.waitForSync(100)).toBe(false);
    expect(cache.freshness()).toMatchObject({
      synced: false,
      unreachable: true,
    });
    expect(cache.freshness().problem?.message).toContain('ECONNREFUSED');
    api.failLists = undefined;
    await waitFor(() => cache.freshness().current, 3000);
    expect(cache.freshness().unreachable).toBe(false);
  });

  it('goes stale with the time of its last proof when the watches fall silent, re-lists them and announces both changes', async () => {
    // The fake API sends no bookmarks: silence is all it does after the list.
    cache = new ClusterResourceCache({
      cluster: 'c1',
      api,
      namespaces: [NS],
      backoff: { initialMs: 20, maxMs: 100 },
      staleAfterMs: 300,
    });
    const states: boolean[] = [];
    cache.on('state', f => states.push(f.current));
    cache.start();
    await cache.waitForSync(1000);
    const syncedAt = cache.freshness().observedAt!.getTime();
    expect(Date.now() - syncedAt).toBeLessThan(200);
    // An event is proof too: observedAt moves for the endpoint watch only, so the
    // cache's observedAt (the oldest watch) stays.
    api.put(endpoint({ status: { endpointStatus: 'Updating' } }));
    expect(cache.freshness()).toMatchObject({ current: true });
    expect(cache.freshness().observedAt!.getTime()).toBe(syncedAt);

    await waitFor(() => api.listCalls > 5, 2000);
    expect(states).toContain(false);
    // Re-listed: current again, observedAt of the new list.
    await waitFor(() => cache.freshness().current, 2000);
    expect(cache.freshness().observedAt!.getTime()).toBeGreaterThan(
      syncedAt + 250,
    );
    expect(states[states.length - 1]).toBe(true);
  });

  it('keeps its observedAt through a dropped watch, and is stale after the bound while the watch cannot reopen', async () => {
    cache = new ClusterResourceCache({
      cluster: 'c1',
      api,
      namespaces: [NS],
      backoff: { initialMs: 20, maxMs: 100 },
      staleAfterMs: 300,
    });
    cache.start();
    await cache.waitForSync(1000);
    api.failLists = unreachable();
    api.dropWatches(unreachable());
    const droppedAt = Date.now();
    await waitFor(() => cache.freshness().unreachable, 2000);
    const f = cache.freshness();
    expect(f.current).toBe(false);
    expect(f.observedAt!.getTime()).toBeLessThanOrEqual(droppedAt);
    // The cached objects stay readable.
    expect(cache.getEndpoint(NS, 'churn-prediction')).toBeDefined();
    api.failLists = undefined;
    await waitFor(() => cache.freshness().current, 2000);
  });
});

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

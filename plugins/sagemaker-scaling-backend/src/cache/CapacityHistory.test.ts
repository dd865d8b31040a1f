import {
  endpoint,
  endpointConfig,
  model,
  NS,
  scalableTarget,
  scalingPolicy,
} from '../__testUtils__/fixtures';
import { FakeKubernetesApi } from '../__testUtils__/FakeKubernetesApi';
import { CapacityHistory } from './CapacityHistory';
import { ClusterResourceCache } from './ClusterResourceCache';

describe('CapacityHistory', () => {
  it('records capacity changes per variant from watch events, oldest first', async () => {
    const api = new FakeKubernetesApi();
    const cache = new ClusterResourceCache({
      cluster: 'c1',
      api,
      namespaces: [NS],
    });
    let clock = Date.parse('2026-11-28T10:00:00Z');
    const history = new CapacityHistory(cache, {
      now: () => new Date((clock += 60_000)),
    });
    [
      model(),
      endpointConfig(),
      scalableTarget(),
      scalingPolicy(),
      endpoint(),
    ].forEach(o => api.put(o, false));
    cache.start();
    await cache.waitForSync(1000);

    api.put(
      endpoint({
        counts: [{ variantName: 'AllTraffic', current: 2, desired: 3 }],
      }),
    );
    api.put(
      endpoint({
        counts: [{ variantName: 'AllTraffic', current: 2, desired: 3 }],
      }),
    ); // no change
    api.put(scalableTarget({ maxCapacity: 6 }));
    api.put(
      endpoint({
        counts: [{ variantName: 'AllTraffic', current: 3, desired: 3 }],
      }),
    );

    const points = history.pointsFor(NS, 'churn-prediction');
    expect(
      points.map(p => [
        p.desiredInstanceCount,
        p.currentInstanceCount,
        p.maxCapacity,
      ]),
    ).toEqual([
      [2, 2, 4],
      [3, 2, 4],
      [3, 2, 6],
      [3, 3, 6],
    ]);
    expect(points[0]).toMatchObject({
      variantName: 'AllTraffic',
      minCapacity: 1,
      targetValue: 60,
    });
    expect(points.map(p => p.timestamp)).toEqual(
      [...points.map(p => p.timestamp)].sort(),
    );
    history.stop();
    cache.stop();
  });

  it("stamps points with the cluster's clock (managedFields time) when the cluster reports it", async () => {
    const api = new FakeKubernetesApi();
    const cache = new ClusterResourceCache({
      cluster: 'c1',
      api,
      namespaces: [NS],
    });
    const history = new CapacityHistory(cache, {
      now: () => new Date('2030-01-01T00:00:00Z'),
    });
    const writtenAt = (object: any, time: string) => ({
      ...object,
      metadata: {
        ...object.metadata,
        managedFields: [{ manager: 'ack', operation: 'Update', time }],
      },
    });
    [model(), endpointConfig(), scalableTarget(), scalingPolicy()].forEach(o =>
      api.put(writtenAt(o, '2026-11-27T09:00:00Z'), false),
    );
    api.put(writtenAt(endpoint(), '2026-11-27T10:00:00Z'), false);
    cache.start();
    await cache.waitForSync(1000);
    api.put(
      writtenAt(
        endpoint({
          counts: [{ variantName: 'AllTraffic', current: 2, desired: 3 }],
        }),
        '2026-11-27T10:05:00Z',
      ),
    );

    expect(
      history.pointsFor(NS, 'churn-prediction').map(p => p.timestamp),
    ).toEqual(['2026-11-27T10:00:00.000Z', '2026-11-27T10:05:00.000Z']);
    expect(cache.lastWrittenAt('Endpoint', NS, 'churn-prediction')).toEqual(
      new Date('2026-11-27T10:05:00Z'),
    );
    history.stop();
    cache.stop();
  });
});

import { createServer } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { connectClusters } from '../clusters/connectClusters';
import { ScalingSnapshotService } from './ScalingSnapshotService';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('ScalingSnapshotService', () => {
  it('answers 503 naming a cluster that never synced, with the cause', async () => {
    const clusters = await connectClusters(new ConfigReader({}), [
      {
        name: 'never-synced',
        url: `https://127.0.0.1:${await closedPort()}`,
        skipTLSVerify: false,
        namespaces: ['ml-serving'],
        auth: { type: 'serviceAccount', token: 'not-used' },
      },
    ]);
    const [cluster] = clusters.list();
    cluster.cache.start();
    try {
      const service = new ScalingSnapshotService({
        clusters,
        activities: { activitiesFor: async () => [] },
        syncTimeoutMs: 2000,
      });
      const target = service.resolve(
        {
          metadata: {
            annotations: {
              'sagemaker.services.k8s.aws/endpoint-name': 'churn-prediction',
              'backstage.io/kubernetes-namespace': 'ml-serving',
            },
          },
        },
        'component:default/churn-prediction',
      );
      await expect(service.snapshot(target)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          /^Cluster 'never-synced' cannot be read: .*ECONNREFUSED/,
        ),
      });
    } finally {
      cluster.cache.stop();
    }
  });
});

import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { readSageMakerClusterConfigs } from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { connectClusters } from './connectClusters';

/**
 * The scaffolder module's `retryTransient.test.ts` asserts the same sentence for the
 * same refusal: one error mapping for both.
 */
const REFUSED =
  "Cluster 'sandbox' refused the SageMaker scaling plugin's credentials (HTTP 401); its service account needs access to the ACK resources";

describe('connectClusters against the sandbox cluster', () => {
  let sandbox: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startSandboxCluster({ tls: false });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  function configWithToken(token: string) {
    return new ConfigReader({
      sagemakerScaling: {
        clusters: [
          {
            name: 'sandbox',
            url: sandbox.kubeApiUrl,
            skipTLSVerify: true,
            namespaces: ['ml-serving'],
            auth: { type: 'serviceAccount', token },
          },
        ],
        watch: { initialBackoffSeconds: 0.05, maxBackoffSeconds: 0.2 },
      },
    });
  }

  it('syncs the cache of a configured cluster through the shared client', async () => {
    const config = configWithToken(sandbox.token);
    const registry = await connectClusters(
      config,
      readSageMakerClusterConfigs(config),
    );
    registry.start();
    try {
      const [cluster] = registry.list();
      expect(await cluster.cache.waitForSync(5000)).toBe(true);
      expect(cluster.cache.freshness()).toMatchObject({
        synced: true,
        current: true,
        unreachable: false,
      });
    } finally {
      registry.stop();
    }
  });

  it('reports a cluster refusing the credentials as unavailable, naming the cluster, not as a 403', async () => {
    const config = configWithToken('not-a-token-of-this-cluster');
    const registry = await connectClusters(
      config,
      readSageMakerClusterConfigs(config),
    );
    registry.start();
    try {
      const [cluster] = registry.list();
      expect(await cluster.cache.waitForSync(500)).toBe(false);
      const freshness = cluster.cache.freshness();
      expect(freshness).toMatchObject({ synced: false, unreachable: true });
      expect(freshness.problem).toBeInstanceOf(ServiceUnavailableError);
      expect(freshness.problem?.message).toBe(REFUSED);
    } finally {
      registry.stop();
    }
  });
});

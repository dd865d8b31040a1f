import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { createAckClusterClientFactory } from '@mlplatform/plugin-sagemaker-scaling-node';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import {
  SANDBOX_CLUSTER_NAME,
  capturingLogger,
  manifestsFor,
  startFastSandbox,
} from './__testUtils__/sandbox';
import { retryTransient } from './retryTransient';

/**
 * What the backend says for the same refusal (its `connectClusters.test.ts`): one
 * error mapping, a 503 naming the cluster, never a 403 that blames the user.
 */
const REFUSED = (status: string) =>
  `cluster 'sandbox' refused the SageMaker scaling plugin's credentials (${status}); its service account needs access to the ACK resources`;

describe('retryTransient against the sandbox cluster', () => {
  let sandbox: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
  });
  afterAll(() => sandbox.stop());

  function clientWithToken(token: string) {
    return createAckClusterClientFactory({
      config: new ConfigReader({
        sagemakerScaling: {
          clusters: [
            {
              name: SANDBOX_CLUSTER_NAME,
              url: sandbox.kubeApiUrl,
              skipTLSVerify: true,
              auth: { type: 'serviceAccount', token },
            },
          ],
        },
      }),
    })(SANDBOX_CLUSTER_NAME);
  }

  function retry<T>(fn: () => Promise<T>, doing: string) {
    const { logger, lines } = capturingLogger();
    const done = retryTransient(fn, {
      cluster: SANDBOX_CLUSTER_NAME,
      doing,
      logger,
      deadline: Date.now() + 5000,
      initialDelayMs: 20,
    });
    return { done, lines };
  }

  it('fails at once, as a 503 naming the cluster, when the cluster refuses the credentials of a read', async () => {
    const stranger = await clientWithToken('not-a-token-of-this-cluster');
    const { done, lines } = retry(
      () => stranger.list('Model', { namespace: 'ml-serving' }),
      'Listing the Models',
    );
    await expect(done).rejects.toThrow(ServiceUnavailableError);
    await expect(done).rejects.toThrow(
      `Listing the Models failed: ${REFUSED('HTTP 401')}`,
    );
    expect(lines()).toEqual([]);
  });

  it('says the same for a write the cluster refuses (read-only credentials, HTTP 403)', async () => {
    const viewer = await clientWithToken(sandbox.viewerToken);
    const { model } = manifestsFor('refused');
    const { done } = retry(() => viewer.apply(model), 'Applying Model');
    await expect(done).rejects.toThrow(ServiceUnavailableError);
    const message = await done.catch((e: Error) => e.message);
    expect(message).toMatch(
      /^Applying Model failed: cluster 'sandbox' refused the SageMaker scaling plugin's credentials \(HTTP 403: .+\); its service account needs access to the ACK resources$/,
    );
    expect(message).not.toContain(sandbox.viewerToken);
  });

  it('retries while the API server answers 503, and returns the answer', async () => {
    const client = await clientWithToken(sandbox.token);
    sandbox.faults.setErrorRate(1, 503, 'kube');
    setTimeout(() => sandbox.faults.setErrorRate(0), 300);
    const { done, lines } = retry(
      () => client.list('Model', { namespace: 'ml-serving' }),
      'Listing the Models',
    );
    await expect(done).resolves.toMatchObject({ items: [] });
    expect(lines().join('\n')).toMatch(
      /Listing the Models: Kubernetes API unavailable \(Cluster 'sandbox' is not available: HTTP 503.*\); retrying in/,
    );
  });
});

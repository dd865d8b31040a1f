import { ApiException } from '@kubernetes/client-node';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  AAS,
  customObjects,
  kubeFetch,
  startTestSandbox,
} from './__testUtils__/clients';
import type { SandboxCluster } from './startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const targets = { ...AAS, plural: 'scalabletargets' };

describe('failure injection', () => {
  let sandbox: SandboxCluster;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ adminPort: 0 });
  });

  afterEach(async () => {
    await sandbox.stop();
  });

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.adminUrl}${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('adds latency to every request', async () => {
    sandbox.faults.setLatency(150);
    const start = Date.now();
    await customObjects(sandbox).listClusterCustomObject(targets);
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('fails requests at the configured rate with the configured status, as Kubernetes and AWS errors', async () => {
    sandbox.faults.setErrorRate(1, 503);
    const failed = await kubeFetch(
      sandbox,
      '/apis/applicationautoscaling.services.k8s.aws/v1alpha1/scalabletargets',
    );
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({
      kind: 'Status',
      code: 503,
      reason: 'ServiceUnavailable',
    });
    const client = new ApplicationAutoScalingClient({
      endpoint: sandbox.aasUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    await expect(
      client.send(
        new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }),
      ),
    ).rejects.toMatchObject({
      name: 'InternalServiceException',
      $metadata: { httpStatusCode: 503 },
    });
    client.destroy();
    sandbox.faults.setErrorRate(0);
    expect(
      (
        await kubeFetch(
          sandbox,
          '/apis/applicationautoscaling.services.k8s.aws/v1alpha1/scalabletargets',
        )
      ).status,
    ).toBe(200);
  });

  it('goes down (connections refused) and comes back on the same port', async () => {
    const url = sandbox.kubeApiUrl;
    await sandbox.faults.goDown();
    await expect(
      customObjects(sandbox).listClusterCustomObject(targets),
    ).rejects.toThrow(/ECONNREFUSED|fetch failed|connect/);
    await sandbox.faults.comeUp();
    expect(sandbox.kubeApiUrl).toBe(url);
    await expect(
      customObjects(sandbox).listClusterCustomObject(targets),
    ).resolves.toMatchObject({ items: [] });
  });

  it('is driven through the loopback admin API', async () => {
    expect(
      (await admin('POST', '/faults/errors', { rate: 1, status: 429 })).body,
    ).toMatchObject({ errorRate: 1, errorStatus: 429 });
    const throttled = await customObjects(sandbox)
      .listClusterCustomObject(targets)
      .catch(e => e as ApiException<unknown>);
    expect((throttled as ApiException<unknown>).code).toBe(429);
    expect((await admin('POST', '/faults/reset')).body).toMatchObject({
      errorRate: 0,
      latencyMs: 0,
    });

    expect((await admin('POST', '/faults/errors', { rate: 2 })).status).toBe(
      400,
    );
    expect(
      (await admin('POST', '/faults/errors', { rate: 2 })).body.error,
    ).toContain('error rate must be between 0 and 1');
    expect((await admin('POST', '/faults/down')).body).toMatchObject({
      down: true,
    });
    expect((await admin('POST', '/faults/up')).body).toMatchObject({
      down: false,
    });
    expect((await admin('GET', '/state')).body).toMatchObject({
      sandbox: true,
      faults: { down: false },
    });

    const traffic = await admin('PUT', '/traffic/ml-serving/churn', {
      pattern: 'spike',
      peak: 500,
    });
    expect(traffic.body.traffic.settings).toEqual({
      pattern: 'spike',
      peak: 500,
    });
    expect(
      (await admin('PUT', '/traffic/ml-serving/churn', { pattern: 'tsunami' }))
        .body.error,
    ).toContain('traffic.pattern must be one of steady, wave, spike');
    const before = sandbox.clock.now();
    await admin('POST', '/clock/advance', { seconds: 60 });
    expect(sandbox.clock.now() - before).toBe(60_000);
  });
});

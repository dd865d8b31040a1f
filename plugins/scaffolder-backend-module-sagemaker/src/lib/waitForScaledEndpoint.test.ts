import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import type { AckClusterClient } from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  capturingLogger,
  manifestsFor,
  sandboxClient,
  startFastSandbox,
} from './__testUtils__/sandbox';
import { waitForScaledEndpoint } from './waitForScaledEndpoint';

describe('waitForScaledEndpoint', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    client = await sandboxClient(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('waits out a Recoverable condition until the missing resources appear', async () => {
    const m = manifestsFor('late-config');
    const names = {
      Model: m.model.metadata.name,
      EndpointConfig: m.endpointConfig.metadata.name,
      Endpoint: m.endpoint.metadata.name,
      ScalableTarget: m.scalableTarget.metadata.name,
      ScalingPolicy: m.scalingPolicy.metadata.name,
    };
    // The Endpoint first: its EndpointConfig does not exist yet.
    await client.apply(m.endpoint);
    const { logger, lines } = capturingLogger();
    const waiting = waitForScaledEndpoint({
      client,
      namespace: 'ml-serving',
      names,
      timeoutMs: 30_000,
      logger,
      pollIntervalMs: 50,
    });
    await new Promise(r => setTimeout(r, 500));
    for (const object of [
      m.model,
      m.endpointConfig,
      m.scalableTarget,
      m.scalingPolicy,
    ]) {
      await client.apply(object);
    }
    const ready = await waiting;

    expect(ready.endpointStatus).toBe('InService');
    expect(ready.resources.every(r => r.exists)).toBe(true);
    const log = lines().join('\n');
    expect(log).toMatch(/Endpoint late-config: .*Recoverable: /);
    expect(log).toMatch(/Model late-config-model: not found/);
    expect(log).toMatch(/Endpoint late-config: InService, synced/);
  });
});

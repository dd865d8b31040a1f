/**
 * `GET /v1/prices` through the plugin, with the real Pricing SDK client against the
 * sandbox's Price List API: override, Price List, fallback with its reason, unknown.
 */
import type http from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import request from 'supertest';
import { OWNER, startSandboxBackend } from '../__testUtils__/sandboxBackend';

jest.setTimeout(60_000);

const user = mockCredentials.user.header(OWNER);
const prices = (server: http.Server, query: string) =>
  request(server)
    .get(`/api/sagemaker-scaling/v1/prices?${query}`)
    .set('Authorization', user);

describe('GET /v1/prices', () => {
  let sandbox: SandboxCluster;
  const backends: { server: http.Server; stop: () => Promise<void> }[] = [];
  const start = async (config: Record<string, unknown>) => {
    const backend = await startSandboxBackend({
      sandbox,
      entities: [],
      config,
    });
    backends.push(backend);
    return backend.server;
  };

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
    });
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await sandbox?.stop();
  });

  it('reads the Price List API (sandbox) and prices the range per hour and month', async () => {
    const server = await start({
      aws: {
        region: 'us-east-1',
        applicationAutoScalingEndpoint: sandbox.aasUrl,
        cloudWatchEndpoint: sandbox.cloudWatchUrl,
        pricing: { enabled: true, endpoint: sandbox.pricingUrl },
      },
      prices: { 'ml-c5-large': 0.5 },
    });
    const res = await prices(
      server,
      'instanceType=ml.g5.xlarge&minCapacity=1&maxCapacity=4',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      instanceType: 'ml.g5.xlarge',
      usdPerInstanceHour: 1.408,
      perHour: { atMin: 1.408, atMax: 4 * 1.408 },
      perMonth: { hours: 730, atMin: 1.408 * 730, atMax: 4 * 1.408 * 730 },
      source: 'AWS Price List API (us-east-1, on-demand)',
      label: 'estimate from list prices',
    });

    // An override wins over the Price List.
    const override = await prices(
      server,
      'instanceType=ml.c5.large&minCapacity=2&maxCapacity=2',
    );
    expect(override.body).toMatchObject({
      usdPerInstanceHour: 0.5,
      perHour: { atMin: 1, atMax: 1 },
      source: 'override',
    });

    // A type without a product and without a bundled price is unknown, not guessed.
    const unknown = await prices(
      server,
      'instanceType=ml.inf2.8xlarge&minCapacity=1&maxCapacity=2',
    );
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({
      unknown: true,
      instanceType: 'ml.inf2.8xlarge',
      howToConfigure: expect.stringContaining(
        'sagemakerScaling.prices.ml-inf2-8xlarge',
      ),
      fallbackReason:
        'the Price List has no on-demand product with usage type USE1-Host:ml.inf2.8xlarge',
    });
  });

  it('falls back to the bundled price with the reason when the Price List API fails', async () => {
    const server = await start({
      aws: {
        region: 'us-east-1',
        applicationAutoScalingEndpoint: sandbox.aasUrl,
        cloudWatchEndpoint: sandbox.cloudWatchUrl,
        // Nothing listens on port 9 (discard) here: the call fails.
        pricing: { enabled: true, endpoint: 'http://127.0.0.1:9' },
      },
    });
    const res = await prices(
      server,
      'instanceType=ml.m5.large&minCapacity=1&maxCapacity=3',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      usdPerInstanceHour: 0.115,
      perHour: { atMin: 0.115, atMax: 0.115 * 3 },
      source: 'bundled list price (us-east-1, 2026-07)',
      fallbackReason: expect.stringMatching(/^the Price List API failed: /),
    });
  });

  it('answers 400 naming the field, and 401 with bad credentials', async () => {
    const server = backends[0].server;
    const badType = await prices(
      server,
      'instanceType=m5.large&minCapacity=1&maxCapacity=3',
    );
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toContain('instanceType');
    const inverted = await prices(
      server,
      'instanceType=ml.m5.large&minCapacity=5&maxCapacity=3',
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.message).toContain(
      'minCapacity: minCapacity must be <= maxCapacity',
    );
    const missing = await prices(server, 'instanceType=ml.m5.large');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('minCapacity');
    const anonymous = await request(server)
      .get(
        '/api/sagemaker-scaling/v1/prices?instanceType=ml.m5.large&minCapacity=1&maxCapacity=2',
      )
      .set('Authorization', 'Bearer nope');
    expect(anonymous.status).toBe(401);
  });
});

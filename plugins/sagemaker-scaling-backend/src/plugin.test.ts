/**
 * The plugin in a test backend against a real sandbox cluster (Kubernetes API over
 * HTTPS, Application Auto Scaling over AWS JSON), with the real clients.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import request from 'supertest';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  applyToSandbox,
  eventually,
  mlService,
  OWNER,
  startSandboxBackend,
} from './__testUtils__/sandboxBackend';

jest.setTimeout(60_000);

const OTHER = 'user:default/someone-else';

/** The project's policy in miniature: everyone reads, only the owner updates. */
const ownerOnlyUpdates = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(
      requests: any[],
      options: { credentials: BackstageCredentials },
    ) {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      return requests.map(r => ({
        result:
          r.permission.name === 'sagemaker.scaling.update' &&
          principal.userEntityRef !== OWNER
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests: any[]) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

/** A minimal SSE client over a raw HTTP request. */
function openEventStream(server: http.Server, path: string) {
  const events: { event: string; data: any; at: number }[] = [];
  const listeners: (() => void)[] = [];
  let buffer = '';
  const { port } = server.address() as AddressInfo;
  const req = http.get({
    host: '127.0.0.1',
    port,
    path,
    headers: {
      Authorization: mockCredentials.user.header(OWNER),
      Accept: 'text/event-stream',
    },
  });
  const ready = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', res => {
      // Closing the stream aborts the response; that is expected here.
      res.on('error', () => {});
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        for (
          let i = buffer.indexOf('\n\n');
          i >= 0;
          i = buffer.indexOf('\n\n')
        ) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data), at: Date.now() });
            listeners.forEach(l => l());
          }
        }
      });
      resolve(res);
    });
    req.on('error', reject);
  });
  ready.catch(() => {});
  const next = (
    predicate: (e: { event: string; data: any }) => boolean,
    timeoutMs = 5000,
  ) =>
    new Promise<{ event: string; data: any; at: number }>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const check = () => {
        const found = events.find(predicate);
        if (found) {
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(check), 1);
          resolve(found);
        }
      };
      timer = setTimeout(() => {
        listeners.splice(listeners.indexOf(check), 1);
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms; got ${events
              .map(e => e.event)
              .join(',')}`,
          ),
        );
      }, timeoutMs);
      listeners.push(check);
      check();
    });
  return { events, ready, next, close: () => req.destroy() };
}

describe('sagemaker-scaling plugin against a sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let server: http.Server;
  let stopBackend: () => Promise<void>;
  const owner = mockCredentials.user.header(OWNER);
  const base = '/api/sagemaker-scaling/v1/entities/component/default';

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      demo: true,
      endpointCreateSeconds: 60,
    });
    // A service that fails (image does not exist), then moves on to Failed.
    applyToSandbox(
      sandbox,
      scaledEndpointObjects('failing', {
        image: 'registry.example.com/does-not-exist:1',
      }),
    );
    // A target and policy pointing at a variant the endpoint does not have.
    applyToSandbox(
      sandbox,
      scaledEndpointObjects('misconfigured', { targetVariant: 'AllTrafic' }),
    );
    sandbox.advance(120_000);
    // Created after the advance, with frozen time: stays Creating.
    applyToSandbox(
      sandbox,
      scaledEndpointObjects('creating', { withScaling: false }),
    );
    sandbox.settle();

    ({ server, stop: stopBackend } = await startSandboxBackend({
      sandbox,
      entities: [
        mlService('churn-prediction'),
        mlService('failing'),
        mlService('misconfigured'),
        mlService('creating'),
        mlService('gone', 'no-such-endpoint'),
        mlService('late'),
      ],
      features: [ownerOnlyUpdates],
      config: {
        watch: { initialBackoffSeconds: 0.1, maxBackoffSeconds: 0.5 },
        requestTimeoutSeconds: 5,
      },
    }));
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  async function getScaling(name: string): Promise<ScalingSnapshot> {
    const res = await request(server)
      .get(`${base}/${name}/scaling`)
      .set('Authorization', owner);
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
    });
    return res.body;
  }

  it('serves the snapshot of a healthy, scaled endpoint', async () => {
    const s = await getScaling('churn-prediction');
    expect(s).toMatchObject({
      entityRef: 'component:default/churn-prediction',
      cluster: 'sandbox',
      namespace: 'ml-serving',
      stale: false,
      activitiesAvailable: true,
      endpoint: {
        status: 'InService',
        endpointConfigName: 'churn-prediction-config',
      },
      endpointConfig: { endpointConfigName: 'churn-prediction-config' },
    });
    expect(s.endpoint!.arn).toMatch(
      /^arn:aws:sagemaker:us-east-1:111122223333:endpoint\//,
    );
    expect(s.models.map(m => m.modelName)).toEqual(['churn-prediction-model']);
    expect(s.variants).toEqual([
      expect.objectContaining({
        variantName: 'AllTraffic',
        instanceType: 'ml.m5.large',
        scalableTargetName: 'churn-prediction-scalable-target',
        scalingPolicyNames: ['churn-prediction-scaling-policy'],
        currentInstanceCount: expect.any(Number),
      }),
    ]);
    expect(s.scalableTargets[0]).toMatchObject({
      minCapacity: 1,
      maxCapacity: 4,
    });
    // ml.m5.large at the bundled $0.115 per instance-hour.
    const instances = s.variants[0].currentInstanceCount!;
    expect(s.variants[0].cost).toEqual({
      usdPerInstanceHour: 0.115,
      usdPerHourNow: instances * 0.115,
      usdPerHourAtMin: 0.115,
      usdPerHourAtMax: 4 * 0.115,
      monthlyRunRateUsd: instances * 0.115 * 730,
      priceSource: 'bundled list price (us-east-1, 2026-07)',
    });
    expect(s.scalingPolicies[0]).toMatchObject({ targetValue: 60 });
    expect(s.findings.filter(f => f.severity === 'error')).toEqual([]);
    const capacityPoints = s.history.filter(
      p => p.loadPerInstance === undefined,
    );
    expect(capacityPoints[capacityPoints.length - 1]).toMatchObject({
      variantName: 'AllTraffic',
      minCapacity: 1,
      maxCapacity: 4,
      targetValue: 60,
    });
  });

  it('shows the per-instance load CloudWatch reports for the variant', async () => {
    // The demo's traffic, measured per simulated minute by the sandbox.
    const measured = sandbox
      .metrics('churn-prediction')
      .filter(p => p.invocationsPerInstance !== null);
    expect(measured.length).toBeGreaterThan(0);
    const newest = measured[measured.length - 1];

    const s = await getScaling('churn-prediction');
    expect(s.variants[0].latestLoadPerInstance).toBe(
      newest.invocationsPerInstance,
    );
    const loadPoints = s.history.filter(p => p.loadPerInstance !== undefined);
    expect(
      loadPoints.map(p => [Date.parse(p.timestamp), p.loadPerInstance]),
    ).toEqual(
      measured.slice(-60).map(p => [p.timestamp, p.invocationsPerInstance]),
    );
    expect(
      loadPoints.every(
        p => p.variantName === 'AllTraffic' && p.targetValue === 60,
      ),
    ).toBe(true);
  });

  it('shows a Creating endpoint and that it does not autoscale', async () => {
    const s = await getScaling('creating');
    expect(s.endpoint!.status).toBe('Creating');
    // Applied like the tutorial (kubectl, no binding annotation): an owner must adopt it.
    expect(s.findings.map(f => f.code)).toEqual([
      'variant-without-scalable-target',
      'endpoint-unbound',
    ]);
  });

  it('shows a Failed endpoint with the failure reason first', async () => {
    const s = await getScaling('failing');
    expect(s.endpoint!.status).toBe('Failed');
    expect(s.findings[0]).toMatchObject({
      code: 'endpoint-failed',
      severity: 'error',
      message: expect.stringContaining('does-not-exist'),
    });
  });

  it('explains a misconfigured target', async () => {
    const s = await getScaling('misconfigured');
    expect(s.findings.map(f => f.code)).toEqual(
      expect.arrayContaining([
        'variant-without-scalable-target',
        'target-for-missing-variant',
      ]),
    );
  });

  it('answers 404 for an unknown entity and for an endpoint that does not exist', async () => {
    const unknown = await request(server)
      .get(`${base}/nope/scaling`)
      .set('Authorization', owner);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'Entity component:default/nope not found',
    );
    const gone = await getScaling('gone');
    expect(gone.findings[0].code).toBe('endpoint-not-found');
  });

  it('refuses requests without credentials', async () => {
    const res = await request(server)
      .get(`${base}/churn-prediction/scaling`)
      .set('Authorization', 'Bearer nope');
    expect(res.status).toBe(401);
  });

  it('applies an owner update with server-side apply and returns it; refuses others', async () => {
    const before = await getScaling('churn-prediction');
    const update = {
      minCapacity: 2,
      maxCapacity: 6,
      targetValue: 80,
      scaleInCooldown: 400,
      scaleOutCooldown: 120,
      disableScaleIn: false,
      expectedVersion: before.variants[0].settingsVersion,
    };
    const denied = await request(server)
      .put(`${base}/churn-prediction/scaling`)
      .set('Authorization', mockCredentials.user.header(OTHER))
      .send(update);
    expect(denied.status).toBe(403);
    const target = () =>
      sandbox.api.get(
        sandbox.api.resourceForKind('ScalableTarget'),
        'ml-serving',
        'churn-prediction-scalable-target',
      ) as any;
    expect(target().spec.maxCapacity).toBe(4);

    const invalid = await request(server)
      .put(`${base}/churn-prediction/scaling`)
      .set('Authorization', owner)
      .send({ ...update, minCapacity: 7 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/minCapacity|maxCapacity/);

    const res = await request(server)
      .put(`${base}/churn-prediction/scaling`)
      .set('Authorization', owner)
      .send(update);
    expect(res.status).toBe(200);
    expect(res.body.scalableTargets[0]).toMatchObject({
      minCapacity: 2,
      maxCapacity: 6,
    });
    expect(res.body.scalingPolicies[0]).toMatchObject({
      targetValue: 80,
      scaleInCooldown: 400,
      scaleOutCooldown: 120,
      metricType: 'SageMakerVariantInvocationsPerInstance',
    });
    expect(target().spec).toMatchObject({ minCapacity: 2, maxCapacity: 6 });
    expect(
      target().metadata.managedFields.map((m: any) => m.manager),
    ).toContain('backstage-sagemaker-scaling');
  });

  it('pushes a cluster change to an SSE client within a second', async () => {
    const stream = openEventStream(server, `${base}/churn-prediction/events`);
    const res = await stream.ready;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    await stream.next(e => e.event === 'snapshot');
    const changedAt = Date.now();
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: 9 } },
    );
    const event = await stream.next(
      e =>
        e.event === 'snapshot' && e.data.scalableTargets[0]?.maxCapacity === 9,
    );
    expect(event.at - changedAt).toBeLessThan(1000);
    stream.close();
  });

  it('keeps working after watches are dropped and history is compacted (re-list)', async () => {
    sandbox.compact();
    sandbox.faults.dropWatches();
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: 5 } },
    );
    await eventually(async () => {
      const s = await getScaling('churn-prediction');
      expect(s.scalableTargets[0].maxCapacity).toBe(5);
      expect(s.stale).toBe(false);
    });
  });

  it('degrades to no activities when Application Auto Scaling fails', async () => {
    sandbox.faults.setErrorRate(1, 500, 'aas');
    try {
      // A service whose activities were never fetched, so none are cached.
      applyToSandbox(sandbox, scaledEndpointObjects('late'));
      sandbox.settle();
      const s = await eventually(async () => {
        const snapshot = await getScaling('late');
        expect(snapshot.scalableTargets).toHaveLength(1);
        expect(snapshot.endpoint).toBeDefined();
        return snapshot;
      });
      expect(s.activitiesAvailable).toBe(false);
      expect(s.activities).toEqual([]);
      expect(s.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'autoscaling-unavailable',
            message: expect.stringContaining(
              'Application Auto Scaling could not be reached',
            ),
          }),
        ]),
      );
      expect(s.endpoint).toBeDefined();
    } finally {
      sandbox.faults.setErrorRate(0, 500, 'aas');
    }
  });

  it('says which cluster is down and why, then recovers by itself', async () => {
    await sandbox.faults.goDown();
    try {
      // The cached state stays served, marked stale with the cluster and the cause.
      const down = await eventually(async () => {
        const r = await request(server)
          .get(`${base}/churn-prediction/scaling`)
          .set('Authorization', owner);
        expect(r.status).toBe(200);
        expect(r.body.staleReason).toMatch(
          /^cluster 'sandbox' cannot be read \(/,
        );
        return r;
      });
      expect(down.body).toMatchObject({
        stale: true,
        endpoint: { endpointName: 'churn-prediction' },
      });
      expect(down.text).not.toContain(sandbox.token);
      const clusters = await request(server)
        .get('/api/sagemaker-scaling/v1/clusters')
        .set('Authorization', owner);
      expect(clusters.body.clusters).toEqual([
        expect.objectContaining({
          name: 'sandbox',
          reachable: false,
          error: expect.any(String),
        }),
      ]);
    } finally {
      await sandbox.faults.comeUp();
    }
    await eventually(async () => {
      const s = await getScaling('churn-prediction');
      expect(s.stale).toBe(false);
    });
    const clusters = await request(server)
      .get('/api/sagemaker-scaling/v1/clusters')
      .set('Authorization', owner);
    expect(clusters.body.clusters).toEqual([
      expect.objectContaining({ name: 'sandbox', reachable: true }),
    ]);
  });

  it('serves 200 concurrent SSE clients and lets them all go', async () => {
    const before = await new Promise<number>(r =>
      server.getConnections((_e, n) => r(n)),
    );
    const streams = Array.from({ length: 200 }, () =>
      openEventStream(server, `${base}/churn-prediction/events`),
    );
    await Promise.all(
      streams.map(s => s.next(e => e.event === 'snapshot', 15_000)),
    );
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: 7 } },
    );
    await Promise.all(
      streams.map(s =>
        s.next(
          e =>
            e.event === 'snapshot' &&
            e.data.scalableTargets[0]?.maxCapacity === 7,
          15_000,
        ),
      ),
    );
    streams.forEach(s => s.close());
    await eventually(async () => {
      const n = await new Promise<number>(r =>
        server.getConnections((_e, c) => r(c)),
      );
      expect(n).toBeLessThanOrEqual(before);
    });
  });
});

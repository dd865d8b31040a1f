/**
 * What the API must never return (secrets in manifests) and how honest it is about
 * freshness when the cluster is slow, hung or down: the plugin in a test backend
 * against a real sandbox cluster, with the real clients and the sandbox's fault injection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import request from 'supertest';
import {
  applyToSandbox,
  eventually,
  mlService,
  OWNER,
  startSandboxBackend,
} from './__testUtils__/sandboxBackend';

jest.setTimeout(90_000);

const SECRET = 'hunter2-test-password-7f3a';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const BOOKMARK_MS = 500;
const STALE_AFTER_SECONDS = 3;

/** The raw text of an event stream until `until` holds for it or `timeoutMs` passes. */
function readEventStream(
  server: http.Server,
  path: string,
  until: (text: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    let text = '';
    const req = http.get({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Authorization: mockCredentials.user.header(OWNER),
        Accept: 'text/event-stream',
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`stream did not deliver in ${timeoutMs} ms: ${text}`));
    }, timeoutMs);
    req.on('response', res => {
      res.on('error', () => {});
      res.setEncoding('utf8');
      res.on('data', chunk => {
        text += chunk;
        if (until(text)) {
          clearTimeout(timer);
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', reject);
  });
}

/** The data of every `snapshot` event in a stream's text. */
function streamedSnapshots(text: string): ScalingSnapshot[] {
  return text
    .split('\n\n')
    .filter(block => /^event: snapshot$/m.test(block))
    .map(block => JSON.parse(/^data: (.*)$/m.exec(block)![1]));
}

describe('sagemaker-scaling plugin: secrets and freshness', () => {
  let sandbox: SandboxCluster;
  let server: http.Server;
  let stopBackend: () => Promise<void>;
  const owner = mockCredentials.user.header(OWNER);
  const base = '/api/sagemaker-scaling/v1/entities/component/default';

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      demo: true,
      bookmarkIntervalMs: BOOKMARK_MS,
    });
    // A service whose Model carries a password in its environment, and whose five
    // objects carry kubectl's copy of themselves (password included) as an annotation.
    const leaky = scaledEndpointObjects('leaky').map(o => {
      const object: any = structuredClone(o);
      if (object.kind === 'Model') {
        object.spec.primaryContainer.environment = {
          DB_PASSWORD: SECRET,
          LOG_LEVEL: 'info',
        };
      }
      object.metadata.annotations = {
        ...object.metadata.annotations,
        [LAST_APPLIED]: JSON.stringify({
          ...object,
          spec: { ...object.spec, password: SECRET },
        }),
      };
      return object;
    });
    applyToSandbox(sandbox, leaky);

    ({ server, stop: stopBackend } = await startSandboxBackend({
      sandbox,
      entities: [mlService('churn-prediction'), mlService('leaky')],
      config: {
        requestTimeoutSeconds: 2,
        // The default re-list backoff (1 s doubling to 5 s) on purpose.
        watch: { staleAfterSeconds: STALE_AFTER_SECONDS },
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

  it('returns no secret from any route or the stream, keeping the environment keys', async () => {
    // The cluster does hold the secret, where it was planted.
    const stored = sandbox.api.get(
      sandbox.api.resourceForKind('Model'),
      'ml-serving',
      'leaky-model',
    ) as any;
    expect(stored.spec.primaryContainer.environment.DB_PASSWORD).toBe(SECRET);
    expect(stored.metadata.annotations[LAST_APPLIED]).toContain(SECRET);
    expect(JSON.stringify(stored.metadata.managedFields)).toBeDefined();

    const snapshot = await eventually(async () => {
      const res = await request(server)
        .get(`${base}/leaky/scaling`)
        .set('Authorization', owner);
      expect(res.status).toBe(200);
      expect(res.body.models).toHaveLength(1);
      expect(res.body.scalableTargets).toHaveLength(1);
      expect(res.body.scalingPolicies).toHaveLength(1);
      return res;
    });
    const activities = await request(server)
      .get(`${base}/leaky/activities`)
      .set('Authorization', owner);
    const clusters = await request(server)
      .get('/api/sagemaker-scaling/v1/clusters')
      .set('Authorization', owner);
    const stream = await readEventStream(server, `${base}/leaky/events`, text =>
      /^event: snapshot$/m.test(text),
    );
    expect([snapshot.status, activities.status, clusters.status]).toEqual([
      200, 200, 200,
    ]);
    for (const body of [
      snapshot.text,
      activities.text,
      clusters.text,
      stream,
    ]) {
      expect(body).not.toContain(SECRET);
    }

    // What people need stays: the keys, with a marker for each value.
    const [model] = (snapshot.body as ScalingSnapshot).models;
    expect((model.manifest as any).spec.primaryContainer.environment).toEqual({
      DB_PASSWORD: '<redacted>',
      LOG_LEVEL: '<redacted>',
    });
    expect(model.image).toBe(stored.spec.primaryContainer.image);
    const s = snapshot.body as ScalingSnapshot;
    for (const summary of [
      s.endpoint!,
      s.endpointConfig!,
      model,
      ...s.scalableTargets,
      ...s.scalingPolicies,
    ]) {
      const metadata = (summary.manifest as any).metadata;
      expect(metadata.annotations[LAST_APPLIED]).toBe('<redacted>');
      expect(metadata.managedFields).toBeUndefined();
    }
    const [streamed] = streamedSnapshots(stream);
    expect(
      (streamed.models[0].manifest as any).spec.primaryContainer.environment,
    ).toEqual({ DB_PASSWORD: '<redacted>', LOG_LEVEL: '<redacted>' });
  });

  const maxCapacity = (s: ScalingSnapshot) => s.scalableTargets[0]?.maxCapacity;
  function setMaxCapacity(value: number) {
    // In-process: the fault injection of the HTTP API does not delay this write.
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: value } },
    );
  }

  it('stays current on a quiet cluster through bookmarks, observedAt moving with them', async () => {
    await new Promise(r => setTimeout(r, 2 * STALE_AFTER_SECONDS * 1000));
    const s = await getScaling('churn-prediction');
    expect(s.stale).toBe(false);
    expect(Date.now() - Date.parse(s.observedAt)).toBeLessThan(
      BOOKMARK_MS + 1500,
    );
  });

  it('says stale with the time of the last proof after a dropped watch under 45 s latency, keeps serving, and resumes once the API answers', async () => {
    const before = await getScaling('churn-prediction');
    expect(before.stale).toBe(false);
    sandbox.faults.setLatency(45_000, 'kube');
    const droppedAt = Date.now();
    try {
      expect(sandbox.faults.dropWatches()).toBeGreaterThan(0);
      setMaxCapacity(maxCapacity(before)! + 3);
      const stale = await eventually(async () => {
        const s = await getScaling('churn-prediction');
        expect(s.stale).toBe(true);
        return s;
      }, STALE_AFTER_SECONDS * 1000 + 3000);
      // The old state, said to be of before the drop, with why.
      expect(maxCapacity(stale)).toBe(maxCapacity(before));
      expect(Date.parse(stale.observedAt)).toBeLessThanOrEqual(
        droppedAt + 1000,
      );
      expect(stale.staleReason).toContain("cluster 'sandbox'");
      expect(stale.findings.map(f => f.code)).toContain('data-stale');
      const stream = await readEventStream(
        server,
        `${base}/churn-prediction/events`,
        text => /^event: snapshot$/m.test(text),
      );
      expect(streamedSnapshots(stream)[0]).toMatchObject({
        stale: true,
        observedAt: stale.observedAt,
      });
      const clusters = await request(server)
        .get('/api/sagemaker-scaling/v1/clusters')
        .set('Authorization', owner);
      expect(clusters.body.clusters[0].lastSyncAt).toBe(stale.observedAt);
      // Still stale later: nothing makes an old state current but the cluster.
      await new Promise(r => setTimeout(r, 3000));
      expect((await getScaling('churn-prediction')).stale).toBe(true);
    } finally {
      sandbox.faults.setLatency(0);
    }
    const backAt = Date.now();
    const fresh = await eventually(async () => {
      const s = await getScaling('churn-prediction');
      expect(s.stale).toBe(false);
      expect(maxCapacity(s)).toBe(maxCapacity(before)! + 3);
      return s;
    }, 10_000);
    expect(Date.parse(fresh.observedAt)).toBeGreaterThanOrEqual(backAt - 50);
  });

  it('serves the cached state marked stale while the cluster is down, and resumes within 10 s of its return', async () => {
    const before = await getScaling('churn-prediction');
    await sandbox.faults.goDown();
    const downAt = Date.now();
    try {
      const down = await eventually(async () => {
        const s = await getScaling('churn-prediction');
        expect(s.staleReason).toMatch(/cluster 'sandbox' cannot be read/);
        return s;
      });
      expect(down).toMatchObject({
        stale: true,
        endpoint: { status: before.endpoint!.status },
      });
      expect(maxCapacity(down)).toBe(maxCapacity(before));
      expect(Date.parse(down.observedAt)).toBeLessThanOrEqual(downAt + 1000);
      expect(down.staleReason).not.toContain(sandbox.token);
      const stream = await readEventStream(
        server,
        `${base}/churn-prediction/events`,
        text => /^event: (snapshot|error)$/m.test(text),
      );
      expect(stream).toMatch(/^event: snapshot$/m);
      expect(streamedSnapshots(stream)[0].stale).toBe(true);
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
      // Long enough for the re-list backoff to reach its ceiling.
      await new Promise(r => setTimeout(r, 15_000 - (Date.now() - downAt)));
    } finally {
      await sandbox.faults.comeUp();
    }
    const upAt = Date.now();
    await eventually(async () => {
      const s = await getScaling('churn-prediction');
      expect(s.stale).toBe(false);
    }, 10_000);
    expect(Date.now() - upAt).toBeLessThan(10_000);
  });
});

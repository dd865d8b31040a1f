/**
 * Attacks on the write path, replayed against the plugin and a real sandbox cluster:
 * claiming another team's endpoint, changing an endpoint nobody adopted, conflicting
 * concurrent edits, a stale edit, and a refused second write.
 */
import type http from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ANNOTATION_BOUND_ENTITY,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import request from 'supertest';
import {
  applyToSandbox,
  eventually,
  mlService,
  OWNER,
  startSandboxBackend,
} from './__testUtils__/sandboxBackend';

jest.setTimeout(60_000);

const base = '/api/sagemaker-scaling/v1/entities/component/default';
const owner = mockCredentials.user.header(OWNER);
const settings = {
  minCapacity: 1,
  maxCapacity: 4,
  targetValue: 70,
  scaleInCooldown: 300,
  scaleOutCooldown: 60,
  disableScaleIn: false,
};

describe('sagemaker-scaling plugin: binding and concurrency attacks', () => {
  let sandbox: SandboxCluster;
  let server: http.Server;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      demo: true,
    });
    // Made with kubectl, as in the tutorial: no binding annotation.
    applyToSandbox(sandbox, scaledEndpointObjects('tutorial'));
    applyToSandbox(sandbox, scaledEndpointObjects('contested'));
    sandbox.settle();
    ({ server, stop } = await startSandboxBackend({
      sandbox,
      entities: [
        mlService('churn-prediction'),
        mlService('fraud-detection'),
        // Registered by the guest, naming the other team's endpoint.
        mlService('fraud-claim', 'fraud-detection'),
        mlService('tutorial'),
        mlService('contested'),
        mlService('contested-twin', 'contested'),
      ],
    }));
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  const object = (kind: string, name: string) =>
    sandbox.api.get(
      sandbox.api.resourceForKind(kind),
      'ml-serving',
      name,
    ) as any;

  async function snapshotOf(name: string): Promise<ScalingSnapshot> {
    const res = await request(server)
      .get(`${base}/${name}/scaling`)
      .set('Authorization', owner);
    expect({ status: res.status, error: res.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    return res.body;
  }

  function put(name: string, body: object) {
    return request(server)
      .put(`${base}/${name}/scaling`)
      .set('Authorization', owner)
      .send(body);
  }

  it('refuses to read or change another team endpoint through an entity that claims it', async () => {
    const before = {
      target: object('ScalableTarget', 'fraud-detection-scalable-target').spec,
      policy: object('ScalingPolicy', 'fraud-detection-scaling-policy').spec,
    };
    const read = await request(server)
      .get(`${base}/fraud-claim/scaling`)
      .set('Authorization', owner);
    expect(read.status).toBe(403);
    expect(read.body.error.message).toContain(ANNOTATION_BOUND_ENTITY);
    expect(read.body.error.message).toContain(
      'component:default/fraud-detection',
    );
    const genuine = await snapshotOf('fraud-detection');
    const write = await put('fraud-claim', {
      ...settings,
      maxCapacity: 9,
      expectedVersion: genuine.variants[0].settingsVersion,
    });
    expect(write.status).toBe(403);
    expect(write.body.error.message).toContain(
      'component:default/fraud-detection',
    );
    const adopt = await request(server)
      .post(`${base}/fraud-claim/adopt`)
      .set('Authorization', owner);
    expect(adopt.status).toBe(403);
    expect({
      target: object('ScalableTarget', 'fraud-detection-scalable-target').spec,
      policy: object('ScalingPolicy', 'fraud-detection-scaling-policy').spec,
    }).toEqual(before);
  });

  it('shows an unbound endpoint, refuses to change it until an owner adopts it', async () => {
    const unbound = await snapshotOf('tutorial');
    expect(unbound.binding.state).toBe('unbound');
    const body = {
      ...settings,
      maxCapacity: 5,
      expectedVersion: unbound.variants[0].settingsVersion,
    };
    const refused = await put('tutorial', body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/adopt/);

    const targetBefore = object(
      'ScalableTarget',
      'tutorial-scalable-target',
    ).spec;
    const adopted = await request(server)
      .post(`${base}/tutorial/adopt`)
      .set('Authorization', owner);
    expect({ status: adopted.status, error: adopted.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    expect(adopted.body.binding).toMatchObject({
      state: 'bound',
      boundTo: ['component:default/tutorial'],
    });
    for (const [kind, name] of [
      ['Model', 'tutorial-model'],
      ['Endpoint', 'tutorial'],
      ['ScalableTarget', 'tutorial-scalable-target'],
      ['ScalingPolicy', 'tutorial-scaling-policy'],
    ]) {
      expect(object(kind, name).metadata.annotations).toMatchObject({
        [ANNOTATION_BOUND_ENTITY]: 'component:default/tutorial',
      });
    }
    // Adoption keeps every setting as it was.
    expect(object('ScalableTarget', 'tutorial-scalable-target').spec).toEqual(
      targetBefore,
    );

    const changed = await put('tutorial', {
      ...body,
      expectedVersion: adopted.body.variants[0].settingsVersion,
    });
    expect({ status: changed.status, error: changed.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    expect(changed.body.variants[0].maxCapacity).toBe(5);
    expect(
      object('ScalableTarget', 'tutorial-scalable-target').metadata.annotations[
        ANNOTATION_BOUND_ENTITY
      ],
    ).toBe('component:default/tutorial');
  });

  it('refuses adoption while two catalog entities claim the endpoint, naming both', async () => {
    const res = await request(server)
      .post(`${base}/contested/adopt`)
      .set('Authorization', owner);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('component:default/contested');
    expect(res.body.error.message).toContain(
      'component:default/contested-twin',
    );
    expect(
      object('Endpoint', 'contested').metadata.annotations?.[
        ANNOTATION_BOUND_ENTITY
      ],
    ).toBeUndefined();
  });

  it('lets exactly one of 20 concurrent edits from the same version win', async () => {
    const start = await snapshotOf('churn-prediction');
    const expectedVersion = start.variants[0].settingsVersion;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        put('churn-prediction', {
          ...settings,
          maxCapacity: 10 + i,
          expectedVersion,
        }),
      ),
    );
    const statuses = responses.map(r => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    const winner = responses.find(r => r.status === 200)!;
    const winnerMax = winner.body.variants[0].maxCapacity;
    // The winner's answer shows its own write, and so does the cluster.
    const sent = responses.indexOf(winner) + 10;
    expect(winnerMax).toBe(sent);
    expect(
      object('ScalableTarget', 'churn-prediction-scalable-target').spec
        .maxCapacity,
    ).toBe(sent);
    for (const loser of responses.filter(r => r.status === 409)) {
      expect(loser.body.error.message).toContain(
        `maxCapacity changed from ${start.variants[0].maxCapacity} to ${sent}`,
      );
    }
  });

  it('refuses a stale edit, naming the field that changed and who changed it', async () => {
    const start = await snapshotOf('churn-prediction');
    applyToSandbox(
      sandbox,
      [
        {
          apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
          kind: 'ScalableTarget',
          metadata: {
            name: 'churn-prediction-scalable-target',
            namespace: 'ml-serving',
          },
          spec: { minCapacity: 2 },
        },
      ],
      'kubectl-edit',
    );
    // Once the plugin's cache has seen it (else the API server refuses the precondition).
    await eventually(async () => {
      const now = await snapshotOf('churn-prediction');
      expect(now.variants[0].minCapacity).toBe(2);
    });
    const res = await put('churn-prediction', {
      ...settings,
      minCapacity: 1,
      maxCapacity: 6,
      expectedVersion: start.variants[0].settingsVersion,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      `minCapacity changed from ${start.variants[0].minCapacity} to 2`,
    );
    expect(res.body.error.message).toContain('kubectl-edit');
    expect(
      object('ScalableTarget', 'churn-prediction-scalable-target').spec
        .maxCapacity,
    ).toBe(start.variants[0].maxCapacity);
  });

  it('applies an edit whose settings nobody changed, though the objects moved on (a label)', async () => {
    const start = await snapshotOf('churn-prediction');
    applyToSandbox(
      sandbox,
      [
        {
          apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
          kind: 'ScalableTarget',
          metadata: {
            name: 'churn-prediction-scalable-target',
            namespace: 'ml-serving',
            labels: { team: 'ml-platform' },
          },
        },
      ],
      'kubectl-label',
    );
    // Once the plugin's cache has seen it (else the API server refuses the precondition).
    await eventually(async () => {
      const now = await snapshotOf('churn-prediction');
      expect(
        (now.scalableTargets[0].manifest as any).metadata.labels,
      ).toMatchObject({ team: 'ml-platform' });
    });
    const res = await put('churn-prediction', {
      ...settings,
      minCapacity: start.variants[0].minCapacity!,
      maxCapacity: 9,
      expectedVersion: start.variants[0].settingsVersion,
    });
    expect({ status: res.status, error: res.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    expect(res.body.variants[0].maxCapacity).toBe(9);
    expect(res.body.variants[0].settingsVersion).not.toBe(
      start.variants[0].settingsVersion,
    );
  });

  it('undoes the target change when the policy write is refused, so neither changes', async () => {
    const start = await snapshotOf('churn-prediction');
    const targetBefore = object(
      'ScalableTarget',
      'churn-prediction-scalable-target',
    ).spec;
    // Someone edits the policy right after the plugin wrote the target: the policy's
    // resourceVersion precondition then fails on the API server.
    const watch = sandbox.api.watch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      {},
      event => {
        if (
          event.object.metadata.name === 'churn-prediction-scalable-target' &&
          (event.object as any).spec.maxCapacity === 7
        ) {
          watch.stop();
          applyToSandbox(
            sandbox,
            [
              {
                apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
                kind: 'ScalingPolicy',
                metadata: {
                  name: 'churn-prediction-scaling-policy',
                  namespace: 'ml-serving',
                },
                spec: {
                  targetTrackingScalingPolicyConfiguration: {
                    scaleOutCooldown: 45,
                  },
                },
              },
            ],
            'kubectl-edit',
          );
        }
      },
      () => {},
    );
    const res = await put('churn-prediction', {
      ...settings,
      minCapacity: targetBefore.minCapacity,
      maxCapacity: 7,
      targetValue: 55,
      expectedVersion: start.variants[0].settingsVersion,
    });
    watch.stop();
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /ScalingPolicy 'churn-prediction-scaling-policy' was not changed.*restored/,
    );
    expect(
      object('ScalableTarget', 'churn-prediction-scalable-target').spec,
    ).toEqual(targetBefore);
    const policy = object('ScalingPolicy', 'churn-prediction-scaling-policy')
      .spec.targetTrackingScalingPolicyConfiguration;
    expect(policy.targetValue).toBe(start.variants[0].targetValue);
    expect(policy.scaleOutCooldown).toBe(45);
  });

  it('says so when the target cannot be restored either, naming the capacities it keeps', async () => {
    const start = await snapshotOf('churn-prediction');
    const watch = sandbox.api.watch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      {},
      event => {
        if (
          event.object.metadata.name === 'churn-prediction-scalable-target' &&
          (event.object as any).spec.maxCapacity === 8
        ) {
          watch.stop();
          // Someone changes both objects between the plugin's two writes.
          applyToSandbox(
            sandbox,
            [
              {
                apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
                kind: 'ScalingPolicy',
                metadata: {
                  name: 'churn-prediction-scaling-policy',
                  namespace: 'ml-serving',
                },
                spec: {
                  targetTrackingScalingPolicyConfiguration: {
                    scaleOutCooldown: 50,
                  },
                },
              },
              {
                apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
                kind: 'ScalableTarget',
                metadata: {
                  name: 'churn-prediction-scalable-target',
                  namespace: 'ml-serving',
                },
                spec: { minCapacity: 3 },
              },
            ],
            'kubectl-edit',
          );
        }
      },
      () => {},
    );
    const res = await put('churn-prediction', {
      ...settings,
      minCapacity: 1,
      maxCapacity: 8,
      expectedVersion: start.variants[0].settingsVersion,
    });
    watch.stop();
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /was not changed.*and restoring ScalableTarget 'churn-prediction-scalable-target' to minCapacity \d+, maxCapacity \d+ failed.*keeps this request's capacities/,
    );
    expect(
      object('ScalableTarget', 'churn-prediction-scalable-target').spec,
    ).toMatchObject({ minCapacity: 3, maxCapacity: 8 });
  });
});

import { FleetService } from '../fleet/FleetService';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import request from 'supertest';
import YAML from 'yaml';
import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_BOUND_ENTITY,
  type ScalingActivity,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  endpoint,
  endpointConfig,
  model,
  NS,
  scalableTarget,
  scalingPolicy,
} from '../__testUtils__/fixtures';
import { FakeKubernetesApi } from '../__testUtils__/FakeKubernetesApi';
import { historyDatabase } from '../__testUtils__/historyDatabase';
import { ClusterResourceCache } from '../cache/ClusterResourceCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import { SnapshotStreamHub } from '../streaming/SnapshotStreamHub';
import { SAGEMAKER_SCALING_FIELD_MANAGER as FIELD_MANAGER } from '@mlplatform/plugin-sagemaker-scaling-node';
import { EndpointAdoptionService } from '../binding/EndpointAdoptionService';
import { ScalingUpdateService } from '../scaling/ScalingUpdateService';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { InvocationHistoryReader } from '../planning/InvocationHistoryReader';
import { ScalingPlanService } from '../planning/ScalingPlanService';
import { InstancePriceSource } from '../pricing/InstancePriceSource';
import { createRouter } from './createRouter';
import { scalingUpdateRequestSchema } from './validation';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'ml-service', owner: 'user:default/owner' },
});

const activities: ScalingActivity[] = [1, 2, 3].map(i => ({
  activityId: `act-${i}`,
  resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
  scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  description: `Setting desired instance count to ${i}.`,
  cause: 'alarm',
  statusCode: 'Successful',
  startTime: `2026-11-28T1${i}:00:00.000Z`,
}));

describe('createRouter', () => {
  let app: express.Express;
  let api: FakeKubernetesApi;
  let cache: ClusterResourceCache;
  let hub: SnapshotStreamHub;
  let auditEvents: { eventId: string; outcome?: string }[];
  const authorize = jest.fn();

  beforeEach(async () => {
    const bound = endpoint();
    bound.metadata.annotations = {
      [ANNOTATION_BOUND_ENTITY]: 'component:default/churn-prediction',
    };
    api = new FakeKubernetesApi([
      model(),
      endpointConfig(),
      bound,
      scalableTarget(),
      scalingPolicy(),
    ]);
    cache = new ClusterResourceCache({ cluster: 'c1', api, namespaces: [NS] });
    cache.start();
    await cache.waitForSync(1000);
    const clusters = new ClusterRegistry([
      {
        config: {
          name: 'c1',
          skipTLSVerify: false,
          namespaces: [NS],
          auth: { type: 'inCluster' },
        },
        api,
        cache,
      },
    ]);
    const snapshots = new ScalingSnapshotService({
      clusters,
      activities: { activitiesFor: async () => activities },
    });
    hub = new SnapshotStreamHub({
      snapshots,
      clusters,
      logger: mockServices.logger.mock(),
    });
    auditEvents = [];
    const auditor: AuditorService = {
      async createEvent({ eventId }) {
        const event: { eventId: string; outcome?: string } = { eventId };
        auditEvents.push(event);
        return {
          success: async () => {
            event.outcome = 'success';
          },
          fail: async () => {
            event.outcome = 'fail';
          },
        };
      },
    };
    authorize.mockReset();
    authorize.mockImplementation(async (reqs: unknown[]) =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    const catalog = catalogServiceMock({
      entities: [
        entity('churn-prediction', {
          'sagemaker.services.k8s.aws/endpoint-name': 'churn-prediction',
          'backstage.io/kubernetes-namespace': NS,
        }),
        entity('plain', {}),
      ],
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions.mock({ authorize }),
      catalog,
      logger: mockServices.logger.mock(),
      clusters,
      snapshots,
      updates: new ScalingUpdateService({
        snapshots,
        auditor,
        updateWaitMs: 1000,
      }),
      adoption: new EndpointAdoptionService({
        snapshots,
        catalog,
        auth: mockServices.auth(),
        auditor,
      }),
      hub,
      history: await (await historyDatabase()).store(),
      prices: new InstancePriceSource({ overrides: {}, region: 'us-east-1' }),
      planner: new ScalingPlanService({
        snapshots,
        prices: new InstancePriceSource({ overrides: {}, region: 'us-east-1' }),
        invocations: new InvocationHistoryReader({
          client: new CloudWatchClient({ region: 'us-east-1' }),
        }),
      }),
      fleet: new FleetService({
        catalog,
        permissions: mockServices.permissions.mock({ authorize }),
        userInfo: mockServices.userInfo(),
        snapshots,
        histories: new Map(),
      }),
    });
    app = express().use(router).use(mockErrorHandler());
  });

  afterEach(() => {
    hub.stop();
    cache.stop();
  });

  const path = '/v1/entities/component/default/churn-prediction';
  const user = mockCredentials.user.header('user:default/owner');

  it('answers the snapshot and checks the read permission on the entity', async () => {
    const res = await request(app)
      .get(`${path}/scaling`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/churn-prediction',
      cluster: 'c1',
      endpoint: { status: 'InService' },
    });
    expect(
      res.body.activities.map((a: ScalingActivity) => a.activityId),
    ).toEqual(['act-3', 'act-2', 'act-1']);
    expect(authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'sagemaker.scaling.read',
          }),
          resourceRef: 'component:default/churn-prediction',
        },
      ],
      { credentials: expect.anything() },
    );
  });

  it('needs credentials', async () => {
    const res = await request(app)
      .get(`${path}/scaling`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 403 when the policy denies, 404 for unknown entities and entities without the annotation', async () => {
    authorize.mockImplementation(async (reqs: unknown[]) =>
      reqs.map(() => ({ result: AuthorizeResult.DENY })),
    );
    expect(
      (await request(app).get(`${path}/scaling`).set('Authorization', user))
        .status,
    ).toBe(403);
    const unknown = await request(app)
      .get('/v1/entities/component/default/x/scaling')
      .set('Authorization', user);
    expect(unknown.status).toBe(404);
    authorize.mockImplementation(async (reqs: unknown[]) =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    const plain = await request(app)
      .get('/v1/entities/component/default/plain/scaling')
      .set('Authorization', user);
    expect(plain.status).toBe(404);
    expect(plain.body.error.message).toContain(
      'sagemaker.services.k8s.aws/endpoint-name',
    );
  });

  it('answers 400 naming the parameter for every malformed path parameter, never 500', async () => {
    const cases: [string, string][] = [
      ['kind', '/v1/entities/comp%2Fonent/default/churn-prediction'],
      ['kind', '/v1/entities/%2F/default/churn-prediction'],
      ['namespace', '/v1/entities/component/def%2Fault/churn-prediction'],
      ['namespace', '/v1/entities/component/a%3Ab/churn-prediction'],
      ['name', '/v1/entities/component/default/churn%2Fprediction'],
      ['name', '/v1/entities/component/default/churn%20prediction'],
      ['name', '/v1/entities/component/default/..'],
      ['name', `/v1/entities/component/default/${'n'.repeat(300)}`],
      ['kind', '/v1/entities/%00/default/churn-prediction'],
    ];
    for (const [param, base] of cases) {
      for (const route of ['scaling', 'activities', 'events']) {
        const res = await request(app)
          .get(`${base}/${route}`)
          .set('Authorization', user);
        expect({ url: `${base}/${route}`, status: res.status }).toEqual({
          url: `${base}/${route}`,
          status: 400,
        });
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringContaining(`${param}:`),
        });
      }
      const put = await request(app)
        .put(`${base}/scaling`)
        .set('Authorization', user)
        .send({});
      expect(put.status).toBe(400);
      expect(put.body.error.message).toContain(`${param}:`);
    }
    // A broken percent-encoding cannot even be decoded: still a client error.
    const undecodable = await request(app)
      .get('/v1/entities/component/default/%E0%A4%A/scaling')
      .set('Authorization', user);
    expect(undecodable.status).toBe(400);
  });

  it('pages activities with a cursor and validates the query', async () => {
    const first = await request(app)
      .get(`${path}/activities?limit=2`)
      .set('Authorization', user);
    expect(first.body.items.map((a: ScalingActivity) => a.activityId)).toEqual([
      'act-3',
      'act-2',
    ]);
    const second = await request(app)
      .get(`${path}/activities?limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', user);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ activityId: 'act-1' })],
    });
    const bad = await request(app)
      .get(`${path}/activities?limit=1000`)
      .set('Authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('limit');
  });

  const settings = {
    minCapacity: 2,
    maxCapacity: 8,
    targetValue: 75,
    scaleInCooldown: 600,
    scaleOutCooldown: 60,
    disableScaleIn: true,
  };
  /** The settings with the version of the variant as the snapshot shows it now. */
  async function currentUpdate() {
    const res = await request(app)
      .get(`${path}/scaling`)
      .set('Authorization', user);
    return {
      ...settings,
      expectedVersion: res.body.variants[0].settingsVersion as string,
    };
  }

  it('applies an update with server-side apply of only our fields, audits it and returns the new state', async () => {
    const update = await currentUpdate();
    const cachedVersion = cache.get(
      'ScalableTarget',
      NS,
      'churn-prediction-scalable-target',
    )!.metadata.resourceVersion;
    const res = await request(app)
      .put(`${path}/scaling`)
      .set('Authorization', user)
      .send(update);
    expect(res.status).toBe(200);
    expect(api.applied.map(a => a.options)).toEqual([
      { fieldManager: FIELD_MANAGER, force: true },
      { fieldManager: FIELD_MANAGER, force: true },
    ]);
    expect(api.applied[0].object).toEqual({
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalableTarget',
      metadata: {
        name: 'churn-prediction-scalable-target',
        namespace: NS,
        // precondition: the object as cached
        resourceVersion: cachedVersion,
        annotations: {
          [ANNOTATION_BOUND_ENTITY]: 'component:default/churn-prediction',
        },
      },
      spec: {
        resourceID: 'endpoint/churn-prediction/variant/AllTraffic',
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        serviceNamespace: 'sagemaker',
        minCapacity: 2,
        maxCapacity: 8,
      },
    });
    // The metric belongs to whoever created the policy: not in our apply.
    expect(api.applied[1].object.spec).toMatchObject({
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 75,
        scaleInCooldown: 600,
        scaleOutCooldown: 60,
        disableScaleIn: true,
      },
    });
    expect(
      (api.applied[1].object.spec as any)
        .targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification,
    ).toBeUndefined();
    expect(res.body.scalableTargets[0]).toMatchObject({
      minCapacity: 2,
      maxCapacity: 8,
    });
    expect(res.body.scalingPolicies[0]).toMatchObject({
      targetValue: 75,
      metricType: 'SageMakerVariantInvocationsPerInstance',
    });
    expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual([
      'scale-in-disabled',
    ]);
    expect(auditEvents).toEqual([
      { eventId: 'scaling-update', outcome: 'success' },
    ]);
  });

  it.each([
    [{ maxCapacity: 1 }, 'maxCapacity'],
    [{ extra: 1 }, 'extra'],
    [{ targetValue: 'high' }, 'targetValue'],
    [{ variantName: 'Nope' }, "variantName 'Nope'"],
    [{ expectedVersion: undefined }, 'expectedVersion'],
    [{ expectedVersion: 'not-a-version' }, 'expectedVersion'],
  ])(
    'rejects a bad update %j before writing, naming the field',
    async (change, field) => {
      const res = await request(app)
        .put(`${path}/scaling`)
        .set('Authorization', user)
        .send({ ...(await currentUpdate()), ...change });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect(api.applied).toEqual([]);
    },
  );

  it('checks the update permission', async () => {
    authorize.mockImplementation(async (reqs: any[]) =>
      reqs.map(r => ({
        result:
          r.permission.name === 'sagemaker.scaling.update'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    const res = await request(app)
      .put(`${path}/scaling`)
      .set('Authorization', user)
      .send(await currentUpdate());
    expect(res.status).toBe(403);
    expect(api.applied).toEqual([]);
  });

  it('lists clusters with reachability', async () => {
    const res = await request(app)
      .get('/v1/clusters')
      .set('Authorization', user);
    expect(res.body).toEqual({
      clusters: [
        { name: 'c1', reachable: true, lastSyncAt: expect.any(String) },
      ],
    });
  });
});

describe('the OpenAPI document', () => {
  const spec = YAML.parse(
    readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );

  it('describes exactly the routes the router serves', async () => {
    const router = await createRouter({} as any);
    // The routes of the router and of the routers it mounts.
    const routes = (stack: any[]): any[] =>
      stack.flatMap((layer: any) => {
        if (layer.route) return [layer];
        return layer.handle?.stack ? routes(layer.handle.stack) : [];
      });
    const served = routes((router as any).stack)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          m =>
            `${m.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    const documented = Object.entries(spec.paths)
      .flatMap(([p, ops]: [string, any]) =>
        Object.keys(ops)
          .filter(k => ['get', 'put', 'post', 'delete', 'patch'].includes(k))
          .map(m => `${m.toUpperCase()} ${p}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it('has the update body the router validates', () => {
    const documented = spec.components.schemas.ScalingSettingsUpdate;
    const shape = scalingUpdateRequestSchema.shape;
    expect(Object.keys(shape).sort()).toEqual(
      Object.keys(documented.properties).sort(),
    );
    const required = Object.entries(shape)
      .filter(([, s]) => !(s as any).isOptional())
      .map(([k]) => k)
      .sort();
    expect(required).toEqual([...documented.required].sort());
    expect(documented.additionalProperties).toBe(false);
  });
});

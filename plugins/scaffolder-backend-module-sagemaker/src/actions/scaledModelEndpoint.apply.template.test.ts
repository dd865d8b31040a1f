/**
 * The self-service round trip with real parts: a scaffolder and a catalog backend with the
 * SageMaker catalog module (the entity provider), this module, and a started sandbox
 * cluster. "New scaled model endpoint" with delivery `apply` renders, applies, waits for
 * InService and for the provider to catalog the service from its labelled Endpoint;
 * "Decommission scaled model endpoint" deletes the resources, and the service leaves the
 * catalog with its Endpoint.
 */
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import sagemakerCatalogModule from '@mlplatform/plugin-catalog-backend-module-sagemaker';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import { stringify } from 'yaml';
import {
  SANDBOX_CLUSTER_NAME,
  sandboxClient,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { scaffolderModuleSagemaker } from '../module';

const SERVICE = 'churn-local';

/** The signed-in user of the tests (mockCredentials.user()) and their team. */
const org = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mock' },
    spec: { memberOf: ['ml-platform'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'ml-platform' },
    spec: { type: 'team', children: [] },
  },
];

/**
 * The tutorial's values as a user enters them, with the default delivery (apply) and no
 * owner picked: the user's team owns the service.
 */
const values = {
  name: SERVICE,
  system: 'system:default/customer-insights',
  lifecycle: 'production',
  description: 'Predicts which customers are about to churn',
  namespace: 'ml-serving',
  modelDataURL:
    's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
  image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
  executionRoleARN:
    'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role-123456789012',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
  variantName: 'AllTraffic',
  minCapacity: 1,
  maxCapacity: 3,
  metricType: 'SageMakerVariantInvocationsPerInstance',
  targetValue: 60,
  scaleInCooldown: 700,
  scaleOutCooldown: 300,
  disableScaleIn: false,
  delivery: 'apply',
  timeoutMinutes: 2,
};

// catalog processing, the endpoint's creation and two scaffolder tasks, on a loaded machine
jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('scaled-model-endpoint with apply delivery, then decommission, against a real catalog', () => {
  let sandbox: SandboxCluster;
  let baseUrl: string;
  let stop: () => Promise<void>;
  const folder = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    const templates = path.resolve(__dirname, '..', '..', 'templates');
    folder.setContent({
      'org.yaml': org.map(e => stringify(e)).join('---\n'),
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        sagemakerCatalogModule,
        scaffolderPlugin,
        scaffolderModuleSagemaker,
        // what sign-in with the catalog resolver puts in the user's token: they and their team
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () =>
            mockServices.userInfo({
              ownershipEntityRefs: [
                'user:default/mock',
                'group:default/ml-platform',
              ],
            }),
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              baseUrl: 'http://localhost:7007',
              actions: { pluginSources: ['catalog'] },
            },
            catalog: {
              // as app-config.yaml: Templates only from the locations that allow them
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(
                    templates,
                    'scaled-model-endpoint/template.yaml',
                  ),
                  rules: [{ allow: ['Template'] }],
                },
                {
                  type: 'file',
                  target: path.join(
                    templates,
                    'decommission-scaled-model-endpoint/template.yaml',
                  ),
                  rules: [{ allow: ['Template'] }],
                },
                {
                  type: 'file',
                  target: folder.resolve('org.yaml'),
                  rules: [{ allow: ['User', 'Group'] }],
                },
              ],
            },
            sagemakerScaling: {
              clusters: [
                {
                  name: SANDBOX_CLUSTER_NAME,
                  url: sandbox.kubeApiUrl,
                  skipTLSVerify: true,
                  auth: { type: 'serviceAccount', token: sandbox.token },
                },
              ],
            },
          },
        }),
      ],
    });
    baseUrl = `http://127.0.0.1:${backend.server.port()}`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  async function call(method: string, urlPath: string, body?: unknown) {
    const response = await fetch(`${baseUrl}/api${urlPath}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  async function until<T>(
    what: string,
    read: () => Promise<T | undefined>,
    ms: number,
  ) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
      await sleep(100);
    }
  }

  async function entity(kind: string, name: string) {
    const { status, body } = await call(
      'GET',
      `/catalog/entities/by-name/${kind}/default/${name}`,
    );
    return status === 200 ? body : undefined;
  }

  async function runTask(
    templateName: string,
    taskValues: Record<string, unknown>,
  ) {
    await until(
      `template ${templateName} in the catalog`,
      () => entity('template', templateName),
      30_000,
    );
    // the default owner comes from the user's entity
    await until(
      'the signed-in user in the catalog',
      () => entity('user', 'mock'),
      30_000,
    );
    const created = await call('POST', '/scaffolder/v2/tasks', {
      templateRef: `template:default/${templateName}`,
      values: taskValues,
    });
    expect(created.status).toBe(201);
    const task = await until(
      `task ${created.body.id} to finish`,
      async () => {
        const { body } = await call(
          'GET',
          `/scaffolder/v2/tasks/${created.body.id}`,
        );
        return ['completed', 'failed'].includes(body.status) ? body : undefined;
      },
      60_000,
    );
    const finishedAt = Date.now();
    const events = (
      await call('GET', `/scaffolder/v2/tasks/${created.body.id}/events`)
    ).body as {
      body: { message?: string; output?: unknown };
    }[];
    const log = events.map(e => e.body.message ?? '').join('\n');
    const output = events.find(e => e.body.output)?.body.output as any;
    return { status: task.status as string, log, output, finishedAt };
  }

  it('applies, waits for InService, and the entity provider catalogs the service from its Endpoint', async () => {
    const task = await runTask('scaled-model-endpoint', values);
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.stringContaining('InService'),
    });
    // the task waited until the catalog served the provider's entity
    expect(task.log).toMatch(
      /component:default\/churn-local is in the catalog \(after [\d.]+ s\)/,
    );

    const client = await sandboxClient(sandbox);
    const endpoint = await client.get<any>('Endpoint', 'ml-serving', SERVICE);
    expect(endpoint?.status?.endpointStatus).toBe('InService');
    expect(endpoint?.metadata.labels).toEqual(
      expect.objectContaining({
        'sagemaker-scaling.backstage.io/catalog': 'entity-provider',
        'sagemaker-scaling.backstage.io/service': SERVICE,
      }),
    );
    expect(
      await client.get(
        'ScalingPolicy',
        'ml-serving',
        `${SERVICE}-scaling-policy`,
      ),
    ).toBeDefined();

    const service = await entity('component', SERVICE);
    const location = `sagemaker-endpoint:${SANDBOX_CLUSTER_NAME}/ml-serving/${SERVICE}`;
    expect(service.metadata.annotations).toEqual(
      expect.objectContaining({
        'sagemaker.services.k8s.aws/endpoint-name': SERVICE,
        'backstage.io/kubernetes-namespace': 'ml-serving',
        'sagemaker.services.k8s.aws/cluster': SANDBOX_CLUSTER_NAME,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      }),
    );
    expect(service.metadata.description).toBe(values.description);
    expect(service.spec).toEqual({
      type: 'ml-service',
      lifecycle: 'production',
      owner: 'group:default/ml-platform',
      system: 'system:default/customer-insights',
    });
    expect(task.output.links).toEqual([
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: `component:default/${SERVICE}`,
      },
    ]);
    expect(task.output.text.map((t: { title: string }) => t.title)).toEqual([
      'Manifests',
      'Endpoint',
    ]);
    expect(task.output.text[1].content).toContain('**InService**');
  });

  it("refuses another service under the taken name before touching the first one's endpoint", async () => {
    const task = await runTask('scaled-model-endpoint', {
      ...values,
      description: 'Someone else, same name',
      targetValue: 200,
    });
    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      `component:default/churn-local is already in the catalog (from sagemaker-endpoint:sandbox/ml-serving/churn-local); choose another name or decommission that service first`,
    );
    expect(task.log).toMatch(
      /Skipping step apply because a previous step failed/,
    );
    const client = await sandboxClient(sandbox);
    const policy = await client.get<any>(
      'ScalingPolicy',
      'ml-serving',
      `${SERVICE}-scaling-policy`,
    );
    expect(
      policy?.spec?.targetTrackingScalingPolicyConfiguration?.targetValue,
    ).toBe(60);
    expect((await entity('component', SERVICE))?.metadata.description).toBe(
      values.description,
    );
  });

  it('decommissions it: the resources are deleted and the service leaves the catalog with its Endpoint', async () => {
    const task = await runTask('decommission-scaled-model-endpoint', {
      entity: `component:default/${SERVICE}`,
      confirm: true,
    });
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.stringMatching(/Model churn-local-model: deleted/),
    });
    // nothing to unregister: the provider removes the entity
    expect(task.log).toMatch(/Skipping step unregister/);
    expect(task.output.text.map((t: { title: string }) => t.title)).toEqual([
      'Decommissioned',
      'Catalog',
    ]);
    expect(task.output.text[1].content).toContain(
      'was catalogued from its Endpoint',
    );
    const client = await sandboxClient(sandbox);
    expect(await client.get('Endpoint', 'ml-serving', SERVICE)).toBeUndefined();
    await until(
      'the service to leave the catalog',
      async () => ((await entity('component', SERVICE)) ? undefined : true),
      30_000,
    );
  });
});

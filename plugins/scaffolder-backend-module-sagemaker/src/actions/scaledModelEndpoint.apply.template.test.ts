/**
 * The self-service round trip with real parts: a scaffolder and a catalog backend (with
 * file locations allowed, as packages/backend does), this module, and a started sandbox
 * cluster. "New scaled model endpoint" with delivery `apply` renders, applies, waits for
 * InService and lands the service in the catalog through the local catalog folder;
 * "Decommission scaled model endpoint" deletes the resources and removes it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import { parse } from 'yaml';
import {
  SANDBOX_CLUSTER_NAME,
  sandboxClient,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { scaffolderModuleSagemaker } from '../module';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'yarn.lock'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`No repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** What packages/backend/src/catalogFileLocationsModule.ts does. */
const fileLocationsModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

const SERVICE = 'churn-local';

/** The tutorial's values as a user enters them, with the default delivery (apply). */
const values = {
  name: SERVICE,
  owner: 'group:default/ml-platform',
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
  cluster: SANDBOX_CLUSTER_NAME,
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
  const catalogFolder = () => path.join(folder.path, 'catalog');

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    const templates = path.join(repoRoot(), 'templates');
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        fileLocationsModule,
        scaffolderPlugin,
        scaffolderModuleSagemaker,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              baseUrl: 'http://localhost:7007',
              actions: { pluginSources: ['catalog'] },
            },
            catalog: {
              rules: [{ allow: ['Component', 'Location', 'Template'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(
                    templates,
                    'scaled-model-endpoint/template.yaml',
                  ),
                },
                {
                  type: 'file',
                  target: path.join(
                    templates,
                    'decommission-scaled-model-endpoint/template.yaml',
                  ),
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
              scaffolder: { localCatalogDirectory: catalogFolder() },
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

  it('applies, waits for InService and lands the service in the catalog within 30 s', async () => {
    const task = await runTask('scaled-model-endpoint', values);
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.stringContaining('InService'),
    });
    // register-local waited until the catalog served the entity before the task finished
    expect(task.log).toMatch(
      /component:default\/churn-local is in the catalog \(after [\d.]+ s\)/,
    );

    const client = await sandboxClient(sandbox);
    const endpoint = await client.get<any>('Endpoint', 'ml-serving', SERVICE);
    expect(endpoint?.status?.endpointStatus).toBe('InService');
    expect(
      await client.get(
        'ScalingPolicy',
        'ml-serving',
        `${SERVICE}-scaling-policy`,
      ),
    ).toBeDefined();

    const service = await until(
      'the new service in the catalog',
      () => entity('component', SERVICE),
      30_000,
    );
    const visibleAfterMs = Date.now() - task.finishedAt;
    expect(visibleAfterMs).toBeLessThan(30_000);
    const file = path.join(
      catalogFolder(),
      `component.default.${SERVICE}.yaml`,
    );
    expect(service.metadata.annotations).toEqual(
      expect.objectContaining({
        'sagemaker.services.k8s.aws/endpoint-name': SERVICE,
        'backstage.io/kubernetes-namespace': 'ml-serving',
        'sagemaker.services.k8s.aws/cluster': SANDBOX_CLUSTER_NAME,
        'backstage.io/managed-by-origin-location': `file:${file}`,
      }),
    );
    expect(parse(fs.readFileSync(file, 'utf8')).spec).toEqual({
      type: 'ml-service',
      lifecycle: 'experimental',
      owner: 'group:default/ml-platform',
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
    expect(task.log).toMatch(
      /belongs to the registered service component:default\/churn-local and differs from this one; decommission that service first/,
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

  it('decommissions it: the resources are deleted and the service leaves the catalog', async () => {
    const task = await runTask('decommission-scaled-model-endpoint', {
      entity: `component:default/${SERVICE}`,
      confirm: true,
    });
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.stringMatching(/Model churn-local-model: deleted/),
    });
    const client = await sandboxClient(sandbox);
    expect(await client.get('Endpoint', 'ml-serving', SERVICE)).toBeUndefined();
    await until(
      'the service to leave the catalog',
      async () => ((await entity('component', SERVICE)) ? undefined : true),
      30_000,
    );
  });
});

/**
 * Runs the "Decommission scaled model endpoint" template for real through a scaffolder
 * backend: catalog:fetch reads the ML service, sagemaker:endpoint:delete removes its
 * resources from the sandbox cluster, and catalog:unregister-entity (the catalog's action,
 * offered to the scaffolder through the actions service) is asked to remove its location.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  actionsServiceRef,
  type ActionsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import { parse } from 'yaml';
import {
  ownedManifests,
  ownerOnlyServices,
} from '../authorization/__testUtils__/teams';
import {
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';
import { createDeleteScaledEndpointAction } from './deleteScaledEndpoint';

const template = parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../templates/decommission-scaled-model-endpoint/template.yaml',
    ),
    'utf8',
  ),
);

const ORIGIN =
  'url:https://github.com/acme/churn-prediction/blob/main/catalog-info.yaml';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn-prediction',
    namespace: 'default',
    annotations: {
      'sagemaker.services.k8s.aws/endpoint-name': 'churn-prediction',
      'backstage.io/kubernetes-namespace': 'ml-serving',
      'backstage.io/managed-by-location': ORIGIN,
      'backstage.io/managed-by-origin-location': ORIGIN,
    },
  },
  spec: {
    type: 'ml-service',
    lifecycle: 'production',
    owner: 'group:default/ml-platform',
  },
};

describe('decommission-scaled-model-endpoint template', () => {
  let sandbox: SandboxCluster;
  let baseUrl: string;
  let stop: () => Promise<void>;
  const invoked: Parameters<ActionsService['invoke']>[0][] = [];

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    const config = sandboxConfig(sandbox);
    await createApplyScaledEndpointAction({
      ...ownerOnlyServices(),
      config,
    }).handler(
      createMockActionContext({
        input: {
          manifests: ownedManifests('churn-prediction') as any,
          wait: false,
        },
      }) as any,
    );

    const deleteModule = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'sagemaker-delete-test',
      register({ registerInit }) {
        registerInit({
          deps: { scaffolder: scaffolderActionsExtensionPoint },
          async init({ scaffolder }) {
            scaffolder.addActions(
              createDeleteScaledEndpointAction({
                ...ownerOnlyServices([service]),
                config,
                pollIntervalMs: 20,
              }),
            );
          },
        });
      },
    });
    // What the catalog offers through the actions service with
    // backend.actions.pluginSources: [catalog]; here it records the call.
    const catalogActions = createServiceFactory({
      service: actionsServiceRef,
      deps: {},
      factory: (): ActionsService => ({
        async list() {
          return {
            actions: [
              {
                id: 'catalog:unregister-entity',
                pluginId: 'catalog',
                name: 'unregister-entity',
                title: 'Unregister entity from the Catalog',
                description:
                  'Unregisters a Location entity and all entities it owns',
                schema: {
                  input: {
                    type: 'object',
                    properties: {
                      type: {
                        type: 'object',
                        properties: { locationUrl: { type: 'string' } },
                      },
                    },
                  },
                  output: { type: 'object' },
                },
                attributes: {
                  destructive: true,
                  readOnly: false,
                  idempotent: true,
                },
              },
            ],
          };
        },
        async invoke(request) {
          invoked.push(request);
          return { output: {} };
        },
      }),
    });

    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        deleteModule,
        catalogActions,
        catalogServiceMock.factory({ entities: [service, template] }),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
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
    const response = await fetch(`${baseUrl}/api/scaffolder${urlPath}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() };
  }

  it('deletes the resources and asks the catalog to unregister the service', async () => {
    const created = await call('POST', '/v2/tasks', {
      templateRef: 'template:default/decommission-scaled-model-endpoint',
      values: { entity: 'component:default/churn-prediction', confirm: true },
    });
    expect(created.status).toBe(201);

    let task: { status: string } = { status: 'open' };
    for (
      let i = 0;
      i < 200 && !['completed', 'failed'].includes(task.status);
      i++
    ) {
      await new Promise(r => setTimeout(r, 100));
      task = (await call('GET', `/v2/tasks/${created.body.id}`)).body;
    }
    const events = (await call('GET', `/v2/tasks/${created.body.id}/events`))
      .body as {
      body: { message?: string };
    }[];
    const log = events.map(e => e.body.message ?? '').join('\n');
    expect({ status: task.status, log }).toEqual({
      status: 'completed',
      log: expect.any(String),
    });

    expect(log).toMatch(
      /ScalingPolicy churn-prediction-scaling-policy: deleted/,
    );
    expect(log).toMatch(/Model churn-prediction-model: deleted/);
    const client = await sandboxClient(sandbox);
    expect(
      await client.get('Endpoint', 'ml-serving', 'churn-prediction'),
    ).toBeUndefined();
    expect(
      await client.get('Model', 'ml-serving', 'churn-prediction-model'),
    ).toBeUndefined();

    expect(invoked).toEqual([
      expect.objectContaining({
        id: 'catalog:unregister-entity',
        input: {
          type: {
            locationUrl:
              'https://github.com/acme/churn-prediction/blob/main/catalog-info.yaml',
          },
        },
      }),
    ]);
  });
});

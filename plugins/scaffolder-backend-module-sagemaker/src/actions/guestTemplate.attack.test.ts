/**
 * The attack of a signed-in guest with no special rights, through a real scaffolder backend
 * with this module installed as an app installs it: the guest registers a template whose
 * steps target another team's endpoint (fraud-detection) and runs it, for real and as a
 * dry run. The catalog, user info and the permission policy (update only for an entity's
 * owners) behave as in the demo; the cluster is the sandbox.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import { tutorialInputs } from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  FRAUD_OWNER,
  FRAUD_TEAM,
  GUEST,
  GUESTS,
  ownedManifests,
  ownerOnlyServices,
  serviceEntity,
  taskContext,
} from '../authorization/__testUtils__/teams';
import {
  SANDBOX_CLUSTER_NAME,
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { scaffolderModuleSagemaker } from '../module';
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';

const FRAUD = 'fraud-detection';

/** A template the guest registered: render fraud-detection with 40 instances, and apply. */
const raiseTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'guest-raise', namespace: 'default' },
  spec: {
    type: 'service',
    owner: GUESTS,
    parameters: [],
    steps: [
      {
        id: 'render',
        action: 'sagemaker:endpoint:render',
        input: {
          serviceName: FRAUD,
          namespace: 'ml-serving',
          ...tutorialInputs,
          maxCapacity: 40,
          owner: GUESTS,
        },
      },
      {
        id: 'apply',
        action: 'sagemaker:endpoint:apply',
        input: {
          manifests: '${{ steps.render.output.manifests }}',
          wait: false,
        },
      },
    ],
  },
};

/** A template the guest registered: delete with the old location overrides. */
function deleteTemplate(name: string, input: Record<string, string>): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      owner: GUESTS,
      parameters: [],
      steps: [{ id: 'delete', action: 'sagemaker:endpoint:delete', input }],
    },
  };
}

const overrideTemplate = deleteTemplate('guest-delete-override', {
  entityRef: 'component:default/guest-svc',
  endpointName: FRAUD,
  namespace: 'ml-serving',
  cluster: SANDBOX_CLUSTER_NAME,
});
const foreignDeleteTemplate = deleteTemplate('guest-delete-fraud', {
  entityRef: `component:default/${FRAUD}`,
});

jest.setTimeout(60_000);

describe("a guest's templates against fraud-detection's endpoint", () => {
  let sandbox: SandboxCluster;
  let baseUrl: string;
  let stop: () => Promise<void>;
  const entities = [
    serviceEntity(FRAUD, FRAUD_TEAM),
    serviceEntity('guest-svc', GUESTS),
    raiseTemplate,
    overrideTemplate,
    foreignDeleteTemplate,
  ];

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    const services = ownerOnlyServices(entities);
    // fraud-detection's team applies its service
    const { ctx } = taskContext(
      {
        manifests: ownedManifests(FRAUD, { maxCapacity: 2 }, FRAUD_TEAM),
        wait: false,
      },
      { user: FRAUD_OWNER },
    );
    await createApplyScaledEndpointAction({
      ...services,
      config: sandboxConfig(sandbox),
    }).handler(ctx as any);

    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleSagemaker,
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => services.permissions,
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => services.userInfo,
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
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
    const response = await fetch(`${baseUrl}/api/scaffolder${urlPath}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(GUEST),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() };
  }

  /** Runs a registered template as the guest; its final status and log. */
  async function runAsGuest(templateName: string) {
    const created = await call('POST', '/v2/tasks', {
      templateRef: `template:default/${templateName}`,
      values: {},
    });
    expect(created.status).toBe(201);
    let task: { status: string } = { status: 'open' };
    for (
      let i = 0;
      i < 300 && !['completed', 'failed'].includes(task.status);
      i++
    ) {
      await new Promise(r => setTimeout(r, 100));
      task = (await call('GET', `/v2/tasks/${created.body.id}`)).body;
    }
    const events = (await call('GET', `/v2/tasks/${created.body.id}/events`))
      .body as { body: { message?: string } }[];
    return {
      status: task.status,
      log: events.map(e => e.body.message ?? '').join('\n'),
    };
  }

  async function fraudTarget() {
    const client = await sandboxClient(sandbox);
    const target = await client.get(
      'ScalableTarget',
      'ml-serving',
      `${FRAUD}-scalable-target`,
    );
    return {
      maxCapacity: (target?.spec as { maxCapacity?: number }).maxCapacity,
      resourceVersion: target?.metadata.resourceVersion,
    };
  }

  it("refuses the task that raises fraud-detection's maxCapacity; the ScalableTarget is unchanged", async () => {
    const before = await fraudTarget();
    expect(before.maxCapacity).toBe(2);
    const task = await runAsGuest('guest-raise');
    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      'You are not allowed to apply the endpoint resources of component:default/fraud-detection (permission sagemaker.scaling.update)',
    );
    expect(await fraudTarget()).toEqual(before);
  });

  it('refuses its dry run before reading the cluster: nothing about the resources in the answer', async () => {
    const { status, body } = await call('POST', '/v2/dry-run', {
      template: raiseTemplate,
      values: {},
      directoryContents: [],
    });
    // the refusal is the whole answer: no log, no output, no directory contents
    expect({ status, body: { ...body, request: undefined } }).toEqual({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'You are not allowed to apply the endpoint resources of component:default/fraud-detection (permission sagemaker.scaling.update)',
        },
        response: { statusCode: 403 },
      },
    });
  });

  it('refuses a delete step with the old location overrides as unknown input', async () => {
    const task = await runAsGuest('guest-delete-override');
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(/endpointName/);
    expect(task.log).toMatch(
      /not allowed to have the additional property|not an input/,
    );
    expect((await fraudTarget()).maxCapacity).toBe(2);
  });

  it('refuses to delete the endpoint of an entity the guest does not own', async () => {
    const task = await runAsGuest('guest-delete-fraud');
    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      'You are not allowed to delete the endpoint of component:default/fraud-detection (permission sagemaker.scaling.update)',
    );
    expect((await fraudTarget()).maxCapacity).toBe(2);
  });
});

/**
 * The plugin's actions as an agent sees them: the real plugin, the real actions
 * registry and actions service, and the real MCP actions backend in a test backend
 * against the sandbox cluster's demo, driven by the official MCP TypeScript SDK client.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { SettingChangesPage } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import {
  mlService,
  startSandboxBackend,
} from '../__testUtils__/sandboxBackend';

jest.setTimeout(90_000);

const GUEST = 'user:default/guest';

/** A demo service entity with its owner. */
function ownedService(name: string, owner: string): Entity {
  const entity = mlService(name);
  return { ...entity, spec: { ...entity.spec, owner } };
}

const ENTITIES = [
  ownedService('churn-prediction', GUEST),
  ownedService('fraud-detection', 'group:default/data-science'),
];

/** Everyone reads; only an entity's owner (by spec.owner) updates it. */
const ownersUpdate = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(
      requests: any[],
      options: { credentials: BackstageCredentials },
    ) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(r => {
        const entity = ENTITIES.find(
          e => `component:default/${e.metadata.name}` === r.resourceRef,
        );
        const denied =
          r.permission.name === 'sagemaker.scaling.update' &&
          entity?.spec?.owner !== user;
        return {
          result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        };
      });
    },
    async authorizeConditional(requests: any[]) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

/** The text of a tool result's first content item. */
function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text: string }[])[0].text;
}

describe('sagemaker-scaling actions over MCP', () => {
  let sandbox: SandboxCluster;
  let server: http.Server;
  let stopBackend: () => Promise<void>;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      demo: true,
    });
    ({ server, stop: stopBackend } = await startSandboxBackend({
      sandbox,
      entities: ENTITIES,
      features: [
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        ownersUpdate,
      ],
      appConfig: {
        backend: { actions: { pluginSources: ['sagemaker-scaling'] } },
      },
    }));
    const { port } = server.address() as AddressInfo;
    client = new Client({ name: 'scaling-actions-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(GUEST) },
          },
        },
      ),
    );
  });

  afterAll(async () => {
    await client?.close();
    await stopBackend?.();
    await sandbox?.stop();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name: `sagemaker-scaling.${name}`, arguments: args });

  /** The state as the get tool returns it. */
  async function stateOf(entityRef: string) {
    const result = await call('get-ml-endpoint-scaling', { entityRef });
    expect(result.isError).toBeFalsy();
    return JSON.parse(textOf(result));
  }

  /** The ScalableTarget's spec in the sandbox cluster. */
  function scalableTargetSpec(name: string) {
    return (
      sandbox.api.get(
        sandbox.api.resourceForKind('ScalableTarget'),
        'ml-serving',
        `${name}-scalable-target`,
      ) as any
    ).spec;
  }

  /** The entity's change history, as the guest reads it through the REST route. */
  async function historyOf(name: string): Promise<SettingChangesPage> {
    const res = await request(server)
      .get(
        `/api/sagemaker-scaling/v1/entities/component/default/${name}/history`,
      )
      .set('Authorization', mockCredentials.user.header(GUEST));
    expect(res.status).toBe(200);
    return res.body;
  }

  it('lists the four tools with their safety hints and the bounds from the rule table', async () => {
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('sagemaker-scaling.'));
    expect(ours.map(t => t.name).sort()).toEqual([
      'sagemaker-scaling.get-ml-endpoint-scaling',
      'sagemaker-scaling.list-ml-endpoints',
      'sagemaker-scaling.plan-ml-endpoint-scaling',
      'sagemaker-scaling.update-ml-endpoint-scaling',
    ]);
    const readOnly = {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    };
    for (const name of [
      'get-ml-endpoint-scaling',
      'list-ml-endpoints',
      'plan-ml-endpoint-scaling',
    ]) {
      expect(
        ours.find(t => t.name === `sagemaker-scaling.${name}`)!.annotations,
      ).toMatchObject(readOnly);
    }
    const update = ours.find(
      t => t.name === 'sagemaker-scaling.update-ml-endpoint-scaling',
    )!;
    expect(update.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    });
    const props = update.inputSchema.properties as Record<string, any>;
    expect(props.maxCapacity).toMatchObject({
      type: 'integer',
      minimum: 1,
      description: expect.stringContaining('Most instances'),
    });
    expect(props.scaleInCooldown).toMatchObject({ minimum: 0, maximum: 86400 });
    expect(update.inputSchema.required).toEqual(
      expect.arrayContaining(['entityRef', 'expectedVersion', 'maxCapacity']),
    );
    const list = ours.find(
      t => t.name === 'sagemaker-scaling.list-ml-endpoints',
    )!;
    expect(Object.keys(list.inputSchema.properties!)).toEqual(
      expect.arrayContaining(['owner', 'system', 'cluster', 'finding', 'sort']),
    );
  });

  it("reads the demo service's state, explanation and cost as the guest", async () => {
    const state = await stateOf('component:default/churn-prediction');
    expect(state).toMatchObject({
      entityRef: 'component:default/churn-prediction',
      endpointName: 'churn-prediction',
      status: 'InService',
      stale: false,
      binding: { state: 'bound' },
      variants: [
        {
          variantName: 'AllTraffic',
          minCapacity: 1,
          maxCapacity: 4,
          settingsVersion: expect.any(String),
          explanation: {
            summary: expect.any(String),
            state: expect.any(String),
          },
          cost: {
            usdPerInstanceHour: expect.any(Number),
            priceSource: expect.stringContaining('bundled'),
          },
        },
      ],
    });
    // Compact: no manifests or history for the agent to wade through.
    expect(JSON.stringify(state)).not.toMatch(/manifest|"history"/);
  });

  it('lists both demo services through the fleet query, filtered by owner', async () => {
    const all = JSON.parse(textOf(await call('list-ml-endpoints', {})));
    expect(all.totalCount).toBe(2);
    expect(
      all.rows.map((r: any) => [r.entityRef, r.endpointStatus, r.owner]),
    ).toEqual([
      ['component:default/churn-prediction', 'InService', GUEST],
      [
        'component:default/fraud-detection',
        'InService',
        'group:default/data-science',
      ],
    ]);
    const mine = JSON.parse(
      textOf(await call('list-ml-endpoints', { owner: ['me'] })),
    );
    expect(mine.rows.map((r: any) => r.entityRef)).toEqual([
      'component:default/churn-prediction',
    ]);
    const bad = await call('list-ml-endpoints', { finding: 'Not A Code' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^InputError: Invalid input: finding: /);
  });

  it('plans a higher maximum on a given traffic series without changing anything', async () => {
    const before = (await stateOf('churn-prediction')).variants[0];
    const from = Date.now() - 3 * 3600_000;
    const result = await call('plan-ml-endpoint-scaling', {
      entityRef: 'component:default/churn-prediction',
      settings: {
        minCapacity: 1,
        maxCapacity: 8,
        targetValue: 60,
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
        disableScaleIn: false,
      },
      // 600 invocations a minute for two hours: 10 instances' worth at target 60.
      invocations: Array.from({ length: 120 }, (_, i) => ({
        timestamp: from + i * 60_000,
        value: 600,
      })),
      initialInstances: 1,
    });
    expect(result.isError).toBeFalsy();
    const plan = JSON.parse(textOf(result));
    expect(plan).toMatchObject({
      variantName: 'AllTraffic',
      traffic: { source: 'request', minutes: 120 },
      initialInstances: { value: 1, source: 'request' },
    });
    expect(plan.proposed.peakInstances).toBe(8);
    expect(plan.current.peakInstances).toBe(before.maxCapacity);
    expect(plan.difference.instanceHours).toBeGreaterThan(0);
    expect(plan.assumptions.join(' ')).toMatch(/per instance-hour/);
    expect(JSON.stringify(plan)).not.toContain('timeline');
    expect(
      (await stateOf('churn-prediction')).variants[0].settingsVersion,
    ).toBe(before.settingsVersion);
  });

  it("refuses the update on the other team's service and changes nothing", async () => {
    const variant = (await stateOf('fraud-detection')).variants[0];
    const specBefore = scalableTargetSpec('fraud-detection');
    const historyBefore = await historyOf('fraud-detection');
    const result = await call('update-ml-endpoint-scaling', {
      entityRef: 'component:default/fraud-detection',
      expectedVersion: variant.settingsVersion,
      minCapacity: 1,
      maxCapacity: 10,
      targetValue: variant.targetValue,
      scaleInCooldown: variant.scaleInCooldown,
      scaleOutCooldown: variant.scaleOutCooldown,
      disableScaleIn: false,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^NotAllowedError: You are not allowed to update the scaling of component:default\/fraud-detection/,
    );
    expect(scalableTargetSpec('fraud-detection')).toEqual(specBefore);
    expect(specBefore.maxCapacity).toBe(2);
    expect(await historyOf('fraud-detection')).toEqual(historyBefore);
  });

  it("updates the guest's own service, recorded with the action as the source, and refuses a stale version naming what changed", async () => {
    const before = (await stateOf('churn-prediction')).variants[0];
    const settings = {
      entityRef: 'component:default/churn-prediction',
      minCapacity: 1,
      targetValue: before.targetValue,
      scaleInCooldown: before.scaleInCooldown,
      scaleOutCooldown: before.scaleOutCooldown,
      disableScaleIn: false,
    };
    const updated = await call('update-ml-endpoint-scaling', {
      ...settings,
      maxCapacity: 6,
      expectedVersion: before.settingsVersion,
    });
    expect(updated.isError).toBeFalsy();
    const after = JSON.parse(textOf(updated)).variants[0];
    expect(after.maxCapacity).toBe(6);
    expect(after.settingsVersion).not.toBe(before.settingsVersion);
    expect(scalableTargetSpec('churn-prediction').maxCapacity).toBe(6);

    const [change] = (await historyOf('churn-prediction')).items;
    expect(change).toMatchObject({
      actor: GUEST,
      source: 'update-ml-endpoint-scaling',
      result: 'success',
      variantName: 'AllTraffic',
      before: { maxCapacity: 4 },
      after: { maxCapacity: 6 },
    });

    const stale = await call('update-ml-endpoint-scaling', {
      ...settings,
      maxCapacity: 8,
      expectedVersion: before.settingsVersion,
    });
    expect(stale.isError).toBe(true);
    expect(textOf(stale)).toMatch(
      /^ConflictError: expectedVersion is out of date: .*maxCapacity/,
    );
    expect(scalableTargetSpec('churn-prediction').maxCapacity).toBe(6);
  });

  it('answers bad input naming the field and its rule, before anything is written', async () => {
    const version = (await stateOf('churn-prediction')).variants[0]
      .settingsVersion;
    const valid = {
      entityRef: 'component:default/churn-prediction',
      expectedVersion: version,
      minCapacity: 1,
      maxCapacity: 6,
      targetValue: 70,
      scaleInCooldown: 300,
      scaleOutCooldown: 60,
      disableScaleIn: false,
    };
    const specBefore = scalableTargetSpec('churn-prediction');

    const belowMin = await call('update-ml-endpoint-scaling', {
      ...valid,
      minCapacity: 0,
    });
    expect(belowMin.isError).toBe(true);
    expect(textOf(belowMin)).toMatch(/^InputError: /);
    expect(textOf(belowMin)).toMatch(
      /minCapacity must be a whole number between 1 and[\s\S]*"path": \[\s*"minCapacity"/,
    );

    const crossed = await call('update-ml-endpoint-scaling', {
      ...valid,
      minCapacity: 5,
      maxCapacity: 3,
    });
    expect(crossed.isError).toBe(true);
    expect(textOf(crossed)).toMatch(
      /^InputError: Invalid scaling settings: maxCapacity: maxCapacity must be greater than or equal to minCapacity/,
    );

    const badRef = await call('get-ml-endpoint-scaling', {
      entityRef: 'component:default/',
    });
    expect(badRef.isError).toBe(true);
    expect(textOf(badRef)).toMatch(/^InputError: Invalid input: entityRef: /);

    expect(scalableTargetSpec('churn-prediction')).toEqual(specBefore);
  });
});

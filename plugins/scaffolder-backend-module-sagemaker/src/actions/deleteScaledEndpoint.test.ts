import { mockServices } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ACK_KINDS,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import type { AckClusterClient } from '../lib';
import {
  capturingLogger,
  manifestsFor,
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';
import { createDeleteScaledEndpointAction } from './deleteScaledEndpoint';

describe('sagemaker:endpoint:delete against the sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;
  let action: ReturnType<typeof createDeleteScaledEndpointAction>;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    client = await sandboxClient(sandbox);
    action = createDeleteScaledEndpointAction({
      config: sandboxConfig(sandbox),
      pollIntervalMs: 20,
    });
  });
  afterAll(() => sandbox.stop());

  async function applied(serviceName: string, wait = true) {
    const manifests = manifestsFor(serviceName);
    const apply = createApplyScaledEndpointAction({
      config: sandboxConfig(sandbox),
      pollIntervalMs: 50,
    });
    await apply.handler(
      createMockActionContext({ input: { manifests, wait } as any }) as any,
    );
    return manifests;
  }

  async function existing(m: ScaledEndpointManifests) {
    const objects = [
      m.model,
      m.endpointConfig,
      m.endpoint,
      m.scalableTarget,
      m.scalingPolicy,
    ];
    const found = await Promise.all(
      objects.map(async o =>
        (await client.get(o.kind, 'ml-serving', o.metadata.name))
          ? o.kind
          : undefined,
      ),
    );
    return found.filter(Boolean);
  }

  function run(
    input: Record<string, unknown>,
    extra: { isDryRun?: boolean } = {},
  ) {
    const { logger, lines } = capturingLogger();
    const ctx = {
      ...createMockActionContext({ input: input as any, logger }),
      ...extra,
    };
    return { ctx, lines, done: action.handler(ctx as any) };
  }

  it('deletes all five resources in the safe order and waits until they are gone', async () => {
    const m = await applied('gone-a');
    const { ctx, lines, done } = run({
      endpointName: 'gone-a',
      namespace: 'ml-serving',
    });
    await done;
    expect(await existing(m)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('deleted', [
      'ScalingPolicy gone-a-scaling-policy',
      'ScalableTarget gone-a-scalable-target',
      'Endpoint gone-a',
      'EndpointConfig gone-a-config',
      'Model gone-a-model',
    ]);
    const log = lines();
    // each resource is gone before the next delete is requested
    const events = log
      .map(l => /(\w+) [\w-]+: (delete requested|deleted)$/.exec(l))
      .filter(Boolean)
      .map(match => `${match![1]} ${match![2]}`);
    expect(events).toEqual(
      [
        'ScalingPolicy',
        'ScalableTarget',
        'Endpoint',
        'EndpointConfig',
        'Model',
      ].flatMap(k => [`${k} delete requested`, `${k} deleted`]),
    );
    expect(log.join('\n')).toMatch(
      /Endpoint gone-a: waiting for the controller to remove its finalizer/,
    );
  });

  it('treats already-missing resources as done', async () => {
    const { ctx, lines, done } = run({
      endpointName: 'gone-a',
      namespace: 'ml-serving',
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('deleted', []);
    expect(lines()).toContain(
      'Nothing to delete: Endpoint gone-a and its resources do not exist',
    );
  });

  it('locates the endpoint from the entity annotations', async () => {
    const m = await applied('gone-b', false);
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'gone-b',
        annotations: {
          'sagemaker.services.k8s.aws/endpoint-name': 'gone-b',
          'backstage.io/kubernetes-namespace': 'ml-serving',
          'sagemaker.services.k8s.aws/cluster': 'sandbox',
        },
      },
      spec: { type: 'ml-service' },
    };
    const { ctx, done } = run({ entity });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'sandbox');
    expect(await existing(m)).toEqual([]);
  });

  it('in a dry run lists what would go and deletes nothing', async () => {
    const m = await applied('gone-c', false);
    const { ctx, lines, done } = run(
      { endpointName: 'gone-c', namespace: 'ml-serving' },
      { isDryRun: true },
    );
    await done;
    expect(await existing(m)).toEqual(ACK_KINDS.map(k => k.kind));
    expect(lines()).toContain(
      'Dry run: would delete, in this order, from ml-serving on cluster sandbox: ScalingPolicy gone-c-scaling-policy, ScalableTarget gone-c-scalable-target, Endpoint gone-c, EndpointConfig gone-c-config, Model gone-c-model',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'deleted',
      expect.arrayContaining(['Endpoint gone-c']),
    );
  });

  it('keeps a config another endpoint still uses', async () => {
    const m = await applied('gone-d', false);
    const other = manifestsFor('gone-d2', {
      endpointConfigName: 'gone-d-config',
      modelName: 'gone-d-model',
    });
    await client.apply(other.endpoint);
    const { ctx, done } = run({
      endpointName: 'gone-d',
      namespace: 'ml-serving',
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('kept', [
      'EndpointConfig gone-d-config',
    ]);
    expect(await existing(m)).toEqual(['Model', 'EndpointConfig']);
  });

  it('with a permissions service, deletes only for people allowed to update the entity', async () => {
    const m = await applied('gone-e', false);
    const entity = {
      kind: 'Component',
      metadata: {
        name: 'Gone-E',
        annotations: {
          'sagemaker.services.k8s.aws/endpoint-name': 'gone-e',
          'backstage.io/kubernetes-namespace': 'ml-serving',
        },
      },
    };
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const guarded = createDeleteScaledEndpointAction({
      config: sandboxConfig(sandbox),
      pollIntervalMs: 20,
      permissions,
    });
    const denied = guarded.handler(
      createMockActionContext({ input: { entity } as any }) as any,
    );
    await expect(denied).rejects.toThrow(NotAllowedError);
    await expect(denied).rejects.toThrow(
      'You are not allowed to delete the endpoint of component:default/gone-e (permission sagemaker.scaling.update)',
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [expect.objectContaining({ resourceRef: 'component:default/gone-e' })],
      expect.anything(),
    );
    await expect(
      guarded.handler(
        createMockActionContext({
          input: { endpointName: 'gone-e', namespace: 'ml-serving' } as any,
        }) as any,
      ),
    ).rejects.toThrow(/entity is required/);
    expect(await existing(m)).toEqual(ACK_KINDS.map(k => k.kind));

    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    await guarded.handler(
      createMockActionContext({ input: { entity } as any }) as any,
    );
    expect(await existing(m)).toEqual([]);
  });

  it('rejects an entity without the endpoint annotation and bad names', async () => {
    await expect(
      run({ entity: { metadata: { name: 'x', annotations: {} } } }).done,
    ).rejects.toThrow(
      'entity has no sagemaker.services.k8s.aws/endpoint-name annotation',
    );
    await expect(
      run({ endpointName: 'Bad_Name', namespace: 'ml-serving' }).done,
    ).rejects.toThrow(InputError);
    await expect(
      run({ endpointName: 'ok', namespace: 'Not A Namespace' }).done,
    ).rejects.toThrow(
      /namespace "Not A Namespace" must be a Kubernetes namespace/,
    );
  });
});

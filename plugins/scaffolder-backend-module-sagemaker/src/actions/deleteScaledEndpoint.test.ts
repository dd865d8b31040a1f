import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ACK_KINDS,
  ANNOTATION_BOUND_ENTITY,
  scaledEndpointManifestList,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import {
  FRAUD_TEAM,
  GUEST,
  GUESTS,
  ML_PLATFORM,
  ownedManifests,
  ownerOnlyServices,
  serviceEntity,
  taskContext,
} from '../authorization/__testUtils__/teams';
import type { AckClusterClient } from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { createDeleteScaledEndpointAction } from './deleteScaledEndpoint';

/** The guest's own service, whose annotations name another team's endpoint. */
const guestClaim = {
  ...serviceEntity('guest-claim', GUESTS),
  metadata: {
    name: 'guest-claim',
    namespace: 'default',
    annotations: {
      'sagemaker.services.k8s.aws/endpoint-name': 'fraud-d',
      'backstage.io/kubernetes-namespace': 'ml-serving',
    },
  },
};

describe('sagemaker:endpoint:delete against the sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;
  let action: ReturnType<typeof createDeleteScaledEndpointAction>;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    client = await sandboxClient(sandbox);
    action = createDeleteScaledEndpointAction({
      ...ownerOnlyServices([
        ...['gone-a', 'gone-c', 'gone-d', 'gone-u'].map(name =>
          serviceEntity(name, ML_PLATFORM),
        ),
        serviceEntity('fraud-d', FRAUD_TEAM),
        guestClaim,
        {
          ...serviceEntity('no-endpoint', ML_PLATFORM),
          metadata: { name: 'no-endpoint', namespace: 'default' },
        },
      ]),
      config: sandboxConfig(sandbox),
      pollIntervalMs: 20,
    });
  });
  afterAll(() => sandbox.stop());

  /** Puts the five resources in the cluster (as a previous apply or kubectl would). */
  async function existingService(m: ScaledEndpointManifests) {
    for (const object of scaledEndpointManifestList(m)) {
      await client.apply(object);
    }
    return m;
  }

  async function existing(m: ScaledEndpointManifests) {
    const found = await Promise.all(
      scaledEndpointManifestList(m).map(async o =>
        (await client.get(o.kind, 'ml-serving', o.metadata.name))
          ? o.kind
          : undefined,
      ),
    );
    return found.filter(Boolean);
  }

  function run(
    input: Record<string, unknown>,
    options: { user?: string; isDryRun?: boolean } = {},
  ) {
    const { ctx, lines } = taskContext(input, options);
    return { ctx, lines, done: action.handler(ctx as any) };
  }

  it("deletes the entity's five resources in the safe order and waits until they are gone", async () => {
    const m = await existingService(ownedManifests('gone-a'));
    const { ctx, lines, done } = run({ entityRef: 'component:default/gone-a' });
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

  it('treats already-missing resources as done (a short entity ref works too)', async () => {
    const { ctx, lines, done } = run({ entityRef: 'gone-a' });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('deleted', []);
    expect(lines()).toContain(
      'Nothing to delete: Endpoint gone-a and its resources do not exist',
    );
  });

  it('in a dry run lists what would go and deletes nothing', async () => {
    const m = await existingService(ownedManifests('gone-c'));
    const { ctx, lines, done } = run(
      { entityRef: 'component:default/gone-c' },
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
    const m = await existingService(ownedManifests('gone-d'));
    const other = ownedManifests('gone-d2', {
      endpointConfigName: 'gone-d-config',
      modelName: 'gone-d-model',
    });
    await client.apply(other.endpoint);
    const { ctx, done } = run({ entityRef: 'component:default/gone-d' });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('kept', [
      'EndpointConfig gone-d-config',
    ]);
    expect(await existing(m)).toEqual(['Model', 'EndpointConfig']);
  });

  describe('attacks of a signed-in guest on fraud-detection', () => {
    let fraud: ScaledEndpointManifests;
    beforeAll(async () => {
      fraud = await existingService(ownedManifests('fraud-d', {}, FRAUD_TEAM));
    });

    it.each([
      ['endpointName', { endpointName: 'fraud-d', namespace: 'ml-serving' }],
      ['cluster', { cluster: 'sandbox' }],
      ['entity', { entity: serviceEntity('fraud-d', GUESTS) }],
    ])(
      'refuses the removed override input %s as unknown, dry run included',
      async (field, overrides) => {
        for (const isDryRun of [false, true]) {
          const { ctx, done } = run(
            { entityRef: 'component:default/guest-claim', ...overrides },
            { user: GUEST, isDryRun },
          );
          await expect(done).rejects.toThrow(InputError);
          await expect(done).rejects.toThrow(
            new RegExp(
              `^${field}.*: not an input of sagemaker:endpoint:delete \\(it takes entityRef, timeoutMinutes\\)`,
            ),
          );
          expect(ctx.output).not.toHaveBeenCalled();
        }
        expect(await existing(fraud)).toEqual(ACK_KINDS.map(k => k.kind));
      },
    );

    it('refuses to delete an entity the guest does not own; the dry run reveals nothing', async () => {
      for (const isDryRun of [false, true]) {
        const { ctx, lines, done } = run(
          { entityRef: 'component:default/fraud-d' },
          { user: GUEST, isDryRun },
        );
        await expect(done).rejects.toThrow(NotAllowedError);
        await expect(done).rejects.toThrow(
          'You are not allowed to delete the endpoint of component:default/fraud-d (permission sagemaker.scaling.update)',
        );
        expect(ctx.output).not.toHaveBeenCalled();
        expect(lines().join('\n')).not.toMatch(/scal|model|config/i);
      }
      expect(await existing(fraud)).toEqual(ACK_KINDS.map(k => k.kind));
    });

    it("refuses the guest's own entity when its annotations name fraud-detection's endpoint", async () => {
      const { done } = run(
        { entityRef: 'component:default/guest-claim' },
        { user: GUEST },
      );
      await expect(done).rejects.toThrow(NotAllowedError);
      await expect(done).rejects.toThrow(
        /Refusing to delete the endpoint of component:default\/guest-claim: ScalingPolicy fraud-d-scaling-policy is bound to component:default\/fraud-d; .*only that entity may change them/,
      );
      expect(await existing(fraud)).toEqual(ACK_KINDS.map(k => k.kind));
    });
  });

  it('refuses unbound resources (made with kubectl): an owner must adopt them first', async () => {
    const m = ownedManifests('gone-u');
    for (const object of scaledEndpointManifestList(m)) {
      delete object.metadata.annotations![ANNOTATION_BOUND_ENTITY];
    }
    await existingService(m);
    const { done } = run({ entityRef: 'component:default/gone-u' });
    await expect(done).rejects.toThrow(
      /carry no sagemaker-scaling.backstage.io\/entity-ref annotation; an owner of component:default\/gone-u must adopt them first \(Adopt on the entity's Scaling tab, or POST \/api\/sagemaker-scaling\/v1\/entities\/component\/default\/gone-u\/adopt\)/,
    );
    expect(await existing(m)).toEqual(ACK_KINDS.map(k => k.kind));
  });

  it('refuses tasks without a user, unknown entities, bad refs and entities without an endpoint', async () => {
    const { ctx } = taskContext({ entityRef: 'component:default/gone-c' });
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.service('plugin:catalog') as any;
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /sagemaker:endpoint:delete acts only for a signed-in user: this task was started with service credentials/,
    );
    await expect(
      run({ entityRef: 'component:default/nobody' }).done,
    ).rejects.toThrow(NotFoundError);
    await expect(run({ entityRef: 'Not A Ref:' }).done).rejects.toThrow(
      /entityRef "Not A Ref:" must be an entity ref such as component:default\/churn-prediction/,
    );
    await expect(
      run({ entityRef: 'component:default/no-endpoint' }).done,
    ).rejects.toThrow(
      'component:default/no-endpoint has no sagemaker.services.k8s.aws/endpoint-name annotation',
    );
  });
});

/**
 * The attacks a signed-in guest made on another team's endpoint through
 * `sagemaker:endpoint:apply`, and the owners' own applies, against the sandbox cluster with
 * the real action. The catalog, user info and permission policy behave as in the demo:
 * `sagemaker.scaling.update` only for an entity's owners.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  ANNOTATION_BOUND_ENTITY,
  ANNOTATION_SERVICE_OWNER,
  scaledEndpointManifestList,
  type AnyAckResource,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import {
  FRAUD_OWNER,
  FRAUD_TEAM,
  GUEST,
  GUESTS,
  ML_PLATFORM,
  MOCK_USER,
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
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';

const FRAUD = 'fraud-detection';

describe('sagemaker:endpoint:apply authorizes against the bound entity', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;
  let action: ReturnType<typeof createApplyScaledEndpointAction>;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    client = await sandboxClient(sandbox);
    action = createApplyScaledEndpointAction({
      ...ownerOnlyServices([
        serviceEntity(FRAUD, FRAUD_TEAM),
        serviceEntity('churn-own', ML_PLATFORM),
        serviceEntity('churn-unbound', ML_PLATFORM),
      ]),
      config: sandboxConfig(sandbox),
      pollIntervalMs: 20,
    });
    // fraud-detection's team applies its service (the entity is in the catalog)
    await run(ownedManifests(FRAUD, { maxCapacity: 2 }, FRAUD_TEAM), {
      user: FRAUD_OWNER,
    }).done;
  });
  afterAll(() => sandbox.stop());

  function run(
    manifests: ScaledEndpointManifests | AnyAckResource[],
    options: { user?: string; isDryRun?: boolean } = {},
  ) {
    const { ctx, lines } = taskContext({ manifests, wait: false }, options);
    return { ctx, lines, done: action.handler(ctx as any) };
  }

  async function live(m: ScaledEndpointManifests) {
    return Promise.all(
      scaledEndpointManifestList(m).map(o =>
        client.get(o.kind, 'ml-serving', o.metadata.name),
      ),
    );
  }

  async function fraudTarget() {
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

  it("refuses a guest's step that raises fraud-detection's maxCapacity; its dry run reveals nothing", async () => {
    const before = await fraudTarget();
    expect(before.maxCapacity).toBe(2);
    // what the render step of the guest's template makes for fraud-detection
    const raised = ownedManifests(FRAUD, { maxCapacity: 40 }, GUESTS);
    for (const isDryRun of [true, false]) {
      const { ctx, lines, done } = run(raised, { user: GUEST, isDryRun });
      await expect(done).rejects.toThrow(NotAllowedError);
      await expect(done).rejects.toThrow(
        'You are not allowed to apply the endpoint resources of component:default/fraud-detection (permission sagemaker.scaling.update)',
      );
      expect(ctx.output).not.toHaveBeenCalled();
      // not a resource name, a change or a status in the log
      expect(lines()).toEqual([]);
    }
    expect(await fraudTarget()).toEqual(before);
  });

  it("refuses the guest's own new service when its resources are fraud-detection's", async () => {
    const before = await fraudTarget();
    // bound to the guest's (not yet catalogued) service, owned by the guest's group, but
    // with fraud-detection's resource names
    const claim = ownedManifests(
      'guest-svc',
      {
        endpointName: FRAUD,
        endpointConfigName: `${FRAUD}-config`,
        modelName: `${FRAUD}-model`,
        scalableTargetName: `${FRAUD}-scalable-target`,
        scalingPolicyName: `${FRAUD}-scaling-policy`,
        maxCapacity: 40,
      },
      GUESTS,
    );
    for (const isDryRun of [true, false]) {
      const { ctx, lines, done } = run(claim, { user: GUEST, isDryRun });
      await expect(done).rejects.toThrow(NotAllowedError);
      await expect(done).rejects.toThrow(
        /^Refusing to apply the manifests: Model fraud-detection-model is bound to component:default\/fraud-detection; .* not to component:default\/guest-svc/,
      );
      expect(ctx.output).not.toHaveBeenCalled();
      expect(lines().join('\n')).not.toMatch(/would be|maxCapacity/);
    }
    expect(await fraudTarget()).toEqual(before);
  });

  it('refuses hand-written manifests without the bound entity, or with disagreeing ones', async () => {
    const unbound = scaledEndpointManifestList(
      ownedManifests(FRAUD, { maxCapacity: 40 }, GUESTS),
    );
    delete unbound[3].metadata.annotations![ANNOTATION_BOUND_ENTITY];
    const missing = run(unbound, { user: GUEST });
    await expect(missing.done).rejects.toThrow(InputError);
    await expect(missing.done).rejects.toThrow(
      /^metadata.annotations\["sagemaker-scaling.backstage.io\/entity-ref"\] is required on every object .*; missing on ScalableTarget fraud-detection-scalable-target$/,
    );

    const mixed = scaledEndpointManifestList(
      ownedManifests(FRAUD, { maxCapacity: 40 }, GUESTS),
    );
    mixed[3].metadata.annotations![ANNOTATION_BOUND_ENTITY] =
      'component:default/guest-svc';
    await expect(run(mixed, { user: GUEST }).done).rejects.toThrow(
      'metadata.annotations["sagemaker-scaling.backstage.io/entity-ref"] must be the same on all objects, got component:default/fraud-detection, component:default/guest-svc',
    );
    expect((await fraudTarget()).maxCapacity).toBe(2);
  });

  it('refuses a new service owned by a team the initiator is not in', async () => {
    const theirs = ownedManifests('guest-new', {}, FRAUD_TEAM);
    const { done } = run(theirs, { user: GUEST, isDryRun: true });
    await expect(done).rejects.toThrow(
      /^component:default\/guest-new is not in the catalog, so the initiator must own the entity the resources will be bound to: the manifests name group:default\/fraud-team as owner .*, which is neither user:default\/guest nor one of their groups \(user:default\/guest, group:default\/guests\)$/,
    );
    expect(await live(theirs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuses a task without a signed-in user', async () => {
    const { ctx } = taskContext({ manifests: ownedManifests('churn-own') });
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.service('plugin:catalog') as any;
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /^sagemaker:endpoint:apply acts only for a signed-in user: this task was started with service credentials/,
    );
  });

  it("an owner's create of a new service works and binds all five resources to it", async () => {
    const fresh = ownedManifests('churn-new');
    const { ctx, done } = run(fresh, { user: MOCK_USER });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('endpointName', 'churn-new');
    for (const object of await live(fresh)) {
      expect(object?.metadata.annotations).toEqual(
        expect.objectContaining({
          [ANNOTATION_BOUND_ENTITY]: 'component:default/churn-new',
          [ANNOTATION_SERVICE_OWNER]: ML_PLATFORM,
        }),
      );
    }
    // a re-run before the catalog lists the service (e.g. a retried task) still works
    await run(fresh, { user: MOCK_USER }).done;
  });

  it("an owner's update of their own catalogued service works", async () => {
    await run(ownedManifests('churn-own', { maxCapacity: 3 })).done;
    const { lines, done } = run(
      ownedManifests('churn-own', { maxCapacity: 5 }),
    );
    await done;
    expect(lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ScalableTarget churn-own-scalable-target: updated/,
        ),
      ]),
    );
    const target = await client.get(
      'ScalableTarget',
      'ml-serving',
      'churn-own-scalable-target',
    );
    expect((target?.spec as { maxCapacity?: number }).maxCapacity).toBe(5);
  });

  it('refuses to change unbound resources (made with kubectl): an owner must adopt them first', async () => {
    const m = ownedManifests('churn-unbound');
    for (const object of scaledEndpointManifestList(m)) {
      const { [ANNOTATION_BOUND_ENTITY]: _bound, ...rest } =
        object.metadata.annotations!;
      await client.apply({
        ...object,
        metadata: { ...object.metadata, annotations: rest },
      });
    }
    const { done } = run(ownedManifests('churn-unbound', { maxCapacity: 5 }));
    await expect(done).rejects.toThrow(
      /carry no sagemaker-scaling.backstage.io\/entity-ref annotation; an owner of component:default\/churn-unbound must adopt them first \(Adopt on the entity's Scaling tab, or POST \/api\/sagemaker-scaling\/v1\/entities\/component\/default\/churn-unbound\/adopt\)/,
    );
    const target = await client.get(
      'ScalableTarget',
      'ml-serving',
      'churn-unbound-scalable-target',
    );
    expect((target?.spec as { maxCapacity?: number }).maxCapacity).toBe(3);
  });
});

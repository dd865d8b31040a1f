import {
  adminState,
  condition,
  createAll,
  getObject,
  scaledEndpoint,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

describe('simulated ACK controllers', () => {
  let sandbox: SandboxCluster;

  beforeEach(async () => {
    sandbox = await startTestSandbox({
      endpointCreateSeconds: 120,
      endpointUpdateSeconds: 60,
      // What SageMaker itself holds is read through the admin API's /state.
      adminPort: 0,
    });
  });

  afterEach(async () => {
    await sandbox.stop();
  });

  /** The AWS-side endpoint as the admin API reports it. */
  const awsEndpoint = async (name: string) =>
    (await adminState(sandbox)).endpoints.find(e => e.name === name);

  const update = (kind: string, name: string, change: (o: any) => void) => {
    const o = structuredClone(getObject(sandbox, kind, name));
    change(o);
    sandbox.api.update(sandbox.api.resourceForKind(kind), 'default', name, o, {
      fieldManager: 'test',
    });
    sandbox.settle();
  };

  it('takes an endpoint from Creating to InService with ARNs, conditions and variant counts', () => {
    createAll(sandbox, scaledEndpoint('churn'));
    const model = getObject(sandbox, 'Model', 'churn-model');
    expect(model.status.ackResourceMetadata).toEqual({
      arn: 'arn:aws:sagemaker:us-east-1:111122223333:model/churn-model',
      ownerAccountID: '111122223333',
      region: 'us-east-1',
    });
    expect(model.metadata.finalizers).toEqual([
      'finalizers.sagemaker.services.k8s.aws/Model',
    ]);
    expect(condition(model, 'ACK.ResourceSynced')).toMatchObject({
      status: 'True',
      message: 'Resource synced successfully',
    });
    expect(condition(model, 'Ready')).toMatchObject({ status: 'True' });

    let endpoint = getObject(sandbox, 'Endpoint', 'churn');
    expect(endpoint.status.endpointStatus).toBe('Creating');
    expect(condition(endpoint, 'ACK.ResourceSynced')).toMatchObject({
      status: 'False',
      message: 'Endpoint is in Creating status.',
    });
    expect(condition(endpoint, 'Ready')).toMatchObject({ status: 'False' });

    sandbox.advance(119_000);
    expect(getObject(sandbox, 'Endpoint', 'churn').status.endpointStatus).toBe(
      'Creating',
    );
    sandbox.advance(2_000);
    endpoint = getObject(sandbox, 'Endpoint', 'churn');
    expect(endpoint.status).toMatchObject({
      endpointStatus: 'InService',
      ackResourceMetadata: {
        arn: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/churn',
      },
      productionVariants: [
        {
          variantName: 'AllTraffic',
          currentInstanceCount: 1,
          desiredInstanceCount: 1,
          currentWeight: 1,
          desiredWeight: 1,
        },
      ],
    });
    expect(condition(endpoint, 'ACK.ResourceSynced')).toMatchObject({
      status: 'True',
    });
    expect(condition(endpoint, 'Ready')).toMatchObject({ status: 'True' });

    const policy = getObject(sandbox, 'ScalingPolicy', 'churn-scaling-policy');
    expect(policy.status.ackResourceMetadata.arn).toMatch(
      /^arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:[0-9a-f-]+:resource\/sagemaker\/endpoint\/churn\/variant\/AllTraffic:policyName\/churn-scaling-policy$/,
    );
    expect(policy.status.alarms.map((a: any) => a.alarmName)).toEqual([
      expect.stringMatching(
        /^TargetTracking-endpoint\/churn\/variant\/AllTraffic-AlarmHigh-[0-9a-f-]{36}$/,
      ),
      expect.stringMatching(
        /^TargetTracking-endpoint\/churn\/variant\/AllTraffic-AlarmLow-[0-9a-f-]{36}$/,
      ),
    ]);
    const target = getObject(
      sandbox,
      'ScalableTarget',
      'churn-scalable-target',
    );
    expect(target.status.ackResourceMetadata.arn).toMatch(
      /^arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target\//,
    );
  });

  it('keeps an endpoint that names a missing config Recoverable until the config exists', () => {
    const [model, config, endpoint] = scaledEndpoint('late', {
      withScaling: false,
    });
    createAll(sandbox, [model, endpoint]);
    let ep = getObject(sandbox, 'Endpoint', 'late');
    expect(condition(ep, 'ACK.Recoverable')).toMatchObject({
      status: 'True',
      message: expect.stringContaining('Could not find endpoint configuration'),
    });
    expect(condition(ep, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ACK.Recoverable',
    });
    createAll(sandbox, [config]);
    ep = getObject(sandbox, 'Endpoint', 'late');
    expect(condition(ep, 'ACK.Recoverable')).toBeUndefined();
    expect(ep.status.endpointStatus).toBe('Creating');
  });

  it('makes a Model spec change Terminal, and reverting it clears that', () => {
    createAll(sandbox, scaledEndpoint('imm', { withScaling: false }));
    const image = getObject(sandbox, 'Model', 'imm-model').spec.primaryContainer
      .image;
    update('Model', 'imm-model', o => {
      o.spec.primaryContainer.image = 'example.com/other:2';
    });
    const model = getObject(sandbox, 'Model', 'imm-model');
    expect(condition(model, 'ACK.Terminal')).toMatchObject({
      status: 'True',
      message: expect.stringContaining('cannot be updated'),
    });
    expect(condition(model, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ACK.Terminal',
    });
    update('EndpointConfig', 'imm-config', o => {
      o.spec.productionVariants[0].initialInstanceCount = 2;
    });
    expect(
      condition(
        getObject(sandbox, 'EndpointConfig', 'imm-config'),
        'ACK.Terminal',
      ),
    ).toMatchObject({ status: 'True' });
    update('Model', 'imm-model', o => {
      o.spec.primaryContainer.image = image;
    });
    expect(
      condition(getObject(sandbox, 'Model', 'imm-model'), 'ACK.Terminal'),
    ).toBeUndefined();
  });

  it('fails an endpoint whose image does not exist, with a failure reason and ACK.Terminal', () => {
    createAll(
      sandbox,
      scaledEndpoint('broken', {
        image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/does-not-exist:1',
        withScaling: false,
      }),
    );
    sandbox.advance(121_000);
    const ep = getObject(sandbox, 'Endpoint', 'broken');
    expect(ep.status.endpointStatus).toBe('Failed');
    expect(ep.status.failureReason).toContain('does-not-exist');
    expect(condition(ep, 'ACK.Terminal')).toMatchObject({
      status: 'True',
      message:
        'Endpoint status reached terminal state: Failed. Check the FailureReason.',
    });
  });

  it('updates to a new config through Updating, keeping autoscaled counts', async () => {
    createAll(sandbox, scaledEndpoint('upd'));
    sandbox.advance(121_000);
    // Application Auto Scaling moves the count to a raised minimum.
    update('ScalableTarget', 'upd-scalable-target', o => {
      o.spec.minCapacity = 3;
    });
    sandbox.advance(300_000);
    expect(
      getObject(sandbox, 'Endpoint', 'upd').status.productionVariants[0]
        .currentInstanceCount,
    ).toBe(3);

    const config = structuredClone(
      getObject(sandbox, 'EndpointConfig', 'upd-config'),
    );
    createAll(sandbox, [
      {
        apiVersion: config.apiVersion,
        kind: 'EndpointConfig',
        metadata: { name: 'upd-config-v2' },
        spec: { ...config.spec, endpointConfigName: 'upd-config-v2' },
      },
    ]);
    update('Endpoint', 'upd', o => {
      o.spec.endpointConfigName = 'upd-config-v2';
    });
    expect(getObject(sandbox, 'Endpoint', 'upd').status.endpointStatus).toBe(
      'Updating',
    );
    sandbox.advance(61_000);
    const ep = getObject(sandbox, 'Endpoint', 'upd');
    expect(ep.status.endpointStatus).toBe('InService');
    expect(ep.status.productionVariants[0]).toMatchObject({
      currentInstanceCount: 3,
      desiredInstanceCount: 3,
    });
    expect((await awsEndpoint('upd'))?.endpointConfigName).toBe(
      'upd-config-v2',
    );
  });

  it('refuses an instance type change of an autoscaled variant, as SageMaker does', () => {
    createAll(sandbox, scaledEndpoint('itype'));
    sandbox.advance(121_000);
    createAll(sandbox, [
      {
        apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
        kind: 'EndpointConfig',
        metadata: { name: 'itype-config-xl' },
        spec: {
          endpointConfigName: 'itype-config-xl',
          productionVariants: [
            {
              modelName: 'itype-model',
              variantName: 'AllTraffic',
              instanceType: 'ml.m5.xlarge',
              initialInstanceCount: 1,
            },
          ],
        },
      },
    ]);
    update('Endpoint', 'itype', o => {
      o.spec.endpointConfigName = 'itype-config-xl';
    });
    const ep = getObject(sandbox, 'Endpoint', 'itype');
    expect(ep.status.endpointStatus).toBe('InService');
    expect(condition(ep, 'ACK.Recoverable')).toMatchObject({
      status: 'True',
      message: expect.stringContaining(
        'updating the instance type from ml.m5.large to ml.m5.xlarge is not supported',
      ),
    });
  });

  it('makes invalid scaling input Terminal and a policy without its target Recoverable', () => {
    const [, , , target, policy] = scaledEndpoint('aas');
    createAll(sandbox, [policy]);
    expect(
      condition(
        getObject(sandbox, 'ScalingPolicy', 'aas-scaling-policy'),
        'ACK.Recoverable',
      ),
    ).toMatchObject({
      status: 'True',
      message: expect.stringContaining(
        'ObjectNotFoundException: No scalable target registered',
      ),
    });
    createAll(sandbox, [
      { ...target, spec: { ...target.spec, minCapacity: 5, maxCapacity: 2 } },
    ]);
    expect(
      condition(
        getObject(sandbox, 'ScalableTarget', 'aas-scalable-target'),
        'ACK.Terminal',
      ),
    ).toMatchObject({
      status: 'True',
      message:
        'ValidationException: Minimum capacity (5) cannot be greater than maximum capacity (2)',
    });
    update('ScalableTarget', 'aas-scalable-target', o => {
      o.spec.minCapacity = 1;
    });
    expect(
      condition(
        getObject(sandbox, 'ScalableTarget', 'aas-scalable-target'),
        'ACK.Terminal',
      ),
    ).toBeUndefined();
    const fixed = getObject(sandbox, 'ScalingPolicy', 'aas-scaling-policy');
    expect(condition(fixed, 'ACK.Recoverable')).toBeUndefined();
    expect(condition(fixed, 'Ready')).toMatchObject({ status: 'True' });
    expect(fixed.status.alarms).toHaveLength(2);
  });

  it('lets a refused instance type change through once the scalable target is deregistered', async () => {
    createAll(sandbox, scaledEndpoint('later'));
    sandbox.advance(121_000);
    createAll(sandbox, [
      {
        apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
        kind: 'EndpointConfig',
        metadata: { name: 'later-config-xl' },
        spec: {
          endpointConfigName: 'later-config-xl',
          productionVariants: [
            {
              modelName: 'later-model',
              variantName: 'AllTraffic',
              instanceType: 'ml.m5.xlarge',
              initialInstanceCount: 1,
            },
          ],
        },
      },
    ]);
    update('Endpoint', 'later', o => {
      o.spec.endpointConfigName = 'later-config-xl';
    });
    expect(
      condition(getObject(sandbox, 'Endpoint', 'later'), 'ACK.Recoverable'),
    ).toBeDefined();
    for (const [kind, name] of [
      ['ScalingPolicy', 'later-scaling-policy'],
      ['ScalableTarget', 'later-scalable-target'],
    ]) {
      sandbox.api.delete(sandbox.api.resourceForKind(kind), 'default', name);
    }
    sandbox.advance(10_000);
    expect(getObject(sandbox, 'Endpoint', 'later').status.endpointStatus).toBe(
      'Updating',
    );
    sandbox.advance(61_000);
    const ep = getObject(sandbox, 'Endpoint', 'later');
    expect(ep.status.endpointStatus).toBe('InService');
    expect(condition(ep, 'ACK.Recoverable')).toBeUndefined();
    expect((await awsEndpoint('later'))?.variants[0].instanceType).toBe(
      'ml.m5.xlarge',
    );
  });

  it('removes finalizers only after the AWS side is gone', async () => {
    createAll(sandbox, scaledEndpoint('gone'));
    sandbox.advance(121_000);
    const def = sandbox.api.resourceForKind('Endpoint');
    sandbox.api.delete(def, 'default', 'gone');
    sandbox.settle();
    expect(getObject(sandbox, 'Endpoint', 'gone').status.endpointStatus).toBe(
      'Deleting',
    );
    sandbox.advance(6_000);
    expect(getObject(sandbox, 'Endpoint', 'gone')).toBeUndefined();
    expect(await awsEndpoint('gone')).toBeUndefined();
  });
});

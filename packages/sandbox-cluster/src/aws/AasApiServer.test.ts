import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  ObjectNotFoundException,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  ValidationException,
} from '@aws-sdk/client-application-auto-scaling';
import {
  createAll,
  getObject,
  scaledEndpoint,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const KEY = {
  ServiceNamespace: 'sagemaker' as const,
  ResourceId: 'endpoint/sdk/variant/AllTraffic',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' as const,
};

describe('Application Auto Scaling API through the AWS SDK', () => {
  let sandbox: SandboxCluster;
  let client: ApplicationAutoScalingClient;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
    client = new ApplicationAutoScalingClient({
      endpoint: sandbox.aasUrl,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIDSANDBOX',
        secretAccessKey: 'sandbox-secret',
      },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await sandbox.stop();
  });

  it('registers, describes and deregisters a scalable target', async () => {
    const registered = await client.send(
      new RegisterScalableTargetCommand({
        ...KEY,
        MinCapacity: 1,
        MaxCapacity: 4,
      }),
    );
    expect(registered.ScalableTargetARN).toMatch(
      /^arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target\//,
    );
    const described = await client.send(
      new DescribeScalableTargetsCommand({
        ServiceNamespace: 'sagemaker',
        ResourceIds: [KEY.ResourceId],
      }),
    );
    expect(described.ScalableTargets).toEqual([
      expect.objectContaining({
        ...KEY,
        MinCapacity: 1,
        MaxCapacity: 4,
        CreationTime: expect.any(Date),
      }),
    ]);
    // Updating only the maximum keeps the minimum.
    await client.send(
      new RegisterScalableTargetCommand({ ...KEY, MaxCapacity: 6 }),
    );
    const updated = await client.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }),
    );
    expect(updated.ScalableTargets?.[0]).toMatchObject({
      MinCapacity: 1,
      MaxCapacity: 6,
    });

    await client.send(new DeregisterScalableTargetCommand(KEY));
    await expect(
      client.send(new DeregisterScalableTargetCommand(KEY)),
    ).rejects.toBeInstanceOf(ObjectNotFoundException);
  });

  it('answers invalid input with ValidationException naming the problem', async () => {
    const noMax = client.send(
      new RegisterScalableTargetCommand({ ...KEY, MinCapacity: 1 }),
    );
    await expect(noMax).rejects.toBeInstanceOf(ValidationException);
    await expect(noMax).rejects.toThrow(
      'MinCapacity and MaxCapacity are required',
    );
    await expect(
      client.send(
        new RegisterScalableTargetCommand({
          ...KEY,
          MinCapacity: 5,
          MaxCapacity: 2,
        }),
      ),
    ).rejects.toThrow(
      'Minimum capacity (5) cannot be greater than maximum capacity (2)',
    );
    await expect(
      client.send(
        new RegisterScalableTargetCommand({
          ...KEY,
          ResourceId: 'endpoint/x',
          MinCapacity: 1,
          MaxCapacity: 2,
        }),
      ),
    ).rejects.toThrow("Unsupported resource ID 'endpoint/x'");
  });

  it('puts, describes (with alarms) and deletes a target-tracking policy', async () => {
    const missingTarget = client.send(
      new PutScalingPolicyCommand({
        ...KEY,
        PolicyName: 'p1',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 60,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
          },
        },
      }),
    );
    await expect(missingTarget).rejects.toBeInstanceOf(ObjectNotFoundException);
    await expect(missingTarget).rejects.toThrow(
      'No scalable target registered for service namespace: sagemaker',
    );

    await client.send(
      new RegisterScalableTargetCommand({
        ...KEY,
        MinCapacity: 1,
        MaxCapacity: 4,
      }),
    );
    const put = await client.send(
      new PutScalingPolicyCommand({
        ...KEY,
        PolicyName: 'p1',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 60,
          ScaleInCooldown: 700,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
          },
        },
      }),
    );
    expect(put.Alarms?.map(a => a.AlarmName)).toEqual([
      expect.stringMatching(
        /^TargetTracking-endpoint\/sdk\/variant\/AllTraffic-AlarmHigh-/,
      ),
      expect.stringMatching(
        /^TargetTracking-endpoint\/sdk\/variant\/AllTraffic-AlarmLow-/,
      ),
    ]);
    const described = await client.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: KEY.ResourceId,
      }),
    );
    expect(described.ScalingPolicies?.[0]).toMatchObject({
      PolicyName: 'p1',
      PolicyARN: put.PolicyARN,
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 60,
        ScaleInCooldown: 700,
        ScaleOutCooldown: 300,
        DisableScaleIn: false,
      },
      Alarms: put.Alarms,
    });
    // A ResourceId or ScalableDimension the policy is not of matches nothing.
    for (const filter of [
      { ResourceId: 'endpoint/other/variant/AllTraffic' },
      { ScalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency' },
    ] as const) {
      const none = await client.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'sagemaker',
          ...filter,
        }),
      );
      expect(none.ScalingPolicies).toEqual([]);
    }
    await expect(
      client.send(
        new PutScalingPolicyCommand({
          ...KEY,
          PolicyName: 'p2',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 60,
            PredefinedMetricSpecification: {
              PredefinedMetricType:
                'SageMakerVariantProvisionedConcurrencyUtilization',
            },
          },
        }),
      ),
    ).rejects.toThrow(
      "cannot be used with scalable dimension 'sagemaker:variant:DesiredInstanceCount'",
    );

    await client.send(
      new DeleteScalingPolicyCommand({ ...KEY, PolicyName: 'p1' }),
    );
    await expect(
      client.send(new DeleteScalingPolicyCommand({ ...KEY, PolicyName: 'p1' })),
    ).rejects.toBeInstanceOf(ObjectNotFoundException);
  });

  it('describes the ACK resources reconciled into it and pages through activities', async () => {
    createAll(sandbox, scaledEndpoint('sdk'));
    sandbox.advance(61_000);
    const targets = await client.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }),
    );
    expect(targets.ScalableTargets?.map(t => t.ResourceId)).toEqual([
      KEY.ResourceId,
    ]);
    expect(
      getObject(sandbox, 'ScalableTarget', 'sdk-scalable-target').status
        .ackResourceMetadata.arn,
    ).toBe(targets.ScalableTargets?.[0].ScalableTargetARN);
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'default',
      'sdk-scalable-target',
      'merge',
      { spec: { maxCapacity: 10 } },
      { fieldManager: 'test' },
    );
    // Growing traffic: 150/min scales 1 -> 3, then 400/min scales 3 -> 7.
    sandbox.traffic.set('default', 'sdk', { pattern: 'steady', base: 150 });
    sandbox.advance(15 * 60_000);
    sandbox.traffic.set('default', 'sdk', { pattern: 'steady', base: 400 });
    sandbox.advance(20 * 60_000);
    const first = await client.send(
      new DescribeScalingActivitiesCommand({ ...KEY, MaxResults: 1 }),
    );
    expect(first.ScalingActivities).toHaveLength(1);
    expect(first.NextToken).toBeDefined();
    const second = await client.send(
      new DescribeScalingActivitiesCommand({
        ...KEY,
        MaxResults: 1,
        NextToken: first.NextToken,
      }),
    );
    expect(first.ScalingActivities?.[0].Description).toBe(
      'Setting desired instance count to 7.',
    );
    expect(second.ScalingActivities?.[0]).toMatchObject({
      Description: 'Setting desired instance count to 3.',
      Cause: expect.stringMatching(
        /^monitor alarm TargetTracking-endpoint\/sdk\/variant\/AllTraffic-AlarmHigh-[0-9a-f-]+ in state ALARM triggered policy sdk-scaling-policy$/,
      ),
      StatusCode: 'Successful',
      StartTime: expect.any(Date),
      EndTime: expect.any(Date),
    });
    const otherEndpoint = await client.send(
      new DescribeScalingActivitiesCommand({
        ...KEY,
        ResourceId: 'endpoint/other/variant/AllTraffic',
      }),
    );
    expect(otherEndpoint.ScalingActivities).toEqual([]);
  });
});

import type { ScalingActivity } from '@aws-sdk/client-application-auto-scaling';
import {
  createAll,
  getObject,
  scaledEndpoint,
  scalingActivities,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const MINUTE = 60_000;
const notScaled = (activities: ScalingActivity[]) =>
  activities.filter(a => a.NotScaledReasons);

describe('not-scaled activities, read through the real AAS SDK client', () => {
  let sandbox: SandboxCluster;

  afterEach(async () => {
    await sandbox.stop();
  });

  it('records once why an alarm in ALARM did not scale at the maximum, and at the minimum', async () => {
    sandbox = await startTestSandbox({ endpointCreateSeconds: 60 });
    // min 1, max 3, target 60 invocations per instance per minute.
    createAll(sandbox, scaledEndpoint('capped'));
    sandbox.advance(2 * MINUTE);
    sandbox.traffic.set('default', 'capped', { pattern: 'steady', base: 1000 });
    sandbox.advance(30 * MINUTE);
    expect(
      getObject(sandbox, 'Endpoint', 'capped').status.productionVariants[0]
        .desiredInstanceCount,
    ).toBe(3);

    const all = await scalingActivities(sandbox, { includeNotScaled: true });
    // 25 minutes at the maximum with AlarmHigh in ALARM: one activity, not one a minute.
    expect(notScaled(all)).toEqual([
      {
        ActivityId: expect.any(String),
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/capped/variant/AllTraffic',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        Description: 'Attempting to scale due to alarm triggered',
        Cause: expect.stringMatching(
          /^monitor alarm TargetTracking-endpoint\/capped\/variant\/AllTraffic-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy capped-scaling-policy$/,
        ),
        StartTime: expect.any(Date),
        EndTime: expect.any(Date),
        StatusCode: 'Failed',
        NotScaledReasons: [
          {
            Code: 'AlreadyAtMaxCapacity',
            MaxCapacity: 3,
            MinCapacity: 1,
            CurrentCapacity: 3,
          },
        ],
      },
    ]);
    // Without the flag AWS leaves them out: only the scale-out is there.
    const scaled = await scalingActivities(sandbox);
    expect(scaled.map(a => a.Description)).toEqual([
      'Setting desired instance count to 3.',
    ]);

    // No traffic: it scales in to the minimum, then says why it goes no lower.
    sandbox.traffic.set('default', 'capped', { pattern: 'steady', base: 0 });
    sandbox.advance(60 * MINUTE);
    const reasons = notScaled(
      await scalingActivities(sandbox, { includeNotScaled: true }),
    ).map(a => a.NotScaledReasons![0]);
    expect(reasons).toEqual([
      {
        Code: 'AlreadyAtMinCapacity',
        MaxCapacity: 3,
        MinCapacity: 1,
        CurrentCapacity: 1,
      },
      expect.objectContaining({ Code: 'AlreadyAtMaxCapacity' }),
    ]);
    expect(
      getObject(sandbox, 'Endpoint', 'capped').status.productionVariants[0]
        .desiredInstanceCount,
    ).toBe(1);
  });

  it('says AutoScalingAnticipatedFlapping when one instance less would push the metric above target', async () => {
    sandbox = await startTestSandbox({ endpointCreateSeconds: 60 });
    createAll(sandbox, scaledEndpoint('flap'));
    sandbox.advance(2 * MINUTE);
    // 100 a minute on one instance scales out to 2; then 50 each is more than 10 %
    // below target 60, but on one instance it would be 100.
    sandbox.traffic.set('default', 'flap', { pattern: 'steady', base: 100 });
    sandbox.advance(30 * MINUTE);
    const activities = await scalingActivities(sandbox, {
      includeNotScaled: true,
    });
    expect(activities.map(a => a.Description)).toEqual([
      'Attempting to scale due to alarm triggered',
      'Attempting to scale due to alarm triggered',
      'Setting desired instance count to 2.',
    ]);
    // While the second instance is provisioned, the one serving still sees 100: the
    // capacity already asked for covers it.
    expect(activities[1]).toMatchObject({
      Cause: expect.stringContaining('-AlarmHigh-'),
      NotScaledReasons: [
        {
          Code: 'AlreadyAtDesiredCapacity',
          MaxCapacity: 3,
          MinCapacity: 1,
          CurrentCapacity: 2,
        },
      ],
    });
    expect(activities[0]).toMatchObject({
      Cause: expect.stringContaining('-AlarmLow-'),
      NotScaledReasons: [
        {
          Code: 'AutoScalingAnticipatedFlapping',
          MaxCapacity: 3,
          MinCapacity: 1,
          CurrentCapacity: 2,
        },
      ],
    });
  });

  it('says TargetServicePutResourceAsUnscalable while SageMaker rolls out a new endpoint config, and scales after', async () => {
    sandbox = await startTestSandbox({
      endpointCreateSeconds: 60,
      endpointUpdateSeconds: 600,
    });
    createAll(sandbox, scaledEndpoint('rolling'));
    sandbox.advance(2 * MINUTE);
    const config = structuredClone(
      getObject(sandbox, 'EndpointConfig', 'rolling-config'),
    );
    createAll(sandbox, [
      {
        apiVersion: config.apiVersion,
        kind: 'EndpointConfig',
        metadata: { name: 'rolling-config-v2' },
        spec: { ...config.spec, endpointConfigName: 'rolling-config-v2' },
      },
    ]);
    const endpoint = structuredClone(getObject(sandbox, 'Endpoint', 'rolling'));
    endpoint.spec.endpointConfigName = 'rolling-config-v2';
    sandbox.api.update(
      sandbox.api.resourceForKind('Endpoint'),
      'default',
      'rolling',
      endpoint,
      { fieldManager: 'test' },
    );
    sandbox.traffic.set('default', 'rolling', { pattern: 'steady', base: 150 });
    sandbox.advance(6 * MINUTE);
    expect(
      getObject(sandbox, 'Endpoint', 'rolling').status.endpointStatus,
    ).toBe('Updating');
    const during = await scalingActivities(sandbox, { includeNotScaled: true });
    expect(during).toEqual([
      expect.objectContaining({
        Cause: expect.stringContaining('-AlarmHigh-'),
        NotScaledReasons: [
          {
            Code: 'TargetServicePutResourceAsUnscalable',
            MaxCapacity: 3,
            MinCapacity: 1,
            CurrentCapacity: 1,
          },
        ],
      }),
    ]);

    // Once the new config serves, the alarm still in ALARM scales out.
    sandbox.advance(6 * MINUTE);
    const after = await scalingActivities(sandbox);
    expect(after.map(a => a.Description)).toEqual([
      'Setting desired instance count to 3.',
    ]);
  });

  it('refuses an IncludeNotScaledActivities that is not a boolean, naming the field', async () => {
    sandbox = await startTestSandbox();
    const res = await fetch(sandbox.aasUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AnyScaleFrontendService.DescribeScalingActivities',
      },
      body: JSON.stringify({
        ServiceNamespace: 'sagemaker',
        IncludeNotScaledActivities: 'yes',
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'ValidationException',
      message: expect.stringContaining("'includeNotScaledActivities'"),
    });
  });
});

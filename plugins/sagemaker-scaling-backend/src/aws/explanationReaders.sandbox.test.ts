import {
  ApplicationAutoScalingClient,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import {
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_LOW_THRESHOLD_RATIO,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { CloudWatchAlarmReader } from './CloudWatchAlarmReader';
import { explainVariantScaling } from '../snapshot/explainVariantScaling';
import { ScalingActivityReader } from './ScalingActivityReader';

jest.setTimeout(60_000);

const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
const RESOURCE_ID = 'endpoint/fraud-detection/variant/AllTraffic';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

/**
 * The demo's fraud-detection (at most 2 instances) under a surge far above its target,
 * long enough to reach its maximum and stay above: AAS records AlreadyAtMaxCapacity and
 * the high alarm stays in ALARM.
 */
describe('the explanation readers against the sandbox', () => {
  let sandbox: SandboxCluster;
  let aas: ApplicationAutoScalingClient;
  let cloudWatch: CloudWatchClient;

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      clock: 'manual',
      clockStartMs: Date.now() - 60 * 60_000,
      demo: true,
    });
    sandbox.advance(20 * 60_000);
    sandbox.traffic.set('ml-serving', 'fraud-detection', {
      pattern: 'steady',
      base: 20_000,
    });
    sandbox.advance(40 * 60_000);
    aas = new ApplicationAutoScalingClient({
      endpoint: sandbox.aasUrl,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    cloudWatch = new CloudWatchClient({
      endpoint: sandbox.cloudWatchUrl,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    aas.destroy();
    cloudWatch.destroy();
    await sandbox.stop();
  });

  it('reads the not-scaled activity with its reason code and capacities', async () => {
    const reader = new ScalingActivityReader({ client: aas });
    const activities = await reader.activitiesFor({
      resourceId: RESOURCE_ID,
      scalableDimension: DIMENSION,
    });
    expect(activities).toContainEqual(
      expect.objectContaining({
        resourceId: RESOURCE_ID,
        statusCode: 'Failed',
        notScaledReasons: [
          {
            code: 'AlreadyAtMaxCapacity',
            currentCapacity: 2,
            minCapacity: 1,
            maxCapacity: 2,
          },
        ],
      }),
    );
    // The scale-out that reached the maximum is there too, without reasons.
    expect(
      activities.some(
        a => a.statusCode === 'Successful' && !a.notScaledReasons,
      ),
    ).toBe(true);
  });

  it("reads the policy's alarms: the high one in ALARM with its threshold and the newest datapoints above it", async () => {
    const policies = await aas.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: RESOURCE_ID,
      }),
    );
    const policy = policies.ScalingPolicies![0];
    const names = policy.Alarms!.map(a => a.AlarmName!);
    const target =
      policy.TargetTrackingScalingPolicyConfiguration!.TargetValue!;
    const reading = await new CloudWatchAlarmReader({
      client: cloudWatch,
    }).alarmsFor(names);
    if (!reading.available) throw new Error(reading.reason);
    const high = reading.alarms.find(a => a.alarmName.includes('AlarmHigh'))!;
    const low = reading.alarms.find(a => a.alarmName.includes('AlarmLow'))!;
    expect(high).toMatchObject({
      stateValue: 'ALARM',
      threshold: target,
      comparisonOperator: 'GreaterThanThreshold',
      datapointsToAlarm: TARGET_TRACKING_HIGH_DATAPOINTS,
    });
    expect(high.stateUpdatedAt).toEqual(expect.any(String));
    expect(high.recentValues).toHaveLength(TARGET_TRACKING_LOW_DATAPOINTS);
    expect(high.recentValues.every(p => p.value > target)).toBe(true);
    expect(low).toMatchObject({
      stateValue: 'OK',
      datapointsToAlarm: TARGET_TRACKING_LOW_DATAPOINTS,
    });
    expect(low.threshold).toBeCloseTo(
      target * TARGET_TRACKING_LOW_THRESHOLD_RATIO,
    );
  });

  it('together they explain that the variant stopped at its maximum, and why', async () => {
    const policies = await aas.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: RESOURCE_ID,
      }),
    );
    const policy = policies.ScalingPolicies![0];
    const explanation = explainVariantScaling({
      currentInstanceCount: 2,
      desiredInstanceCount: 2,
      minCapacity: 1,
      maxCapacity: 2,
      targetValue: policy.TargetTrackingScalingPolicyConfiguration!.TargetValue,
      endpointStatus: 'InService',
      activities: await new ScalingActivityReader({
        client: aas,
      }).activitiesFor({
        resourceId: RESOURCE_ID,
        scalableDimension: DIMENSION,
      }),
      alarms: await new CloudWatchAlarmReader({ client: cloudWatch }).alarmsFor(
        policy.Alarms!.map(a => a.AlarmName!),
      ),
      load: [],
      now: new Date(sandbox.clock.now()).toISOString(),
    });
    expect(explanation.state).toBe('at-max');
    expect(explanation.summary).toMatch(
      /^At its maximum of 2 instances; load is [\d.]+× the target — raise the maximum or the target$/,
    );
    expect(explanation.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'AlreadyAtMaxCapacity' }),
        expect.objectContaining({ kind: 'alarm', alarmState: 'ALARM' }),
      ]),
    );
  });

  it('says what it could not see: unknown alarm names and an unreachable CloudWatch', async () => {
    const unknown = await new CloudWatchAlarmReader({
      client: cloudWatch,
    }).alarmsFor(['TargetTracking-nothing-AlarmHigh-0']);
    expect(unknown).toEqual({
      available: false,
      reason:
        'CloudWatch knows none of the alarms TargetTracking-nothing-AlarmHigh-0',
    });
    const offline = new CloudWatchClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    const errors: unknown[] = [];
    const unreachable = await new CloudWatchAlarmReader({
      client: offline,
      onError: e => errors.push(e),
    }).alarmsFor(['a']);
    offline.destroy();
    expect(unreachable.available).toBe(false);
    expect(!unreachable.available && unreachable.reason).toMatch(
      /^CloudWatch alarms could not be read: /,
    );
    expect(errors).toHaveLength(1);
  });
});

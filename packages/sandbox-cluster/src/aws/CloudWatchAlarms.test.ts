import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  InvalidParameterValueException,
} from '@aws-sdk/client-cloudwatch';
import {
  createAll,
  getObject,
  SANDBOX_AWS_CREDENTIALS,
  scaledEndpoint,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const MINUTE = 60_000;

describe('target-tracking alarms through the real CloudWatch SDK client', () => {
  let sandbox: SandboxCluster;
  let client: CloudWatchClient;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ endpointCreateSeconds: 60 });
    client = new CloudWatchClient({
      endpoint: sandbox.cloudWatchUrl,
      region: 'us-east-1',
      credentials: SANDBOX_AWS_CREDENTIALS,
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await sandbox.stop();
  });

  const alarmNames = (policyName: string): string[] =>
    getObject(sandbox, 'ScalingPolicy', policyName).status.alarms.map(
      (a: { alarmName: string }) => a.alarmName,
    );

  it('creates the two alarms of a policy, named in status.alarms, and moves their state with the metric', async () => {
    const createdAt = sandbox.clock.now();
    createAll(sandbox, scaledEndpoint('watched'));
    sandbox.advance(2 * MINUTE);
    const [high, low] = alarmNames('watched-scaling-policy');
    expect(high).toMatch(
      /^TargetTracking-endpoint\/watched\/variant\/AllTraffic-AlarmHigh-[0-9a-f-]{36}$/,
    );
    const policyArn = getObject(
      sandbox,
      'ScalingPolicy',
      'watched-scaling-policy',
    ).status.ackResourceMetadata.arn;

    const created = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: [high, low] }),
    );
    const metric = {
      Namespace: 'AWS/SageMaker',
      MetricName: 'InvocationsPerInstance',
      Dimensions: [
        { Name: 'EndpointName', Value: 'watched' },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      Statistic: 'Sum',
      Period: 60,
    };
    expect(created.MetricAlarms).toEqual([
      expect.objectContaining({
        AlarmName: high,
        AlarmArn: `arn:aws:cloudwatch:us-east-1:111122223333:alarm:${high}`,
        AlarmActions: [policyArn],
        ...metric,
        Threshold: 60,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
      }),
      expect.objectContaining({
        AlarmName: low,
        ...metric,
        Threshold: 54,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 15,
        DatapointsToAlarm: 15,
      }),
    ]);

    // 30 a minute on one instance: within target, so the high alarm is OK; the low one
    // has 15 datapoints only after 15 minutes.
    sandbox.traffic.set('default', 'watched', { pattern: 'steady', base: 30 });
    sandbox.advance(4 * MINUTE);
    const early = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: [high, low] }),
    );
    expect(early.MetricAlarms?.map(a => a.StateValue)).toEqual([
      'OK',
      'INSUFFICIENT_DATA',
    ]);
    expect(early.MetricAlarms?.[0].StateReason).toMatch(
      /^Threshold Crossed: 1 datapoint \[30\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\)\] was not greater than the threshold \(60\.0\)\.$/,
    );

    sandbox.advance(15 * MINUTE);
    const quiet = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: [low] }),
    );
    const lowAlarm = quiet.MetricAlarms![0];
    expect(lowAlarm.StateValue).toBe('ALARM');
    expect(lowAlarm.StateReason).toMatch(
      /^Threshold Crossed: 15 datapoints were less than the threshold \(54\.0\)\./,
    );
    // Stamped when the state changed, on the simulated clock: 15 low datapoints, one per
    // minute boundary passed since the endpoint was created, need 14 minutes at least.
    const changedAt = lowAlarm.StateUpdatedTimestamp!.getTime();
    expect(changedAt).toBeGreaterThanOrEqual(createdAt + 14 * MINUTE);
    expect(changedAt).toBeLessThanOrEqual(sandbox.clock.now());

    // By prefix, as a caller holding only the resource ID finds them.
    const byPrefix = await client.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: 'TargetTracking-endpoint/watched/',
      }),
    );
    expect(byPrefix.MetricAlarms?.map(a => a.AlarmName).sort()).toEqual(
      [high, low].sort(),
    );
    const inAlarm = await client.send(
      new DescribeAlarmsCommand({ StateValue: 'ALARM' }),
    );
    expect(inAlarm.MetricAlarms?.map(a => a.AlarmName)).toEqual([low]);
  });

  it('deletes the alarms with their policy', async () => {
    createAll(sandbox, scaledEndpoint('brief'));
    sandbox.advance(2 * MINUTE);
    const names = alarmNames('brief-scaling-policy');
    sandbox.api.delete(
      sandbox.api.resourceForKind('ScalingPolicy'),
      'default',
      'brief-scaling-policy',
    );
    sandbox.advance(MINUTE);
    expect(
      getObject(sandbox, 'ScalingPolicy', 'brief-scaling-policy'),
    ).toBeUndefined();
    const after = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: names }),
    );
    expect(after.MetricAlarms).toEqual([]);
  });

  it('refuses AlarmNames together with AlarmNamePrefix, saying so', async () => {
    await expect(
      client.send(
        new DescribeAlarmsCommand({
          AlarmNames: ['a'],
          AlarmNamePrefix: 'TargetTracking-',
        }),
      ),
    ).rejects.toThrow(
      new InvalidParameterValueException({
        message: 'AlarmNames and AlarmNamePrefix cannot be used together',
        $metadata: {},
      }),
    );
  });
});

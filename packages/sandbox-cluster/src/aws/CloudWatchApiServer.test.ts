import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricDataCommandInput,
  InvalidParameterValueException,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { startTestSandbox } from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const MINUTE = 60_000;
const credentials = {
  accessKeyId: 'AKIDSANDBOX',
  secretAccessKey: 'sandbox-secret',
};

function loadQuery(
  endpointName: string,
  overrides: { period?: number; stat?: string; metricName?: string } = {},
): GetMetricDataCommandInput['MetricDataQueries'] {
  return [
    {
      Id: 'load',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SageMaker',
          MetricName: overrides.metricName ?? 'InvocationsPerInstance',
          Dimensions: [
            { Name: 'EndpointName', Value: endpointName },
            { Name: 'VariantName', Value: 'AllTraffic' },
          ],
        },
        Period: overrides.period ?? 60,
        Stat: overrides.stat ?? 'Sum',
      },
    },
  ];
}

describe('CloudWatch GetMetricData through the AWS SDK', () => {
  let sandbox: SandboxCluster;
  let client: CloudWatchClient;
  let start: Date;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ demo: true });
    start = new Date(sandbox.clock.now());
    // 30 simulated minutes of the demo's spiky traffic, with scaling along the way.
    sandbox.advance(30 * MINUTE);
    client = new CloudWatchClient({
      endpoint: sandbox.cloudWatchUrl,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.stop();
  });

  const window = () => ({
    StartTime: new Date(start.getTime() - 60 * MINUTE),
    EndTime: new Date(sandbox.clock.now() + MINUTE),
  });

  it('answers per-minute InvocationsPerInstance (Sum, period 60) newest first, as the simulation measured it', async () => {
    const expected = sandbox
      .metrics('churn-prediction')
      .filter(p => p.invocationsPerInstance !== null);
    expect(expected.length).toBeGreaterThanOrEqual(29);

    const out = await client.send(
      new GetMetricDataCommand({
        ...window(),
        MetricDataQueries: loadQuery('churn-prediction'),
      }),
    );
    const [result] = out.MetricDataResults!;
    expect(result).toMatchObject({
      Id: 'load',
      Label: 'InvocationsPerInstance',
      StatusCode: 'Complete',
    });
    expect(out.NextToken).toBeUndefined();
    expect(result.Timestamps!.map(t => t.getTime())).toEqual(
      expected.map(p => p.timestamp).reverse(),
    );
    expect(result.Values).toEqual(
      expected.map(p => p.invocationsPerInstance).reverse(),
    );
    // The spike sends far more than the quiet base of 30 per minute to one instance.
    expect(Math.max(...result.Values!)).toBeGreaterThan(30);
  });

  it('aggregates minutes into longer periods, oldest first when asked', async () => {
    const perMinute = sandbox
      .metrics('churn-prediction')
      .filter(p => p.invocationsPerInstance !== null);
    const out = await client.send(
      new GetMetricDataCommand({
        ...window(),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: loadQuery('churn-prediction', {
          period: 300,
          stat: 'Maximum',
        }),
      }),
    );
    const [result] = out.MetricDataResults!;
    const firstBucket = Math.floor(perMinute[0].timestamp / 300_000) * 300_000;
    expect(result.Timestamps![0].getTime()).toBe(firstBucket);
    const inFirst = perMinute
      .filter(p => p.timestamp < firstBucket + 300_000)
      .map(p => p.invocationsPerInstance!);
    expect(result.Values![0]).toBe(Math.max(...inFirst));
    expect(result.Timestamps!.length).toBe(
      new Set(perMinute.map(p => Math.floor(p.timestamp / 300_000))).size,
    );
  });

  it('returns no datapoints for a metric or endpoint without data', async () => {
    const out = await client.send(
      new GetMetricDataCommand({
        ...window(),
        MetricDataQueries: [
          ...loadQuery('no-such-endpoint')!,
          {
            ...loadQuery('churn-prediction', {
              metricName: 'ModelLatency',
            })![0],
            Id: 'latency',
          },
        ],
      }),
    );
    expect(
      out.MetricDataResults!.map(r => [r.Id, r.Values, r.StatusCode]),
    ).toEqual([
      ['load', [], 'Complete'],
      ['latency', [], 'Complete'],
    ]);
  });

  it('pages with MaxDatapoints and NextToken', async () => {
    const values: number[] = [];
    for await (const page of paginateGetMetricData(
      { client, pageSize: 7 },
      { ...window(), MetricDataQueries: loadQuery('churn-prediction') },
    )) {
      expect(page.MetricDataResults![0].Values!.length).toBeLessThanOrEqual(7);
      values.push(...page.MetricDataResults![0].Values!);
    }
    const all = await client.send(
      new GetMetricDataCommand({
        ...window(),
        MetricDataQueries: loadQuery('churn-prediction'),
      }),
    );
    expect(values).toEqual(all.MetricDataResults![0].Values);
  });

  it('rejects a period that is not a whole number of minutes, naming the field', async () => {
    const error = await client
      .send(
        new GetMetricDataCommand({
          ...window(),
          MetricDataQueries: loadQuery('churn-prediction', { period: 90 }),
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toMatch(
      /MetricDataQueries\.member\.1\.MetricStat\.Period must be a multiple of 60/,
    );
  });

  it('rejects a StartTime that is not before EndTime', async () => {
    const now = new Date(sandbox.clock.now());
    const error = await client
      .send(
        new GetMetricDataCommand({
          StartTime: now,
          EndTime: now,
          MetricDataQueries: loadQuery('churn-prediction'),
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toMatch(/StartTime must be earlier than EndTime/);
  });

  it('shares its listener with Application Auto Scaling', async () => {
    const aas = new ApplicationAutoScalingClient({
      endpoint: sandbox.cloudWatchUrl,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    try {
      const out = await aas.send(
        new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }),
      );
      expect(out.ScalableTargets!.map(t => t.ResourceId)).toContain(
        'endpoint/churn-prediction/variant/AllTraffic',
      );
    } finally {
      aas.destroy();
    }
  });
});

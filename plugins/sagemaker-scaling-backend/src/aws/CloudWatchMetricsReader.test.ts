import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { CloudWatchMetricsReader } from './CloudWatchMetricsReader';

jest.setTimeout(30_000);

const NOW = Date.parse('2026-11-28T12:00:30Z');

/** A client answering three minutes newest first, or failing when told to. */
function fakeClient() {
  let calls = 0;
  let fail = false;
  const send = jest.fn(async (_command: any) => {
    calls += 1;
    if (fail)
      throw Object.assign(new Error('no route to CloudWatch'), {
        name: 'TimeoutError',
      });
    return {
      MetricDataResults: [
        {
          Id: 'load',
          Timestamps: [
            new Date('2026-11-28T11:59:00Z'),
            new Date('2026-11-28T11:58:00Z'),
            new Date('2026-11-28T11:57:00Z'),
          ],
          Values: [40 + calls, 55, 61],
          StatusCode: 'Complete',
        },
      ],
    };
  });
  return { send, setFail: (v: boolean) => (fail = v) };
}

describe('CloudWatchMetricsReader', () => {
  it('asks for per-minute InvocationsPerInstance (Sum, 60 s) of the variant and returns it oldest first', async () => {
    const client = fakeClient();
    const reader = new CloudWatchMetricsReader({
      client,
      now: () => NOW,
      maxPoints: 60,
    });
    const points = await reader.loadFor('churn-prediction', 'AllTraffic');
    expect(points).toEqual([
      { timestamp: '2026-11-28T11:57:00.000Z', value: 61 },
      { timestamp: '2026-11-28T11:58:00.000Z', value: 55 },
      { timestamp: '2026-11-28T11:59:00.000Z', value: 41 },
    ]);
    const input = client.send.mock.calls[0][0].input;
    expect(input).toMatchObject({
      ScanBy: 'TimestampDescending',
      MaxDatapoints: 60,
      MetricDataQueries: [
        {
          Id: 'load',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'InvocationsPerInstance',
              Dimensions: [
                { Name: 'EndpointName', Value: 'churn-prediction' },
                { Name: 'VariantName', Value: 'AllTraffic' },
              ],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
    });
    expect(input.StartTime.getTime()).toBeLessThan(NOW);
    expect(input.EndTime.getTime()).toBeGreaterThan(NOW);
  });

  it('shares concurrent reads, caches for the period and then refreshes in the background', async () => {
    const client = fakeClient();
    let now = NOW;
    const reader = new CloudWatchMetricsReader({
      client,
      ttlMs: 30_000,
      now: () => now,
    });
    const [a, b] = await Promise.all([
      reader.loadFor('churn-prediction', 'AllTraffic'),
      reader.loadFor('churn-prediction', 'AllTraffic'),
    ]);
    expect(a).toBe(b);
    now += 29_000;
    await reader.loadFor('churn-prediction', 'AllTraffic');
    expect(client.send).toHaveBeenCalledTimes(1);

    now += 2_000;
    // Expired: the old answer comes at once, the refresh lands for the next read.
    expect(
      (await reader.loadFor('churn-prediction', 'AllTraffic')).at(-1)!.value,
    ).toBe(41);
    await new Promise(r => setImmediate(r));
    expect(
      (await reader.loadFor('churn-prediction', 'AllTraffic')).at(-1)!.value,
    ).toBe(42);
    expect(client.send).toHaveBeenCalledTimes(2);

    await reader.loadFor('churn-prediction', 'Canary');
    expect(client.send).toHaveBeenCalledTimes(3);
  });

  it('turns a failure into no load, reports it, and tries again after the period', async () => {
    const client = fakeClient();
    client.setFail(true);
    let now = NOW;
    const errors: unknown[] = [];
    const reader = new CloudWatchMetricsReader({
      client,
      ttlMs: 30_000,
      now: () => now,
      onError: e => errors.push(e),
    });
    expect(await reader.loadFor('churn-prediction', 'AllTraffic')).toEqual([]);
    expect(await reader.loadFor('churn-prediction', 'AllTraffic')).toEqual([]);
    expect(client.send).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('no route to CloudWatch');

    client.setFail(false);
    now += 31_000;
    await reader.loadFor('churn-prediction', 'AllTraffic');
    await new Promise(r => setImmediate(r));
    expect(await reader.loadFor('churn-prediction', 'AllTraffic')).toHaveLength(
      3,
    );
  });
});

describe('CloudWatchMetricsReader against the sandbox', () => {
  let sandbox: SandboxCluster;
  let client: CloudWatchClient;

  beforeAll(async () => {
    // A test clock 90 minutes back, advanced to the present: 90 minutes of history.
    sandbox = await startSandboxCluster({
      clock: 'manual',
      clockStartMs: Date.now() - 90 * 60_000,
      demo: true,
    });
    sandbox.advance(90 * 60_000);
    client = new CloudWatchClient({
      endpoint: sandbox.cloudWatchUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.stop();
  });

  it('reads the newest hour of the simulated load through the real client', async () => {
    const reader = new CloudWatchMetricsReader({ client });
    const points = await reader.loadFor('churn-prediction', 'AllTraffic');
    const expected = sandbox
      .metrics('churn-prediction')
      .filter(p => p.invocationsPerInstance !== null)
      .slice(-60)
      .map(p => ({
        timestamp: new Date(p.timestamp).toISOString(),
        value: p.invocationsPerInstance,
      }));
    expect(points).toHaveLength(60);
    expect(points).toEqual(expected);
  });

  it('knows no load of a variant without metrics', async () => {
    const reader = new CloudWatchMetricsReader({ client });
    expect(await reader.loadFor('churn-prediction', 'Canary')).toEqual([]);
  });
});

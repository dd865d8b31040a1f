import {
  createAll,
  getObject,
  scaledEndpoint,
  scalingActivities,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';
import { invocationsAt } from './traffic';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const MINUTE = 60_000;

describe('traffic and target tracking in the sandbox', () => {
  let sandbox: SandboxCluster;

  afterEach(async () => {
    await sandbox.stop();
  });

  const activities = () => scalingActivities(sandbox);

  it('makes the demo scale out within 20 minutes of its spiky traffic (at speed-up 1)', async () => {
    sandbox = await startTestSandbox({ demo: true });
    const endpoint = () =>
      getObject(sandbox, 'Endpoint', 'churn-prediction', 'ml-serving');
    expect(endpoint().status.endpointStatus).toBe('InService');
    expect(
      endpoint().metadata.annotations['sandbox.mlplatform.dev/traffic'],
    ).toBe('spike');

    let minutes = 0;
    while ((await activities()).length === 0 && minutes < 60) {
      sandbox.advance(MINUTE);
      minutes++;
    }
    expect(minutes).toBeLessThan(20);
    const [first] = await activities();
    expect(first).toMatchObject({
      ResourceId: 'endpoint/churn-prediction/variant/AllTraffic',
      Description: 'Setting desired instance count to 4.',
      StatusCode: 'InProgress',
    });
    expect(endpoint().status.endpointStatus).toBe('Updating');
    expect(endpoint().status.productionVariants[0]).toMatchObject({
      currentInstanceCount: 1,
      desiredInstanceCount: 4,
    });

    sandbox.advance(5 * MINUTE);
    expect((await activities())[0]).toMatchObject({
      StatusCode: 'Successful',
      StatusMessage:
        'Successfully set desired instance count to 4. Change successfully fulfilled by sagemaker.',
    });
    expect(endpoint().status.endpointStatus).toBe('InService');
    expect(endpoint().status.productionVariants[0]).toMatchObject({
      currentInstanceCount: 4,
      desiredInstanceCount: 4,
    });

    // After the spike (40 minutes) the load drops; 15 quiet minutes later it scales in.
    sandbox.advance(60 * MINUTE);
    const descriptions = (await activities()).map(a => a.Description);
    expect(
      descriptions.some(d =>
        /Setting desired instance count to [123]\./.test(d ?? ''),
      ),
    ).toBe(true);
    const metrics = sandbox.metrics('churn-prediction');
    expect(metrics.length).toBeGreaterThan(60);
    expect(metrics[metrics.length - 1]).toMatchObject({ invocations: 30 });
  });

  it("compresses durations with speedUp, stamping every time with the clock's time", async () => {
    // The demo's speed-up: a datapoint every 6 s, cooldowns and provisioning a tenth.
    sandbox = await startTestSandbox({ demo: true, speedUp: 10 });
    const started = sandbox.clock.now();
    const endpoint = () =>
      getObject(sandbox, 'Endpoint', 'churn-prediction', 'ml-serving');
    expect(endpoint().status.endpointStatus).toBe('InService');
    while (
      (await activities()).length === 0 &&
      sandbox.clock.now() - started < 600_000
    ) {
      sandbox.advance(6_000);
    }
    // The spike starts 10 simulated minutes (60 s) in; three datapoints later it scales out.
    const elapsed = sandbox.clock.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(60_000 + 3 * 6_000);
    expect(elapsed).toBeLessThan(100_000);
    const [first] = await activities();
    expect(first.Description).toBe('Setting desired instance count to 4.');
    // Stamped when it happened: within the last step of the clock.
    expect(
      sandbox.clock.now() - first.StartTime!.getTime(),
    ).toBeLessThanOrEqual(6_000);
    // The instances serve after 240 s / 10.
    sandbox.advance(24_000);
    sandbox.advance(6_000);
    expect((await activities())[0]).toMatchObject({ StatusCode: 'Successful' });
    expect(
      (await activities())[0].EndTime!.getTime() - first.StartTime!.getTime(),
    ).toBeLessThanOrEqual(36_000);
    expect(endpoint().status.productionVariants[0]).toMatchObject({
      currentInstanceCount: 4,
    });
    // CloudWatch's view stays per minute: whole, ended minutes, the periods added up. One
    // more minute first, so at least two have ended wherever in a minute the clock started.
    sandbox.advance(MINUTE);
    const metrics = sandbox.metrics('churn-prediction');
    expect(metrics.length).toBeGreaterThanOrEqual(2);
    for (const m of metrics) {
      expect(m.timestamp % MINUTE).toBe(0);
      expect(m.timestamp + MINUTE).toBeLessThanOrEqual(sandbox.clock.now());
    }
    // Rates stay per real minute: steady 30/min is 30 per whole minute (the first minute,
    // from the start on, is partial), 3 per period on one instance.
    const steady = sandbox.metrics('fraud-detection').slice(1);
    expect(steady.length).toBeGreaterThanOrEqual(1);
    for (const m of steady) {
      expect(m).toEqual({
        timestamp: expect.any(Number),
        invocations: 30,
        instances: 1,
        invocationsPerInstance: 30,
      });
    }
  });

  it('follows traffic set per endpoint and keeps within min and max', async () => {
    sandbox = await startTestSandbox({ endpointCreateSeconds: 60 });
    createAll(sandbox, scaledEndpoint('steady'));
    sandbox.advance(2 * MINUTE);
    sandbox.traffic.set('default', 'steady', { pattern: 'steady', base: 1000 });
    sandbox.advance(10 * MINUTE);
    const ep = getObject(sandbox, 'Endpoint', 'steady');
    // max 3 in the test target
    expect(ep.status.productionVariants[0].desiredInstanceCount).toBe(3);
    expect(await activities()).toHaveLength(1);

    // Raising the minimum moves capacity up at once, with an activity saying why.
    sandbox.traffic.set('default', 'steady', { pattern: 'steady', base: 0 });
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'default',
      'steady-scalable-target',
      'merge',
      { spec: { minCapacity: 5, maxCapacity: 6 } },
      { fieldManager: 'test' },
    );
    sandbox.settle();
    expect((await activities())[0]).toMatchObject({
      Description: 'Setting desired instance count to 5.',
      Cause:
        'a user request update of min capacity to 5 which is more than current capacity 3',
    });
  });

  it('does not scale a target whose dynamic scaling is suspended', async () => {
    sandbox = await startTestSandbox({ endpointCreateSeconds: 60 });
    const objects = scaledEndpoint('held');
    objects[3].spec.suspendedState = { dynamicScalingOutSuspended: true };
    createAll(sandbox, objects);
    sandbox.advance(2 * MINUTE);
    sandbox.traffic.set('default', 'held', { pattern: 'steady', base: 1000 });
    sandbox.advance(10 * MINUTE);
    expect(await activities()).toEqual([]);
    expect(
      getObject(sandbox, 'Endpoint', 'held').status.productionVariants[0]
        .desiredInstanceCount,
    ).toBe(1);
  });
});

describe('invocationsAt', () => {
  it('gives steady, wave and spike traffic', () => {
    expect(invocationsAt({ pattern: 'steady', base: 42 }, 99)).toBe(42);
    expect(
      invocationsAt(
        { pattern: 'wave', base: 20, peak: 120, periodMinutes: 100 },
        0,
      ),
    ).toBe(20);
    expect(
      invocationsAt(
        { pattern: 'wave', base: 20, peak: 120, periodMinutes: 100 },
        50,
      ),
    ).toBe(120);
    const spike = {
      pattern: 'spike' as const,
      base: 30,
      peak: 240,
      periodMinutes: 120,
      quietMinutes: 10,
      spikeMinutes: 40,
    };
    expect([9, 10, 49, 50, 130].map(m => invocationsAt(spike, m))).toEqual([
      30, 240, 240, 30, 240,
    ]);
  });
});

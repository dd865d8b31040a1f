import { ScalingActivityReader } from './ScalingActivityReader';

const target = {
  resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
  scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
};

function fakeClient() {
  let n = 0;
  let fail = false;
  const send = jest.fn(async (command: any) => {
    if (fail)
      throw Object.assign(new Error('boom'), { name: 'InternalFailure' });
    n += 1;
    expect(command.input).toMatchObject({
      ServiceNamespace: 'sagemaker',
      ResourceId: target.resourceId,
    });
    return {
      ScalingActivities: [
        {
          ActivityId: `a${n}`,
          ResourceId: target.resourceId,
          ScalableDimension: target.scalableDimension,
          ServiceNamespace: 'sagemaker',
          Description: 'Setting desired instance count to 2.',
          Cause: 'alarm',
          StatusCode: 'Successful',
          StartTime: new Date('2026-11-28T10:00:00Z'),
        },
      ],
    };
  });
  return { send, setFail: (v: boolean) => (fail = v) };
}

describe('ScalingActivityReader', () => {
  it('shares concurrent requests and caches briefly', async () => {
    const client = fakeClient();
    // a TTL far longer than the test, so a slow machine cannot expire it in between
    const reader = new ScalingActivityReader({
      client: client as any,
      ttlMs: 60_000,
    });
    const [a, b] = await Promise.all([
      reader.activitiesFor(target),
      reader.activitiesFor(target),
    ]);
    expect(a).toBe(b);
    expect(a[0]).toMatchObject({
      activityId: 'a1',
      statusCode: 'Successful',
      startTime: '2026-11-28T10:00:00.000Z',
    });
    await reader.activitiesFor(target);
    expect(client.send).toHaveBeenCalledTimes(1);
  });

  it('answers with the old activities after expiry and refreshes in the background', async () => {
    const client = fakeClient();
    const reader = new ScalingActivityReader({
      client: client as any,
      ttlMs: 20,
    });
    await reader.activitiesFor(target);
    await new Promise(r => setTimeout(r, 30));
    expect((await reader.activitiesFor(target))[0].activityId).toBe('a1');
    // the background refresh lands soon after; poll rather than guess how soon
    const deadline = Date.now() + 5_000;
    while ((await reader.activitiesFor(target))[0].activityId === 'a1') {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise(r => setTimeout(r, 5));
    }
    expect(client.send.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('does not cache failures', async () => {
    const client = fakeClient();
    client.setFail(true);
    const reader = new ScalingActivityReader({ client: client as any });
    await expect(reader.activitiesFor(target)).rejects.toThrow('boom');
    client.setFail(false);
    expect(await reader.activitiesFor(target)).toHaveLength(1);
  });

  it('refreshes expired targets in the background a few at a time, never making a read wait', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release = () => {};
    let gate = Promise.resolve();
    let sent = 0;
    const send = jest.fn(async (command: any) => {
      sent++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      inFlight--;
      return {
        ScalingActivities: [
          {
            ActivityId: `a${sent}`,
            ResourceId: command.input.ResourceId,
            StatusCode: 'Successful',
            StartTime: new Date('2026-11-28T10:00:00Z'),
          },
        ],
      };
    });
    const reader = new ScalingActivityReader({
      client: { send } as any,
      ttlMs: 20,
      refreshConcurrency: 2,
    });
    const targets = Array.from({ length: 10 }, (_, i) => ({
      ...target,
      resourceId: `endpoint/e${i}/variant/AllTraffic`,
    }));
    const first = await Promise.all(targets.map(t => reader.activitiesFor(t)));
    expect(send).toHaveBeenCalledTimes(10);
    await new Promise(r => setTimeout(r, 30));

    // AWS now hangs: every expired read still answers at once with what it had.
    gate = new Promise<void>(r => (release = r));
    maxInFlight = 0;
    for (let round = 0; round < 3; round++) {
      const again = await Promise.all(
        targets.map(t => reader.activitiesFor(t)),
      );
      expect(again).toEqual(first);
    }
    expect(maxInFlight).toBe(2);
    release();
    // Every target is refreshed once (the repeated reads did not queue it again).
    const deadline = Date.now() + 5_000;
    while (send.mock.calls.length < 20) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise(r => setTimeout(r, 5));
    }
    await new Promise(r => setTimeout(r, 10));
    expect(send).toHaveBeenCalledTimes(20);
    expect(maxInFlight).toBe(2);
  });
});

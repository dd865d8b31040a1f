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
});

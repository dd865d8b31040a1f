import { inServiceSnapshot } from '../__fixtures__/snapshots';
import { activityHistory, mergeHistory, snapshotPoints } from './chartHistory';

describe('chart history', () => {
  it('reads desired-count steps from successful activities, oldest first after merging', () => {
    const points = mergeHistory(activityHistory(inServiceSnapshot));
    expect(points.map(p => [p.variantName, p.desiredInstanceCount])).toEqual([
      ['AllTraffic', 1],
      ['AllTraffic', 2],
    ]);
  });

  it('ignores failed activities and ones stamped after the snapshot', () => {
    const activity = inServiceSnapshot.activities[0];
    const snapshot = {
      ...inServiceSnapshot,
      activities: [
        { ...activity, activityId: 'x1', statusCode: 'Failed' as const },
        {
          ...activity,
          activityId: 'x2',
          endTime: undefined,
          startTime: new Date(
            Date.parse(inServiceSnapshot.observedAt) + 3 * 3_600_000,
          ).toISOString(),
        },
      ],
    };
    expect(activityHistory(snapshot)).toEqual([]);
  });

  it('lets later lists win for the same variant and time', () => {
    const [now] = snapshotPoints(inServiceSnapshot, '2026-11-28T12:00:00.000Z');
    expect(now).toMatchObject({
      desiredInstanceCount: 2,
      currentInstanceCount: 2,
      minCapacity: 1,
      maxCapacity: 3,
      targetValue: 60,
      loadPerInstance: 45,
    });
    const merged = mergeHistory([{ ...now, desiredInstanceCount: 9 }], [now]);
    expect(merged).toEqual([now]);
  });
});

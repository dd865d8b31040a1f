import type { ScalingHistoryPoint } from '@mlplatform/plugin-sagemaker-scaling-common';
import { mergeLoadIntoHistory } from './mergeLoadIntoHistory';

const capacity: ScalingHistoryPoint[] = [
  {
    timestamp: '2026-11-28T12:00:30.000Z',
    variantName: 'AllTraffic',
    desiredInstanceCount: 1,
    currentInstanceCount: 1,
    minCapacity: 1,
    maxCapacity: 4,
    targetValue: 60,
  },
  {
    timestamp: '2026-11-28T12:02:10.000Z',
    variantName: 'AllTraffic',
    desiredInstanceCount: 3,
    currentInstanceCount: 1,
    minCapacity: 1,
    maxCapacity: 4,
    targetValue: 70,
  },
];

describe('mergeLoadIntoHistory', () => {
  it('puts load points on the capacity timeline with the capacity and target in force then', () => {
    const merged = mergeLoadIntoHistory(
      capacity,
      {
        AllTraffic: [
          { timestamp: '2026-11-28T12:00:00.000Z', value: 20 },
          { timestamp: '2026-11-28T12:01:00.000Z', value: 95 },
          { timestamp: '2026-11-28T12:03:00.000Z', value: 48 },
        ],
      },
      { AllTraffic: 70 },
    );
    expect(
      merged.map(p => [
        p.timestamp.slice(11, 19),
        p.loadPerInstance,
        p.desiredInstanceCount,
        p.targetValue,
      ]),
    ).toEqual([
      // Before any capacity point: no capacity known, the policy's current target.
      ['12:00:00', 20, undefined, 70],
      ['12:00:30', undefined, 1, 60],
      ['12:01:00', 95, 1, 60],
      ['12:02:10', undefined, 3, 70],
      ['12:03:00', 48, 3, 70],
    ]);
    expect(merged[2]).toMatchObject({
      minCapacity: 1,
      maxCapacity: 4,
      currentInstanceCount: 1,
    });
  });

  it('keeps the capacity history as it is when no load is known', () => {
    expect(mergeLoadIntoHistory(capacity, {}, {})).toEqual(capacity);
    expect(
      mergeLoadIntoHistory(capacity, { AllTraffic: [] }, { AllTraffic: 60 }),
    ).toEqual(capacity);
  });
});

import type { ScalingActivity } from '@mlplatform/plugin-sagemaker-scaling-common';
import { pageActivities } from './activityCursor';

const a = (id: string, startTime: string): ScalingActivity => ({
  activityId: id,
  resourceId: 'endpoint/e/variant/v',
  scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  description: '',
  cause: '',
  statusCode: 'Successful',
  startTime,
});

describe('pageActivities', () => {
  const all = [
    a('1', '2026-11-28T10:00:00Z'),
    a('3', '2026-11-28T12:00:00Z'),
    a('2', '2026-11-28T11:00:00Z'),
  ];

  it('pages most recent first and stays stable when new activities arrive', () => {
    const first = pageActivities(all, undefined, 2);
    expect(first.items.map(i => i.activityId)).toEqual(['3', '2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const withNew = [a('4', '2026-11-28T13:00:00Z'), ...all];
    const second = pageActivities(withNew, first.nextCursor, 2);
    expect(second.items.map(i => i.activityId)).toEqual(['1']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('rejects a cursor it did not make', () => {
    expect(() => pageActivities(all, 'garbage', 2)).toThrow('Invalid cursor');
  });
});

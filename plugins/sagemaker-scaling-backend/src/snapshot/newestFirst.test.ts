import type { ScalingActivity } from '@mlplatform/plugin-sagemaker-scaling-common';
import { newestFirst } from './newestFirst';

const activity = (activityId: string, startTime: string): ScalingActivity => ({
  activityId,
  resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
  scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  description: 'Setting desired instance count to 2.',
  cause: 'alarm',
  statusCode: 'Successful',
  startTime,
});

describe('newestFirst', () => {
  it('orders by start time, newest first, and equal times by id, without changing its input', () => {
    const input = [
      activity('a', '2026-11-28T09:00:00.000Z'),
      activity('b', '2026-11-28T11:00:00.000Z'),
      activity('c', '2026-11-28T11:00:00.000Z'),
    ];
    expect(newestFirst(input).map(a => a.activityId)).toEqual(['c', 'b', 'a']);
    expect(input.map(a => a.activityId)).toEqual(['a', 'b', 'c']);
  });
});

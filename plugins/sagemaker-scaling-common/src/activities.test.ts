import { describeNotScaledReason, isNotScaledActivity } from './activities';
import type { ScalingActivity } from './snapshot';

const activity: ScalingActivity = {
  activityId: 'a-1',
  resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
  scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  description: 'Attempting to scale due to alarm triggered',
  cause: 'monitor alarm TargetTracking-AlarmHigh in state ALARM',
  statusCode: 'Failed',
  startTime: '2026-12-06T08:00:00Z',
};

describe('isNotScaledActivity', () => {
  it('tells a decision not to scale from a failed scaling', () => {
    expect(isNotScaledActivity(activity)).toBe(false);
    expect(isNotScaledActivity({ ...activity, notScaledReasons: [] })).toBe(
      false,
    );
    expect(
      isNotScaledActivity({
        ...activity,
        notScaledReasons: [{ code: 'AlreadyAtMaxCapacity' }],
      }),
    ).toBe(true);
  });
});

describe('describeNotScaledReason', () => {
  it('says each AWS code in words with the capacities AWS saw', () => {
    expect(
      describeNotScaledReason({
        code: 'AlreadyAtMaxCapacity',
        currentCapacity: 4,
        maxCapacity: 4,
      }),
    ).toBe('already at its maximum capacity (4 of max 4)');
    expect(
      describeNotScaledReason({
        code: 'AlreadyAtMinCapacity',
        currentCapacity: 1,
        minCapacity: 1,
      }),
    ).toBe('already at its minimum capacity (1 of min 1)');
    expect(
      describeNotScaledReason({
        code: 'AlreadyAtDesiredCapacity',
        currentCapacity: 2,
      }),
    ).toBe('already at the capacity the policy asks for (2 instances)');
    expect(
      describeNotScaledReason({ code: 'AutoScalingAnticipatedFlapping' }),
    ).toMatch(/anticipated flapping/);
  });

  it('shows an unknown code as it is', () => {
    expect(describeNotScaledReason({ code: 'SomethingNew' })).toBe(
      'SomethingNew',
    );
  });
});

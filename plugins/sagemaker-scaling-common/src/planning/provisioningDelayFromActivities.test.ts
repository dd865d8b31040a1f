import type { ScalingActivity } from '../snapshot';
import {
  DEFAULT_PROVISIONING_DELAY_MINUTES,
  provisioningDelayFromActivities,
} from './provisioningDelayFromActivities';

const T0 = Date.UTC(2026, 10, 1);
const HIGH =
  'monitor alarm TargetTracking-endpoint/svc/variant/AllTraffic-AlarmHigh-1a2b in state ALARM triggered policy svc-scaling-policy';
const LOW =
  'monitor alarm TargetTracking-endpoint/svc/variant/AllTraffic-AlarmLow-3c4d in state ALARM triggered policy svc-scaling-policy';

let id = 0;
function activity(
  startMinute: number,
  minutes: number | undefined,
  desired: number,
  cause: string,
  statusCode: ScalingActivity['statusCode'] = 'Successful',
): ScalingActivity {
  const start = T0 + startMinute * 60_000;
  return {
    activityId: String(id++),
    resourceId: 'endpoint/svc/variant/AllTraffic',
    scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    description: `Setting desired instance count to ${desired}.`,
    cause,
    statusCode,
    startTime: new Date(start).toISOString(),
    endTime:
      minutes === undefined
        ? undefined
        : new Date(start + minutes * 60_000).toISOString(),
  };
}

describe('provisioningDelayFromActivities', () => {
  it('is the median of the successful scale-outs, with how many it rests on', () => {
    const d = provisioningDelayFromActivities([
      activity(0, 4, 3, HIGH),
      activity(60, 1, 2, LOW), // a scale-in: not a provisioning
      activity(120, 10, 5, HIGH),
      activity(180, 30, 8, HIGH, 'Failed'),
      activity(240, 6, 6, HIGH),
      activity(300, undefined, 7, HIGH, 'InProgress'),
    ]);
    expect(d).toMatchObject({ minutes: 6, source: 'measured', basedOn: 3 });
    expect(d.description).toContain('Median of 3 successful scale-outs');
  });

  it('recognises a scale-out by a higher desired count when the cause names no alarm', () => {
    const d = provisioningDelayFromActivities([
      activity(0, 2, 2, 'scheduled action'),
      activity(60, 7, 4, 'user request'),
      activity(120, 8.5, 6, 'user request'),
      activity(180, 1, 3, 'user request'),
    ]);
    // 2 -> 4 (7 min) and 4 -> 6 (8.5 min); the first has nothing before it.
    expect(d).toMatchObject({ minutes: 7.8, basedOn: 2 });
  });

  it('counts only the given variant', () => {
    const other = {
      ...activity(0, 30, 9, HIGH),
      resourceId: 'endpoint/svc/variant/Canary',
    };
    const d = provisioningDelayFromActivities(
      [other, activity(60, 5, 3, HIGH)],
      { resourceId: 'endpoint/svc/variant/AllTraffic' },
    );
    expect(d).toMatchObject({ minutes: 5, basedOn: 1 });
  });

  it('falls back to the stated default when nothing was measured', () => {
    expect(provisioningDelayFromActivities([])).toEqual({
      minutes: DEFAULT_PROVISIONING_DELAY_MINUTES,
      source: 'default',
      basedOn: 0,
      description: expect.stringContaining('525 s'),
    });
  });
});

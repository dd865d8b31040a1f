import {
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_LOW_THRESHOLD_RATIO,
  type ScalingActivity,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AlarmReading } from '../aws/CloudWatchAlarmReader';
import type { LoadPoint } from '../aws/CloudWatchMetricsReader';
import {
  explainVariantScaling,
  type VariantScalingFacts,
} from './explainVariantScaling';

const RESOURCE = 'endpoint/churn-prediction/variant/AllTraffic';
const TARGET = 60;
const NOW = '2026-11-28T14:20:00.000Z';

/** Per-minute values ending one minute before NOW, oldest first. */
function minutes(values: number[]): LoadPoint[] {
  const end = Date.parse(NOW) - 60_000;
  return values.map((value, i) => ({
    timestamp: new Date(end - (values.length - 1 - i) * 60_000).toISOString(),
    value,
  }));
}

function alarms(
  values: number[],
  states: {
    high?: AlarmReading['stateValue'];
    low?: AlarmReading['stateValue'];
  },
): AlarmReading[] {
  return [
    {
      alarmName: `TargetTracking-${RESOURCE}-AlarmHigh-1`,
      stateValue: states.high ?? 'OK',
      stateUpdatedAt: '2026-11-28T14:05:00.000Z',
      threshold: TARGET,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: TARGET_TRACKING_HIGH_DATAPOINTS,
      datapointsToAlarm: TARGET_TRACKING_HIGH_DATAPOINTS,
      periodSeconds: 60,
      recentValues: minutes(values),
    },
    {
      alarmName: `TargetTracking-${RESOURCE}-AlarmLow-2`,
      stateValue: states.low ?? 'OK',
      stateUpdatedAt: '2026-11-28T13:00:00.000Z',
      threshold: TARGET * TARGET_TRACKING_LOW_THRESHOLD_RATIO,
      comparisonOperator: 'LessThanThreshold',
      evaluationPeriods: TARGET_TRACKING_LOW_DATAPOINTS,
      datapointsToAlarm: TARGET_TRACKING_LOW_DATAPOINTS,
      periodSeconds: 60,
      recentValues: minutes(values),
    },
  ];
}

function activity(over: Partial<ScalingActivity>): ScalingActivity {
  return {
    activityId: 'a1',
    resourceId: RESOURCE,
    scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    description: 'Setting desired instance count to 4.',
    cause: `monitor alarm TargetTracking-${RESOURCE}-AlarmHigh-1 in state ALARM triggered policy p`,
    statusCode: 'Successful',
    startTime: '2026-11-28T13:55:00.000Z',
    endTime: '2026-11-28T14:02:00.000Z',
    ...over,
  };
}

function facts(over: Partial<VariantScalingFacts>): VariantScalingFacts {
  return {
    currentInstanceCount: 2,
    desiredInstanceCount: 2,
    minCapacity: 1,
    maxCapacity: 4,
    targetValue: TARGET,
    scaleInCooldown: 600,
    scaleOutCooldown: 300,
    endpointStatus: 'InService',
    activities: [],
    load: [],
    now: NOW,
    ...over,
  };
}

describe('explainVariantScaling', () => {
  it('at its maximum with AlreadyAtMaxCapacity and the high alarm in ALARM: says so, with the ratio and the fix', () => {
    const e = explainVariantScaling(
      facts({
        currentInstanceCount: 4,
        desiredInstanceCount: 4,
        activities: [
          activity({
            activityId: 'n1',
            statusCode: 'Failed',
            description: 'Attempting to scale due to alarm triggered',
            startTime: '2026-11-28T14:10:00.000Z',
            endTime: undefined,
            notScaledReasons: [
              {
                code: 'AlreadyAtMaxCapacity',
                currentCapacity: 4,
                minCapacity: 1,
                maxCapacity: 4,
              },
            ],
          }),
          activity({}),
        ],
        alarms: {
          available: true,
          alarms: alarms([120, 126, 126], { high: 'ALARM' }),
        },
      }),
    );
    expect(e.state).toBe('at-max');
    expect(e.summary).toBe(
      'At its maximum of 4 instances; load is 2.1× the target — raise the maximum or the target',
    );
    expect(e.since).toBe('2026-11-28T14:02:00.000Z');
    expect(e.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'not-scaled-reason',
          code: 'AlreadyAtMaxCapacity',
          time: '2026-11-28T14:10:00.000Z',
        }),
        expect.objectContaining({
          kind: 'alarm',
          alarmName: `TargetTracking-${RESOURCE}-AlarmHigh-1`,
          alarmState: 'ALARM',
          threshold: 60,
          breachingDatapoints: 3,
          datapointsToAlarm: 3,
        }),
      ]),
    );
  });

  it('scale-in waiting: counts the newest minutes below 90 % of the target against the 15 the low alarm needs', () => {
    const values = [70, 70, 70, 70, 70, 70, 70, 70, 70, 50, 50, 50, 50, 50, 50];
    const e = explainVariantScaling(
      facts({ alarms: { available: true, alarms: alarms(values, {}) } }),
    );
    expect(e.state).toBe('scale-in-waiting');
    expect(e.summary).toBe(
      'Scale-in waits: load has been below 90 % of the target for 6 of the 15 minutes the low alarm needs',
    );
    expect(e.nextChange).toEqual({
      direction: 'in',
      condition: '9 more minute(s) below 54',
    });
  });

  it('in scale-out cooldown after a scale-out while the load is above the target: until its end, a larger scale-out still possible', () => {
    const e = explainVariantScaling(
      facts({
        currentInstanceCount: 3,
        desiredInstanceCount: 3,
        activities: [activity({ endTime: '2026-11-28T14:16:00.000Z' })],
        alarms: { available: true, alarms: alarms([58, 59, 65], {}) },
      }),
    );
    expect(e.state).toBe('cooldown');
    expect(e.summary).toBe(
      'In scale-out cooldown; a larger scale-out can still happen',
    );
    expect(e.until).toBe('2026-11-28T14:21:00.000Z');
  });

  it('a scale-out cooldown is no reason while the load is inside the band: steady, the cooldown as evidence', () => {
    const e = explainVariantScaling(
      facts({
        currentInstanceCount: 3,
        desiredInstanceCount: 3,
        activities: [activity({ endTime: '2026-11-28T14:16:00.000Z' })],
        alarms: { available: true, alarms: alarms([58, 59, 57], {}) },
      }),
    );
    expect(e.state).toBe('steady');
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'cooldown',
        time: '2026-11-28T14:21:00.000Z',
      }),
    );
  });

  it('a cooldown that ended before now holds nothing', () => {
    const e = explainVariantScaling(
      facts({
        activities: [activity({ endTime: '2026-11-28T14:00:00.000Z' })],
        alarms: { available: true, alarms: alarms([58, 59, 57], {}) },
      }),
    );
    expect(e.state).toBe('steady');
    expect(e.summary).toBe(
      'Steady at 2 instances: load is 95 % of the target, inside the band where target tracking does not act',
    );
  });

  it('an Updating endpoint: scaling waits for InService', () => {
    const e = explainVariantScaling(
      facts({
        endpointStatus: 'Updating',
        alarms: {
          available: true,
          alarms: alarms([80, 80, 80], { high: 'ALARM' }),
        },
      }),
    );
    expect(e.state).toBe('updating');
    expect(e.summary).toBe(
      'The endpoint is Updating; SageMaker takes no capacity change until it is InService',
    );
    expect(e.evidence).toContainEqual(
      expect.objectContaining({ kind: 'endpoint-status', code: 'Updating' }),
    );
  });

  it('scale-in disabled with low load: the policy never removes instances', () => {
    const e = explainVariantScaling(
      facts({
        disableScaleIn: true,
        load: minutes([20, 21, 18]),
        alarms: {
          available: true,
          // AWS creates no low alarm when scale-in is disabled.
          alarms: alarms([20, 21, 18], {}).slice(0, 1),
        },
      }),
    );
    expect(e.state).toBe('scale-in-disabled');
    expect(e.summary).toBe(
      'Scale-in is disabled: load is 30 % of the target, but the policy never removes instances',
    );
  });

  it('no alarms readable: says what it could not see, and judges from the load', () => {
    const unseen = explainVariantScaling(
      facts({
        alarms: {
          available: false,
          reason: 'CloudWatch alarms could not be read: AccessDenied',
        },
      }),
    );
    expect(unseen.state).toBe('unknown');
    expect(unseen.evidence).toContainEqual({
      kind: 'missing',
      text: 'Alarms not seen: CloudWatch alarms could not be read: AccessDenied; no recent load either',
    });

    const fromLoad = explainVariantScaling(
      facts({
        alarms: { available: false, reason: 'AccessDenied' },
        load: minutes([70, 75]),
      }),
    );
    expect(fromLoad.state).toBe('scale-out-waiting');
    expect(fromLoad.summary).toBe(
      'Scale-out waits: load has been above the target for 2 of the 3 minutes the high alarm needs',
    );
  });

  it('scaling out: the fired alarm and the instances being provisioned', () => {
    const e = explainVariantScaling(
      facts({
        currentInstanceCount: 2,
        desiredInstanceCount: 4,
        alarms: {
          available: true,
          alarms: alarms([90, 95, 100], { high: 'ALARM' }),
        },
      }),
    );
    expect(e.state).toBe('scaling-out');
    expect(e.summary).toBe(
      'Scaling out: the high alarm fired (3 of 3 minutes above 60); 2 more instances are being provisioned',
    );
    expect(e.since).toBe('2026-11-28T14:05:00.000Z');
  });
});

import type {
  ScalingActivity,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { NOTIFIED_FINDINGS, ownerAlerts } from './ownerAlerts';

const RESOURCE = 'endpoint/churn-prediction/variant/AllTraffic';

function activity(
  overrides: Partial<ScalingActivity> & { startTime: string },
): ScalingActivity {
  return {
    activityId: overrides.startTime,
    resourceId: RESOURCE,
    scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    description: 'Setting desired instance count to 4.',
    cause: 'monitor alarm TargetTracking-AlarmHigh in state ALARM',
    statusCode: 'Successful',
    ...overrides,
  };
}

/** Only what ownerAlerts reads of a snapshot. */
function snapshotWith(
  parts: Pick<ScalingSnapshot, 'findings' | 'activities'>,
): ScalingSnapshot {
  return parts as ScalingSnapshot;
}

describe('ownerAlerts', () => {
  const atMax = {
    code: 'at-max-capacity',
    severity: 'warning',
    message: 'Variant AllTraffic is at its maximum of 4 instances.',
  } as ScalingSnapshot['findings'][number];

  it('a decision not to scale at the maximum is no failed scaling activity', () => {
    const alerts = ownerAlerts(
      snapshotWith({
        findings: [atMax],
        activities: [
          // AWS reports not-scaled decisions with StatusCode Failed and their reasons.
          activity({
            startTime: '2026-07-01T10:05:00Z',
            statusCode: 'Failed',
            description: 'Attempting to scale due to alarm triggered',
            notScaledReasons: [
              {
                code: 'AlreadyAtMaxCapacity',
                currentCapacity: 4,
                maxCapacity: 4,
                minCapacity: 1,
              },
            ],
          }),
          activity({ startTime: '2026-07-01T10:00:00Z' }),
        ],
      }),
      NOTIFIED_FINDINGS,
    );
    expect(alerts.map(a => a.code)).toEqual(['at-max-capacity']);
  });

  it('a scaling activity that failed is reported, even behind a later not-scaled decision', () => {
    const alerts = ownerAlerts(
      snapshotWith({
        findings: [],
        activities: [
          activity({
            startTime: '2026-07-01T10:05:00Z',
            statusCode: 'Failed',
            notScaledReasons: [{ code: 'AlreadyAtDesiredCapacity' }],
          }),
          activity({
            startTime: '2026-07-01T10:00:00Z',
            statusCode: 'Failed',
            statusMessage: 'InsufficientInstanceCapacity',
          }),
        ],
      }),
      NOTIFIED_FINDINGS,
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        code: 'scaling-activity-failed',
        description: expect.stringContaining('InsufficientInstanceCapacity'),
      }),
    ]);
  });

  it('only the codes asked for', () => {
    expect(
      ownerAlerts(snapshotWith({ findings: [atMax], activities: [] }), [
        'endpoint-failed',
      ]),
    ).toEqual([]);
  });
});

/**
 * Plan answers for component tests, computed by common's planner (the code the backend's
 * plan route runs) rather than written by hand.
 */
import {
  compareScalingSettings,
  DEFAULT_PROVISIONING_DELAY_MINUTES,
  provisioningDelayFromActivities,
  resolveInstancePrice,
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_LOW_THRESHOLD_RATIO,
  type InstancePrice,
  type ScalingReplayResult,
  type ScalingSettings,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ScalingPlanResponse } from '../api/planTypes';

const START = Date.parse('2026-12-01T00:00:00Z');

/** The settings of `inServiceSnapshot`'s AllTraffic variant. */
export const FIXTURE_CURRENT_SETTINGS: ScalingSettings = {
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
  scaleInCooldown: 700,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

function toReplay(result: ScalingReplayResult) {
  return {
    timeline: result.timeline.map(p => ({
      timestamp: new Date(p.timestamp).toISOString(),
      instances: p.instances,
      loadPerInstance: p.loadPerInstance,
    })),
    summary: result.summary,
  };
}

/**
 * Two hours of a constant 150 invocations per minute replayed through the fixture's
 * current settings and `proposed`, from 3 instances, at `price` (default: the bundled
 * price of ml.m5.large).
 */
export function constantLoadPlan(
  proposed: ScalingSettings,
  price: InstancePrice = resolveInstancePrice('ml.m5.large'),
): ScalingPlanResponse {
  const series = Array.from({ length: 120 }, (_, i) => ({
    timestamp: START + i * 60_000,
    value: 150,
  }));
  const comparison = compareScalingSettings({
    current: FIXTURE_CURRENT_SETTINGS,
    proposed,
    series,
    initialInstances: 3,
    provisioningDelayMinutes: DEFAULT_PROVISIONING_DELAY_MINUTES,
    price,
  });
  return {
    variantName: 'AllTraffic',
    current: toReplay(comparison.current),
    proposed: toReplay(comparison.proposed),
    difference: comparison.difference,
    assumptions: {
      provisioningDelay: provisioningDelayFromActivities([]),
      alarmRules: {
        highAlarmDatapoints: TARGET_TRACKING_HIGH_DATAPOINTS,
        lowAlarmDatapoints: TARGET_TRACKING_LOW_DATAPOINTS,
        lowAlarmThresholdRatio: TARGET_TRACKING_LOW_THRESHOLD_RATIO,
        scaleInEffectMinutes: 1,
        description:
          'Scale-out after 3 consecutive minutes above the target; scale-in after 15 consecutive minutes below 90 % of it.',
      },
      price,
      traffic: {
        source: 'cloudwatch',
        minutes: series.length,
        from: new Date(series[0].timestamp).toISOString(),
        to: new Date(series[series.length - 1].timestamp).toISOString(),
      },
      initialInstances: { value: 3, source: 'history' },
    },
  };
}

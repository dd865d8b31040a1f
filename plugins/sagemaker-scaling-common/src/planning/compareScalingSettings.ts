/**
 * The current and the proposed settings replayed side by side over the same traffic,
 * with what changes.
 */
import type { ScalingSettings } from '../manifests';
import { PlannerInputError } from './PlannerInputError';
import { replayMinuteSeries } from './replayMinuteSeries';
import { toMinuteSeries } from './toMinuteSeries';
import type { ScalingReplayInput, ScalingReplayResult } from './types';
import {
  validatePlannerSettings,
  validateReplayConditions,
} from './validateReplayInput';

/** Input of {@link compareScalingSettings}. @public */
export interface ScalingComparisonInput
  extends Omit<ScalingReplayInput, 'settings' | 'loadLimitPerInstance'> {
  current: ScalingSettings;
  proposed: ScalingSettings;
}

/** Proposed minus current. @public */
export interface ScalingComparisonDifference {
  instanceHours: number;
  /** At the 730-hour run-rate; `undefined` when the price is unknown. */
  monthlyCostUsd?: number;
  /** Each against its own target. */
  minutesAboveTarget: number;
  /**
   * Both against the current target: a higher proposed target is "above target" less
   * often by definition, this says whether the instances are really busier.
   */
  minutesAboveCurrentTarget: number;
}

/** Output of {@link compareScalingSettings}. @public */
export interface ScalingComparison {
  current: ScalingReplayResult;
  proposed: ScalingReplayResult;
  difference: ScalingComparisonDifference;
}

/**
 * Replays the current and the proposed settings on the same series, from the same
 * instances, with the same provisioning delay and price.
 * @throws {@link PlannerInputError} naming each broken field (`current.*`, `proposed.*`).
 * @public
 */
export function compareScalingSettings(
  input: ScalingComparisonInput,
): ScalingComparison {
  const issues = [
    ...validatePlannerSettings(input.current, 'current'),
    ...validatePlannerSettings(input.proposed, 'proposed'),
    ...validateReplayConditions(input),
  ];
  if (issues.length > 0) throw new PlannerInputError(issues);
  const series = toMinuteSeries(input.series);
  const replay = (settings: ScalingSettings) =>
    replayMinuteSeries(series, settings, {
      initialInstances: input.initialInstances,
      provisioningDelayMinutes: input.provisioningDelayMinutes,
      price: input.price,
      loadLimitPerInstance: input.current.targetValue,
      detail: true,
    });
  const current = replay(input.current);
  const proposed = replay(input.proposed);
  const a = current.summary;
  const b = proposed.summary;
  return {
    current,
    proposed,
    difference: {
      instanceHours: b.instanceHours - a.instanceHours,
      monthlyCostUsd:
        a.monthlyCostUsd === undefined || b.monthlyCostUsd === undefined
          ? undefined
          : b.monthlyCostUsd - a.monthlyCostUsd,
      minutesAboveTarget: b.minutesAboveTarget - a.minutesAboveTarget,
      minutesAboveCurrentTarget:
        (b.minutesAboveLoadLimit ?? 0) - (a.minutesAboveLoadLimit ?? 0),
    },
  };
}

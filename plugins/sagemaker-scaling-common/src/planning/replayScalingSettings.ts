/**
 * The what-if replay: an endpoint's own invocations per minute through proposed scaling
 * settings, before they are saved.
 */
import { PlannerInputError } from './PlannerInputError';
import { replayMinuteSeries } from './replayMinuteSeries';
import { toMinuteSeries } from './toMinuteSeries';
import type { ScalingReplayInput, ScalingReplayResult } from './types';
import {
  validatePlannerSettings,
  validateReplayConditions,
} from './validateReplayInput';

/**
 * Replays a series of total invocations per minute through scaling settings, minute by
 * minute with Application Auto Scaling's target-tracking rules (`evaluateTargetTracking`):
 * the metric is invocations per instance in service; a scale-out reaches service after
 * the provisioning delay, a scale-in after a minute; gaps in the series are minutes
 * without data, on which the alarms do not act.
 *
 * Returns the timeline (one point per minute), the summary (instance-hours, cost when the
 * price is known, minutes above target, peak, minutes at max, scaling events) and the
 * decisions of the minutes at which an alarm fired, with the AWS NotScaledReason code
 * where the model refused a change.
 *
 * @throws {@link PlannerInputError} naming each broken field and rule.
 * @public
 */
export function replayScalingSettings(
  input: ScalingReplayInput,
): ScalingReplayResult {
  const issues = [
    ...validatePlannerSettings(input.settings),
    ...validateReplayConditions(input),
  ];
  if (issues.length > 0) throw new PlannerInputError(issues);
  return replayMinuteSeries(toMinuteSeries(input.series), input.settings, {
    initialInstances: input.initialInstances,
    provisioningDelayMinutes: input.provisioningDelayMinutes,
    price: input.price,
    loadLimitPerInstance: input.loadLimitPerInstance,
    detail: true,
  });
}

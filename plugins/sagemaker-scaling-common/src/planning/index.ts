/**
 * The what-if planner: replay an endpoint's own traffic through proposed scaling settings
 * before they are saved, compare, measure the provisioning delay, and suggest settings.
 */
export * from './types';
export { PlannerInputError } from './PlannerInputError';
export {
  MAX_REPLAY_MINUTES,
  validateInvocationSeries,
} from './validateInvocationSeries';
export {
  validatePlannerSettings,
  validateReplayConditions,
} from './validateReplayInput';
export { SCALE_IN_EFFECT_MINUTES } from './replayMinuteSeries';
export { replayScalingSettings } from './replayScalingSettings';
export * from './compareScalingSettings';
export * from './provisioningDelayFromActivities';
export * from './suggestScalingSettings';
export * from './planRoute';

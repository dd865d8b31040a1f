/**
 * The target-tracking model: Application Auto Scaling's documented rules as pure,
 * deterministic functions shared by the sandbox cluster and the what-if planner.
 */
export * from './types';
export * from './rules';
export { evaluateTargetTracking } from './evaluateTargetTracking';
export { combineTargetTrackingDecisions } from './combineTargetTrackingDecisions';
export { notScaledReasonCode } from './notScaledReason';
export { breachesHighAlarm, breachesLowAlarm } from './alarmBreaches';
export type { NotScaledReasonCode } from './notScaledReason';

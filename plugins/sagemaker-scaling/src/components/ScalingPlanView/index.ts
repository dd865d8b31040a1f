export { ScalingPlanView, type ScalingPlanViewProps } from './ScalingPlanView';

export { LazyScalingChart } from './LazyScalingChart';
export type { ScalingChartProps } from './ScalingChart';

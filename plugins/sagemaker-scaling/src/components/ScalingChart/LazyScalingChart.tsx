import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import type { ScalingChartProps } from './ScalingChart';

// recharts is big: it is only fetched when a chart is actually shown (the tab), never
// for the card.
const ScalingChart = lazy(() => import('./ScalingChart'));

/**
 * {@link ScalingChart}, loaded on first render.
 * @internal
 */
export function LazyScalingChart(props: ScalingChartProps) {
  return (
    <Suspense fallback={<Progress />}>
      <ScalingChart {...props} />
    </Suspense>
  );
}

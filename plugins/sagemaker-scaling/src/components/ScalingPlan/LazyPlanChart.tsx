import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import type { PlanChartProps } from './PlanChart';

// recharts is big: fetched only when a plan is shown.
const PlanChart = lazy(() => import('./PlanChart'));

/**
 * {@link PlanChart}, loaded on first render.
 * @internal
 */
export function LazyPlanChart(props: PlanChartProps) {
  return (
    <Suspense fallback={<Progress />}>
      <PlanChart {...props} />
    </Suspense>
  );
}

import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The sub-views of the Scaling tab, in the order of their tabs. @internal */
export const SCALING_VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'plan', label: 'Plan' },
  { id: 'history', label: 'History' },
] as const;

/** One sub-view of the Scaling tab. @internal */
export type ScalingView = (typeof SCALING_VIEWS)[number]['id'];

/** The query parameter that names the sub-view, so links and the back button reach it. */
export const SCALING_VIEW_PARAM = 'view';

function isScalingView(value: string | null): value is ScalingView {
  return SCALING_VIEWS.some(v => v.id === value);
}

/**
 * The Scaling tab's selected sub-view, kept in the URL (`?view=plan`): unknown or absent
 * means "overview". Selecting one pushes a history entry, so the browser's back button
 * returns to the previous view; other query parameters are kept.
 * @internal
 */
export function useScalingView(): [ScalingView, (view: ScalingView) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const value = searchParams.get(SCALING_VIEW_PARAM);
  const view: ScalingView = isScalingView(value) ? value : 'overview';
  const select = useCallback(
    (next: ScalingView) =>
      setSearchParams(prev => {
        const params = new URLSearchParams(prev);
        if (next === 'overview') {
          params.delete(SCALING_VIEW_PARAM);
        } else {
          params.set(SCALING_VIEW_PARAM, next);
        }
        return params;
      }),
    [setSearchParams],
  );
  return [view, select];
}

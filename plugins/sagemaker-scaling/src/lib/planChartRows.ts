import type { ScalingPlanResponse } from '../api/planTypes';

/** One row of the plan chart: both replays at one time. @internal */
export interface PlanChartRow {
  time: number;
  current?: number;
  proposed?: number;
  currentLoad?: number;
  proposedLoad?: number;
}

/** Most rows drawn: a 14-day replay has 20,160 minutes, more than a chart has pixels. */
export const MAX_PLAN_CHART_ROWS = 480;

/**
 * The current and the proposed timelines joined by minute, in buckets of equal length
 * when there are more than {@link MAX_PLAN_CHART_ROWS} minutes: the most instances and
 * the highest load of each bucket, so that peaks stay visible.
 * @internal
 */
export function planChartRows(plan: ScalingPlanResponse): PlanChartRow[] {
  const byTime = new Map<number, PlanChartRow>();
  const row = (time: number) => {
    let found = byTime.get(time);
    if (!found) {
      found = { time };
      byTime.set(time, found);
    }
    return found;
  };
  for (const p of plan.current.timeline) {
    const r = row(Date.parse(p.timestamp));
    r.current = p.instances;
    r.currentLoad = p.loadPerInstance ?? undefined;
  }
  for (const p of plan.proposed.timeline) {
    const r = row(Date.parse(p.timestamp));
    r.proposed = p.instances;
    r.proposedLoad = p.loadPerInstance ?? undefined;
  }
  const rows = [...byTime.values()].sort((a, b) => a.time - b.time);
  if (rows.length <= MAX_PLAN_CHART_ROWS) {
    return rows;
  }
  const size = Math.ceil(rows.length / MAX_PLAN_CHART_ROWS);
  const buckets: PlanChartRow[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size);
    const peak = (key: Exclude<keyof PlanChartRow, 'time'>) => {
      const values = slice
        .map(r => r[key])
        .filter((v): v is number => v !== undefined);
      return values.length ? Math.max(...values) : undefined;
    };
    buckets.push({
      time: slice[0].time,
      current: peak('current'),
      proposed: peak('proposed'),
      currentLoad: peak('currentLoad'),
      proposedLoad: peak('proposedLoad'),
    });
  }
  return buckets;
}

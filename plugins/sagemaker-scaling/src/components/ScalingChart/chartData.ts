import type { ScalingHistoryPoint } from '@mlplatform/plugin-sagemaker-scaling-common';

/** One x position of the charts. @internal */
export interface ChartRow {
  time: number;
  desired?: number;
  current?: number;
  /** [min, max] for the capacity band. */
  range?: [number, number];
  load?: number;
  target?: number;
}

/** History points of one variant as chart rows, oldest first. @internal */
export function toChartRows(
  history: ScalingHistoryPoint[],
  variantName: string,
): ChartRow[] {
  return history
    .filter(p => p.variantName === variantName)
    .map(p => ({
      time: Date.parse(p.timestamp),
      desired: p.desiredInstanceCount,
      current: p.currentInstanceCount,
      range:
        p.minCapacity !== undefined && p.maxCapacity !== undefined
          ? ([p.minCapacity, p.maxCapacity] as [number, number])
          : undefined,
      load: p.loadPerInstance,
      target: p.targetValue,
    }))
    .filter(row => !Number.isNaN(row.time))
    .sort((a, b) => a.time - b.time);
}

/** A sentence describing the capacity chart, for screen readers. @internal */
export function describeCapacity(rows: ChartRow[]): string {
  if (rows.length === 0) {
    return 'No capacity history.';
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const peak = Math.max(...rows.map(r => r.desired ?? 0));
  return `Desired instances went from ${first.desired ?? 'unknown'} to ${
    last.desired ?? 'unknown'
  } (peak ${peak})${
    last.range ? `, within min ${last.range[0]} and max ${last.range[1]}` : ''
  }.`;
}

/** A sentence describing the load chart, for screen readers. @internal */
export function describeLoad(rows: ChartRow[]): string {
  const loads = rows.filter(r => r.load !== undefined);
  if (loads.length === 0) {
    return 'No load history.';
  }
  const last = loads[loads.length - 1];
  const peak = Math.max(...loads.map(r => r.load!));
  return `Load per instance peaked at ${peak} and is now ${last.load}${
    last.target !== undefined ? ` against a target of ${last.target}` : ''
  }.`;
}

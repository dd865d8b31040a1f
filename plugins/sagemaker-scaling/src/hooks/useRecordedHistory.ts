import { useEffect, useState } from 'react';
import type {
  ScalingHistoryPoint,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { snapshotPoints } from '../lib/chartHistory';

const MAX_POINTS = 1000;

/**
 * Records a history point per variant for every snapshot seen while the page is open,
 * so the chart moves with live updates even when the backend keeps no history.
 * @internal
 */
export function useRecordedHistory(
  snapshot: ScalingSnapshot,
): ScalingHistoryPoint[] {
  const [points, setPoints] = useState<ScalingHistoryPoint[]>([]);
  useEffect(() => {
    const now = new Date().toISOString();
    setPoints(prev =>
      [...prev, ...snapshotPoints(snapshot, now)].slice(-MAX_POINTS),
    );
  }, [snapshot]);
  return points;
}

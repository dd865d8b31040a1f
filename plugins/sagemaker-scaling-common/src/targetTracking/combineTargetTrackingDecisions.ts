/**
 * Several target-tracking policies on one target: scale out if any asks, scale in only
 * if every policy with scale-in enabled agrees; the largest capacity wins.
 */
import type { TargetTrackingDecision } from './types';

/**
 * Combines the decisions of several policies on one scalable target.
 * @public
 */
export function combineTargetTrackingDecisions(
  currentCapacity: number,
  decisions: ReadonlyArray<{
    decision: TargetTrackingDecision;
    disableScaleIn?: boolean;
  }>,
): {
  action: TargetTrackingDecision['action'];
  desiredCapacity: number;
  index?: number;
} {
  let best: { index: number; capacity: number } | undefined;
  decisions.forEach(({ decision }, index) => {
    if (
      decision.action === 'scale-out' &&
      (!best || decision.desiredCapacity > best.capacity)
    ) {
      best = { index, capacity: decision.desiredCapacity };
    }
  });
  if (best) {
    return {
      action: 'scale-out',
      desiredCapacity: best.capacity,
      index: best.index,
    };
  }
  const voters = decisions.filter(d => !d.disableScaleIn);
  if (
    voters.length > 0 &&
    voters.every(d => d.decision.action === 'scale-in')
  ) {
    let chosen = -1;
    let capacity = -Infinity;
    decisions.forEach(({ decision, disableScaleIn }, index) => {
      if (!disableScaleIn && decision.desiredCapacity > capacity) {
        capacity = decision.desiredCapacity;
        chosen = index;
      }
    });
    return { action: 'scale-in', desiredCapacity: capacity, index: chosen };
  }
  return { action: 'none', desiredCapacity: currentCapacity };
}

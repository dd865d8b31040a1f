/**
 * ACK conditions as the runtime sets them, including the derived `Ready` condition.
 */
import type { AckCondition } from '@mlplatform/plugin-sagemaker-scaling-common';

/** What one reconcile found. @internal */
export interface ReconcileOutcome {
  synced: 'True' | 'False' | 'Unknown';
  syncedMessage?: string;
  terminal?: string;
  recoverable?: string;
}

const SYNCED_TRUE = 'Resource synced successfully';
const SYNCED_UNKNOWN =
  'Unable to determine if desired resource state matches latest observed state';

/**
 * Builds `status.conditions`, keeping `lastTransitionTime` of conditions whose status
 * did not change.
 * @internal
 */
export function buildConditions(
  outcome: ReconcileOutcome,
  previous: AckCondition[] | undefined,
  now: string,
): AckCondition[] {
  const next: Omit<AckCondition, 'lastTransitionTime'>[] = [];
  if (outcome.terminal) {
    next.push({
      type: 'ACK.Terminal',
      status: 'True',
      message: outcome.terminal,
    });
  }
  if (outcome.recoverable) {
    next.push({
      type: 'ACK.Recoverable',
      status: 'True',
      message: outcome.recoverable,
    });
  }
  const defaultMessages = {
    True: SYNCED_TRUE,
    Unknown: SYNCED_UNKNOWN,
    False: 'Resource not synced',
  };
  const syncedMessage =
    outcome.syncedMessage ?? defaultMessages[outcome.synced];
  const synced = {
    type: 'ACK.ResourceSynced',
    status: outcome.synced,
    message: syncedMessage,
  } as const;
  next.push(synced);
  // Ready is derived as the runtime's ensureConditions does.
  if (outcome.terminal) {
    next.push({
      type: 'Ready',
      status: 'False',
      reason: 'ACK.Terminal',
      message: outcome.terminal,
    });
  } else if (outcome.recoverable) {
    next.push({
      type: 'Ready',
      status: 'False',
      reason: 'ACK.Recoverable',
      message: outcome.recoverable,
    });
  } else {
    next.push({
      type: 'Ready',
      status: synced.status,
      message: synced.message,
    });
  }
  return next.map(c => {
    const old = previous?.find(p => p.type === c.type);
    return {
      ...c,
      lastTransitionTime:
        old && old.status === c.status ? old.lastTransitionTime : now,
    };
  });
}

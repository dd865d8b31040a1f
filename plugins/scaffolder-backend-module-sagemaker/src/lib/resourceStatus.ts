/**
 * Reads what an ACK object's status says: synced, terminal, recoverable, endpoint status.
 */
import type {
  AckCondition,
  AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** ACK condition types (aws-controllers-k8s/runtime `apis/core/v1alpha1/conditions.go`). */
const SYNCED = 'ACK.ResourceSynced';
const TERMINAL = 'ACK.Terminal';
const RECOVERABLE = 'ACK.Recoverable';

/**
 * The facts of one object's status that waiting cares about.
 * @internal
 */
export interface ResourceStatusSummary {
  /** `ACK.ResourceSynced` status, `Unknown` when the controller has not said yet. */
  synced: 'True' | 'False' | 'Unknown';
  /** Message of a `ACK.Terminal=True` condition. */
  terminal?: string;
  /** Message of a `ACK.Recoverable=True` condition. */
  recoverable?: string;
  /** Endpoint only: `status.endpointStatus`. */
  endpointStatus?: string;
  /** Endpoint only: `status.failureReason`. */
  failureReason?: string;
  /** Being deleted (has a deletionTimestamp). */
  deleting: boolean;
}

function condition(
  conditions: AckCondition[] | undefined,
  type: string,
): AckCondition | undefined {
  return conditions?.find(c => c.type === type);
}

function messageOf(c: AckCondition): string {
  return c.message || c.reason || `${c.type} is ${c.status}`;
}

/** @internal */
export function summarizeResourceStatus(
  object: AnyAckResource,
): ResourceStatusSummary {
  const conditions = object.status?.conditions;
  const synced = condition(conditions, SYNCED)?.status ?? 'Unknown';
  const terminal = condition(conditions, TERMINAL);
  const recoverable = condition(conditions, RECOVERABLE);
  const summary: ResourceStatusSummary = {
    synced,
    deleting: Boolean(object.metadata.deletionTimestamp),
  };
  if (terminal?.status === 'True') {
    summary.terminal = messageOf(terminal);
  }
  if (recoverable?.status === 'True') {
    summary.recoverable = messageOf(recoverable);
  }
  if (object.kind === 'Endpoint') {
    summary.endpointStatus = object.status?.endpointStatus;
    summary.failureReason = object.status?.failureReason;
  }
  return summary;
}

/**
 * A one-line description of a status, used to log transitions:
 * `InService, synced` or `synced=False (Endpoint is in Creating status.)`.
 * @internal
 */
export function describeResourceStatus(object: AnyAckResource): string {
  const s = summarizeResourceStatus(object);
  const parts: string[] = [];
  if (s.deleting) {
    parts.push('deleting');
  }
  if (s.endpointStatus) {
    parts.push(s.endpointStatus);
  }
  const syncedCondition = condition(object.status?.conditions, SYNCED);
  if (s.synced === 'True') {
    parts.push('synced');
  } else {
    const why = syncedCondition?.message ? ` (${syncedCondition.message})` : '';
    parts.push(`synced=${s.synced}${why}`);
  }
  if (s.terminal) {
    parts.push(`Terminal: ${s.terminal}`);
  }
  if (s.recoverable) {
    parts.push(`Recoverable: ${s.recoverable}`);
  }
  if (s.failureReason) {
    parts.push(`failure reason: ${s.failureReason}`);
  }
  return parts.join(', ');
}

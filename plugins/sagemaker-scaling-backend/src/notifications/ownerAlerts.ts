import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  isNotScaledActivity,
  type ScalingActivity,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * The findings an owner must act on, and so may be notified of: the snapshot's findings
 * of these codes, plus `scaling-activity-failed` (the latest activity of a variant failed).
 * @internal
 */
export const NOTIFIED_FINDINGS = [
  'at-max-capacity',
  'endpoint-failed',
  'terminal-condition',
  'scaling-activity-failed',
] as const;

/** One of {@link NOTIFIED_FINDINGS}. @internal */
export type NotifiedFinding = (typeof NOTIFIED_FINDINGS)[number];

type NotificationSeverity = NonNullable<
  NotificationSendOptions['payload']['severity']
>;

/** Severity of the notification that a finding starts. @internal */
export const ALERT_SEVERITY: Record<NotifiedFinding, NotificationSeverity> = {
  'endpoint-failed': 'critical',
  'terminal-condition': 'high',
  'at-max-capacity': 'high',
  'scaling-activity-failed': 'normal',
};

/** What each finding is called in a notification's title. @internal */
export const ALERT_TITLES: Record<NotifiedFinding, string> = {
  'endpoint-failed': 'SageMaker endpoint failed',
  'terminal-condition': 'SageMaker scaling resource in a terminal state',
  'at-max-capacity': 'SageMaker endpoint pinned at its maximum capacity',
  'scaling-activity-failed': 'SageMaker scaling activity failed',
};

/** One open problem of an entity's endpoint, per finding code (all its variants in one). @internal */
export interface OwnerAlert {
  code: NotifiedFinding;
  /** Short title, without the entity. */
  title: string;
  /** The finding messages, one per line. */
  description: string;
}

/** The latest scaling activity of each scaled resource, when it failed. */
function failedLatestActivities(activities: ScalingActivity[]) {
  const latest = new Map<string, ScalingActivity>();
  // Activities are most recent first.
  for (const a of activities) {
    // A decision not to scale (e.g. AlreadyAtMaxCapacity) has AWS's status Failed but is
    // no failure: at-max-capacity and the explanation cover it.
    if (isNotScaledActivity(a)) continue;
    const key = `${a.resourceId}|${a.scalableDimension}`;
    if (!latest.has(key)) latest.set(key, a);
  }
  return [...latest.values()].filter(a => a.statusCode === 'Failed');
}

/** The {@link OwnerAlert}s of a snapshot, for the `codes` asked for. @internal */
export function ownerAlerts(
  snapshot: ScalingSnapshot,
  codes: readonly NotifiedFinding[],
): OwnerAlert[] {
  const byCode = new Map<NotifiedFinding, string[]>();
  const add = (code: NotifiedFinding, line: string) => {
    if (codes.includes(code))
      byCode.set(code, [...(byCode.get(code) ?? []), line]);
  };
  for (const finding of snapshot.findings) {
    if ((NOTIFIED_FINDINGS as readonly string[]).includes(finding.code)) {
      add(finding.code as NotifiedFinding, finding.message);
    }
  }
  for (const a of failedLatestActivities(snapshot.activities)) {
    add(
      'scaling-activity-failed',
      `${a.description} failed${
        a.statusMessage ? `: ${a.statusMessage}` : '.'
      }`,
    );
  }
  return [...byCode].map(([code, lines]) => ({
    code,
    title: ALERT_TITLES[code],
    description: lines.join('\n'),
  }));
}

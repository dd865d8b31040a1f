/**
 * The "AWS side" of Application Auto Scaling: its scalable targets, scaling policies and
 * scaling activities behind one service, which also keeps what spans them (a
 * deregistered target loses its policies; new limits move capacity; a target-tracking
 * policy's CloudWatch alarms live and die with it).
 */
import type {
  AasActivity,
  AasAlarm,
  AasPolicy,
  AasTarget,
  TargetKey,
} from './applicationAutoScalingTypes';
import { targetKey } from './applicationAutoScalingTypes';
import type { CloudWatchAlarms } from './CloudWatchAlarms';
import { ScalableTargets } from './ScalableTargets';
import { ScalingActivities } from './ScalingActivities';
import { ScalingPolicies } from './ScalingPolicies';

/**
 * Simulated Application Auto Scaling.
 * @internal
 */
export class ApplicationAutoScalingService {
  readonly #targets: ScalableTargets;
  readonly #policies: ScalingPolicies;
  readonly #activities: ScalingActivities;
  /** By target key. */
  readonly targets: Map<string, AasTarget>;
  /** By target key, then policy name. */
  readonly policies: Map<string, Map<string, AasPolicy>>;
  /** By target key, newest first. */
  readonly activities: Map<string, AasActivity[]>;
  /** Called when registering moves capacity into new limits. */
  onLimitsChanged: (target: AasTarget) => void = () => {};

  constructor(
    account: { region: string; accountId: string },
    private readonly now: () => number,
    /** Where the alarms of target-tracking policies are created (CloudWatch's). */
    private readonly alarms: CloudWatchAlarms,
  ) {
    this.#targets = new ScalableTargets(account, now);
    this.#policies = new ScalingPolicies(account, now, k =>
      this.#targets.byKey.has(k),
    );
    this.#activities = new ScalingActivities();
    this.targets = this.#targets.byKey;
    this.policies = this.#policies.byTarget;
    this.activities = this.#activities.byTarget;
  }

  getTarget(k: TargetKey): AasTarget | undefined {
    return this.targets.get(targetKey(k));
  }

  registerScalableTarget(input: any): { ScalableTargetARN: string } {
    const target = this.#targets.register(input);
    this.onLimitsChanged(target);
    return { ScalableTargetARN: target.ScalableTargetARN };
  }

  describeScalableTargets(input: any) {
    return this.#targets.describe(input);
  }

  deregisterScalableTarget(input: any) {
    const k = this.#targets.deregister(input);
    // Deregistering deletes the target's scaling policies and their alarms, as in AWS.
    for (const policy of this.policies.get(k)?.values() ?? []) {
      this.alarms.delete(policy.Alarms.map(a => a.AlarmName));
    }
    this.policies.delete(k);
    return {};
  }

  putScalingPolicy(input: any): { PolicyARN: string; Alarms: AasAlarm[] } {
    const before = this.#policyNamed(input);
    const output = this.#policies.put(input);
    const policy = this.#policies
      .of(input)
      .find(p => p.PolicyARN === output.PolicyARN)!;
    // A policy that stopped being target tracking loses its alarms.
    const kept = new Set(policy.Alarms.map(a => a.AlarmName));
    this.alarms.delete(
      (before?.Alarms ?? []).map(a => a.AlarmName).filter(n => !kept.has(n)),
    );
    this.alarms.putTargetTrackingAlarms(policy, this.now());
    return output;
  }

  describeScalingPolicies(input: any) {
    return this.#policies.describe(input);
  }

  deleteScalingPolicy(input: any) {
    const policy = this.#policyNamed(input);
    const output = this.#policies.delete(input);
    if (policy) this.alarms.delete(policy.Alarms.map(a => a.AlarmName));
    return output;
  }

  describeScalingActivities(input: any) {
    return this.#activities.describe(input);
  }

  /** The policy a (not yet validated) request names, if any. */
  #policyNamed(input: any): AasPolicy | undefined {
    if (typeof input !== 'object' || input === null) return undefined;
    return this.#policies
      .of(input)
      .find(p => p.PolicyName === input.PolicyName);
  }

  policiesOf(k: TargetKey): AasPolicy[] {
    return this.#policies.of(k);
  }

  /** Records a new activity (newest first). */
  recordActivity(activity: Omit<AasActivity, 'ActivityId'>): AasActivity {
    return this.#activities.record(activity);
  }
}

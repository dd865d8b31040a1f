/**
 * The "AWS side" of Application Auto Scaling: its scalable targets, scaling policies and
 * scaling activities behind one service, which also keeps what spans them (a
 * deregistered target loses its policies; new limits move capacity).
 */
import type {
  AasActivity,
  AasAlarm,
  AasPolicy,
  AasTarget,
  TargetKey,
} from './applicationAutoScalingTypes';
import { targetKey } from './applicationAutoScalingTypes';
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
    now: () => number,
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
    // Deregistering deletes the target's scaling policies, as in AWS.
    this.policies.delete(k);
    return {};
  }

  putScalingPolicy(input: any): { PolicyARN: string; Alarms: AasAlarm[] } {
    return this.#policies.put(input);
  }

  describeScalingPolicies(input: any) {
    return this.#policies.describe(input);
  }

  deleteScalingPolicy(input: any) {
    return this.#policies.delete(input);
  }

  describeScalingActivities(input: any) {
    return this.#activities.describe(input);
  }

  policiesOf(k: TargetKey): AasPolicy[] {
    return this.#policies.of(k);
  }

  /** Records a new activity (newest first). */
  recordActivity(activity: Omit<AasActivity, 'ActivityId'>): AasActivity {
    return this.#activities.record(activity);
  }
}

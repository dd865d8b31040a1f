/**
 * Runs Application Auto Scaling's target tracking once per simulated minute for every
 * SageMaker variant target: metric from synthetic traffic, decision from the shared
 * target-tracking model, capacity change through SageMaker, activities recorded AWS-style.
 */
import {
  combineTargetTrackingDecisions,
  evaluateTargetTracking,
  parseVariantResourceId,
  TargetTrackingCooldownState,
  TargetTrackingDecision,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  AasActivity,
  AasTarget,
  ApplicationAutoScalingService,
} from '../aws/ApplicationAutoScalingService';
import { targetKey } from '../aws/ApplicationAutoScalingService';
import type { SageMakerService } from '../aws/SageMakerService';
import { invocationsAt, TrafficSettings } from './traffic';

const MINUTE = 60_000;
/** Datapoints kept per variant (one day). */
const HISTORY_MINUTES = 1440;

/** One per-minute datapoint of a variant. @public */
export interface VariantMetricPoint {
  /** Start of the minute (ms). */
  timestamp: number;
  invocations: number;
  /** Instances serving during the minute. */
  instances: number;
  /** InvocationsPerInstance; null when no instance served. */
  invocationsPerInstance: number | null;
}

interface TargetState {
  cooldowns: Map<string, TargetTrackingCooldownState>;
  pending?: { activity: AasActivity; desired: number };
  alarms: Map<string, { high: string; low: string }>;
}

/** @internal */
export interface ScalingSimulatorOptions {
  sagemaker: SageMakerService;
  aas: ApplicationAutoScalingService;
  /** Traffic of an AWS endpoint name, with the time (ms) it started. */
  trafficFor: (endpointName: string) => {
    settings: TrafficSettings;
    since: number;
  };
  /** Simulated time (ms). */
  now: () => number;
}

/**
 * Per-minute target tracking over the simulated services.
 * @internal
 */
export class ScalingSimulator {
  readonly #o: ScalingSimulatorOptions;
  readonly #targets = new Map<string, TargetState>();
  /** By `endpointName/variantName`. */
  readonly #metrics = new Map<string, VariantMetricPoint[]>();
  #lastMinute: number | undefined;

  constructor(options: ScalingSimulatorOptions) {
    this.#o = options;
    options.aas.onLimitsChanged = target => this.#clampToLimits(target);
  }

  /** Evaluates every whole minute that ended up to `now`; completes finished activities. */
  tick(now: number): boolean {
    let changed = this.#completeActivities(now);
    const minute = Math.floor(now / MINUTE);
    if (this.#lastMinute === undefined) {
      this.#lastMinute = minute;
      return changed;
    }
    // Long jumps are capped at a day: older minutes would fall out of the history anyway.
    const from = Math.max(this.#lastMinute + 1, minute - HISTORY_MINUTES);
    for (let m = from; m <= minute; m++) {
      this.#sampleMinute(m - 1);
      changed = this.#evaluateMinute(m * MINUTE) || changed;
      changed = this.#completeActivities(m * MINUTE) || changed;
    }
    this.#lastMinute = minute;
    return changed;
  }

  /** Per-minute metric history of a variant, oldest first. */
  metrics(endpointName: string, variantName: string): VariantMetricPoint[] {
    return this.#metrics.get(`${endpointName}/${variantName}`) ?? [];
  }

  /** Alarm states of a policy at the last evaluation. */
  alarmStates(target: AasTarget, policyName: string) {
    return this.#targets.get(targetKey(target))?.alarms.get(policyName);
  }

  #sampleMinute(minute: number) {
    const { sagemaker } = this.#o;
    for (const endpoint of sagemaker.endpoints.values()) {
      const serving =
        endpoint.status === 'InService' || endpoint.status === 'Updating';
      if (!serving) continue;
      const { settings, since } = this.#o.trafficFor(endpoint.name);
      const minutesSince = Math.max(0, minute - Math.floor(since / MINUTE));
      const total = invocationsAt(settings, minutesSince);
      const totalWeight =
        endpoint.variants.reduce((s, v) => s + v.currentWeight, 0) || 1;
      for (const v of endpoint.variants) {
        const invocations = Math.round((total * v.currentWeight) / totalWeight);
        const instances = v.currentInstanceCount;
        const key = `${endpoint.name}/${v.variantName}`;
        const history = this.#metrics.get(key) ?? [];
        history.push({
          timestamp: minute * MINUTE,
          invocations,
          instances,
          invocationsPerInstance:
            instances > 0 ? invocations / instances : null,
        });
        if (history.length > HISTORY_MINUTES)
          history.splice(0, history.length - HISTORY_MINUTES);
        this.#metrics.set(key, history);
      }
    }
  }

  #state(target: AasTarget): TargetState {
    const k = targetKey(target);
    let s = this.#targets.get(k);
    if (!s) {
      s = { cooldowns: new Map(), alarms: new Map() };
      this.#targets.set(k, s);
    }
    return s;
  }

  #evaluateMinute(now: number): boolean {
    const { aas, sagemaker } = this.#o;
    let changed = false;
    for (const target of aas.targets.values()) {
      if (
        target.ServiceNamespace !== 'sagemaker' ||
        target.ScalableDimension !== 'sagemaker:variant:DesiredInstanceCount'
      )
        continue;
      const ref = parseVariantResourceId(target.ResourceId);
      const endpoint = ref && sagemaker.endpoints.get(ref.endpointName);
      const variant = endpoint?.variants.find(
        v => v.variantName === ref!.variantName,
      );
      if (
        !endpoint ||
        !variant ||
        !['InService', 'Updating'].includes(endpoint.status)
      )
        continue;
      const policies = aas
        .policiesOf(target)
        .filter(
          p =>
            p.PolicyType === 'TargetTrackingScaling' &&
            p.TargetTrackingScalingPolicyConfiguration,
        );
      if (policies.length === 0) continue;
      const state = this.#state(target);
      const history = this.metrics(endpoint.name, variant.variantName)
        .filter(p => p.timestamp < now)
        .slice(-30);
      // A minute without a sample is a missing datapoint.
      const metric: Array<number | null> = [];
      for (let t = now - 30 * MINUTE; t < now; t += MINUTE) {
        const point = history.find(p => p.timestamp === t);
        metric.push(point ? point.invocationsPerInstance : null);
      }
      const decisions = policies.map(p => {
        const c = p.TargetTrackingScalingPolicyConfiguration!;
        const decision: TargetTrackingDecision = evaluateTargetTracking({
          policy: {
            targetValue: c.TargetValue,
            scaleInCooldown: c.ScaleInCooldown,
            scaleOutCooldown: c.ScaleOutCooldown,
            disableScaleIn: c.DisableScaleIn,
          },
          minCapacity: target.MinCapacity,
          maxCapacity: target.MaxCapacity,
          currentCapacity: variant.desiredInstanceCount,
          suspended: {
            dynamicScalingInSuspended:
              target.SuspendedState.DynamicScalingInSuspended,
            dynamicScalingOutSuspended:
              target.SuspendedState.DynamicScalingOutSuspended,
          },
          metric,
          now,
          cooldown: state.cooldowns.get(p.PolicyName),
        });
        state.alarms.set(p.PolicyName, {
          high: decision.alarmHigh,
          low: decision.alarmLow,
        });
        return { policy: p, decision, disableScaleIn: c.DisableScaleIn };
      });
      const combined = combineTargetTrackingDecisions(
        variant.desiredInstanceCount,
        decisions,
      );
      for (const d of decisions) {
        if (
          d.decision.action === 'none' ||
          (combined.index !== undefined && decisions[combined.index] === d)
        ) {
          state.cooldowns.set(d.policy.PolicyName, d.decision.cooldown);
        }
      }
      if (combined.action === 'none' || combined.index === undefined) continue;
      const chosen = decisions[combined.index];
      const alarmKind =
        chosen.decision.alarm === 'AlarmHigh' ? 'AlarmHigh' : 'AlarmLow';
      const alarm = chosen.policy.Alarms.find(a =>
        a.AlarmName.includes(`-${alarmKind}-`),
      );
      this.#setCapacity(
        target,
        endpoint.name,
        variant.variantName,
        combined.desiredCapacity,
        `monitor alarm ${
          alarm?.AlarmName ?? alarmKind
        } in state ALARM triggered policy ${chosen.policy.PolicyName}`,
        now,
      );
      changed = true;
    }
    return changed;
  }

  #setCapacity(
    target: AasTarget,
    endpointName: string,
    variantName: string,
    desired: number,
    cause: string,
    now: number,
  ) {
    const { aas, sagemaker } = this.#o;
    const state = this.#state(target);
    if (state.pending) {
      // A newer activity supersedes one still in progress.
      state.pending.activity.StatusCode = 'Successful';
      state.pending.activity.EndTime = now / 1000;
      state.pending.activity.StatusMessage = `Successfully set desired instance count to ${state.pending.desired}. Change successfully fulfilled by sagemaker.`;
      state.pending = undefined;
    }
    const activity = aas.recordActivity({
      ServiceNamespace: target.ServiceNamespace,
      ResourceId: target.ResourceId,
      ScalableDimension: target.ScalableDimension,
      Description: `Setting desired instance count to ${desired}.`,
      Cause: cause,
      StartTime: now / 1000,
      StatusCode: 'InProgress',
    });
    try {
      sagemaker.setDesiredInstanceCount(
        endpointName,
        variantName,
        desired,
        now,
      );
      state.pending = { activity, desired };
    } catch (e) {
      activity.StatusCode = 'Failed';
      activity.EndTime = now / 1000;
      activity.StatusMessage = `Failed to set desired instance count to ${desired}. Reason: ${
        (e as Error).message
      }`;
    }
  }

  #completeActivities(now: number): boolean {
    let changed = false;
    for (const [k, state] of this.#targets) {
      if (!state.pending) continue;
      const target = this.#o.aas.targets.get(k);
      const ref = target && parseVariantResourceId(target.ResourceId);
      const endpoint = ref && this.#o.sagemaker.endpoints.get(ref.endpointName);
      const variant = endpoint?.variants.find(
        v => v.variantName === ref!.variantName,
      );
      if (!variant) {
        state.pending.activity.StatusCode = 'Failed';
        state.pending.activity.EndTime = now / 1000;
        state.pending.activity.StatusMessage =
          'The endpoint or variant no longer exists.';
        state.pending = undefined;
        changed = true;
      } else if (
        variant.currentInstanceCount === state.pending.desired &&
        variant.capacityReadyAt === undefined
      ) {
        state.pending.activity.StatusCode = 'Successful';
        state.pending.activity.EndTime = now / 1000;
        state.pending.activity.StatusMessage = `Successfully set desired instance count to ${state.pending.desired}. Change successfully fulfilled by sagemaker.`;
        state.pending = undefined;
        changed = true;
      }
    }
    return changed;
  }

  /** RegisterScalableTarget moves capacity into new limits, recording an activity. */
  #clampToLimits(target: AasTarget) {
    const ref = parseVariantResourceId(target.ResourceId);
    if (target.ServiceNamespace !== 'sagemaker' || !ref) return;
    const endpoint = this.#o.sagemaker.endpoints.get(ref.endpointName);
    const variant = endpoint?.variants.find(
      v => v.variantName === ref.variantName,
    );
    if (!endpoint || !variant || endpoint.status !== 'InService') return;
    const current = variant.desiredInstanceCount;
    const clamped = Math.min(
      target.MaxCapacity,
      Math.max(target.MinCapacity, current),
    );
    if (clamped === current) return;
    const now = this.#o.now();
    this.#setCapacity(
      target,
      endpoint.name,
      variant.variantName,
      clamped,
      clamped > current
        ? `a user request update of min capacity to ${target.MinCapacity} which is more than current capacity ${current}`
        : `a user request update of max capacity to ${target.MaxCapacity} which is less than current capacity ${current}`,
      now,
    );
  }
}

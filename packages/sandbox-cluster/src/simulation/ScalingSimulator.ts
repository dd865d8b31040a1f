/**
 * Runs Application Auto Scaling's target tracking once per metric period for every
 * SageMaker variant target: metric from synthetic traffic, decision from the shared
 * target-tracking model, capacity change through SageMaker, activities recorded AWS-style
 * (including not-scaled ones), the policies' CloudWatch alarms moved to their new state.
 *
 * The period is one minute, as in AWS, divided by `speedUp` for a quick demo: with
 * speedUp 10 a datapoint is taken every 6 s and cooldowns last a tenth, so three
 * datapoints above target scale out after 18 s. Every time stamped (datapoints,
 * activities) is the clock's time; CloudWatch still reports whole minutes.
 */
import {
  combineTargetTrackingDecisions,
  evaluateTargetTracking,
  parseVariantResourceId,
  TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS,
  TargetTrackingCooldownState,
  TargetTrackingDecision,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  AasActivity,
  AasNotScaledReasonCode,
  AasPolicy,
  AasTarget,
} from '../aws/applicationAutoScalingTypes';
import { targetKey } from '../aws/applicationAutoScalingTypes';
import type { ApplicationAutoScalingService } from '../aws/ApplicationAutoScalingService';
import type { AlarmDatapoint, CloudWatchAlarms } from '../aws/CloudWatchAlarms';
import type { SageMakerService } from '../aws/SageMakerService';
import { invocationsAt, TrafficSettings } from './traffic';

const MINUTE = 60_000;
/** Metric history kept per variant, in real time (one day). */
const HISTORY_MS = 24 * 60 * MINUTE;
/** Datapoints the evaluation looks back over (the model needs at most 15). */
const EVALUATION_DATAPOINTS = 30;

/** The speed-ups whose period divides a minute, so samples add up to whole minutes. */
const SPEED_UPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

/** One per-minute datapoint of a variant (what CloudWatch reports). @public */
export interface VariantMetricPoint {
  /** Start of the minute (ms). */
  timestamp: number;
  invocations: number;
  /** Instances serving during the minute (the most at any sample). */
  instances: number;
  /** InvocationsPerInstance (the minute's sum); null when no instance served. */
  invocationsPerInstance: number | null;
}

/** One sample of a variant, taken every metric period. @internal */
export interface VariantSample {
  /** Start of the period (ms). */
  timestamp: number;
  invocations: number;
  instances: number;
  /** Invocations per instance in the period; null when no instance served. */
  invocationsPerInstance: number | null;
}

interface TargetState {
  cooldowns: Map<string, TargetTrackingCooldownState>;
  pending?: { activity: AasActivity; desired: number };
  /**
   * By policy name: the alarm and code of the last not-scaled activity recorded in the
   * alarm's current ALARM episode (see #recordNotScaled).
   */
  notScaled: Map<string, string>;
}

/** The model's reasons for not acting on an alarm in ALARM, as AWS's codes. */
const NOT_SCALED_CODES: Partial<
  Record<TargetTrackingDecision['reason'], AasNotScaledReasonCode>
> = {
  'at-max-capacity': 'AlreadyAtMaxCapacity',
  'at-min-capacity': 'AlreadyAtMinCapacity',
  // Scale-out cooldown: the capacity already added covers the metric.
  'scale-out-cooldown': 'AlreadyAtDesiredCapacity',
  // AlarmLow in ALARM, but one instance less would push the metric above target.
  'within-target': 'AutoScalingAnticipatedFlapping',
};

/** The simulator's state as JSON, for the state file. @internal */
export interface ScalingSimulatorState {
  targets: Array<{
    key: string;
    cooldowns: Array<[string, TargetTrackingCooldownState]>;
    pending?: { activityId: string; desired: number };
    /** Absent in files written before not-scaled activities existed. */
    notScaled?: Array<[string, string]>;
  }>;
  samples: Array<[string, VariantSample[]]>;
}

/** @internal */
export interface ScalingSimulatorOptions {
  sagemaker: SageMakerService;
  aas: ApplicationAutoScalingService;
  /** The target-tracking alarms whose state each evaluation moves. */
  alarms: CloudWatchAlarms;
  /** Traffic of an AWS endpoint name, with the time (ms) it started. */
  trafficFor: (endpointName: string) => {
    settings: TrafficSettings;
    since: number;
  };
  /** The clock (ms). */
  now: () => number;
  /** Divides the metric period and the cooldowns (one of SPEED_UPS; default 1). */
  speedUp?: number;
}

/**
 * Periodic target tracking over the simulated services.
 * @internal
 */
export class ScalingSimulator {
  readonly #o: ScalingSimulatorOptions;
  readonly #speedUp: number;
  /** The metric period (ms): one minute divided by the speed-up. */
  readonly periodMs: number;
  readonly #targets = new Map<string, TargetState>();
  /** By `endpointName/variantName`. */
  readonly #samples = new Map<string, VariantSample[]>();
  #lastPeriod: number | undefined;
  #sampledSinceAsked = false;

  constructor(options: ScalingSimulatorOptions) {
    this.#o = options;
    this.#speedUp = options.speedUp ?? 1;
    if (!SPEED_UPS.includes(this.#speedUp)) {
      throw new Error(
        `speedUp must be one of ${SPEED_UPS.join(
          ', ',
        )} (a period that divides a minute), got ${this.#speedUp}`,
      );
    }
    this.periodMs = MINUTE / this.#speedUp;
    options.aas.onLimitsChanged = target => this.#clampToLimits(target);
  }

  /** Evaluates every whole period that ended up to `now`; completes finished activities. */
  tick(now: number): boolean {
    let changed = this.#completeActivities(now);
    const period = Math.floor(now / this.periodMs);
    if (this.#lastPeriod === undefined) {
      this.#lastPeriod = period;
      return changed;
    }
    // Long jumps are capped at the history's length: older samples would be dropped anyway.
    const from = Math.max(
      this.#lastPeriod + 1,
      period - HISTORY_MS / this.periodMs,
    );
    for (let p = from; p <= period; p++) {
      this.#sample(p - 1);
      changed = this.#evaluate(p * this.periodMs) || changed;
      changed = this.#completeActivities(p * this.periodMs) || changed;
    }
    this.#lastPeriod = period;
    return changed;
  }

  /** Whether samples were taken since the last call (the state file is then behind). */
  sampled(): boolean {
    const sampled = this.#sampledSinceAsked;
    this.#sampledSinceAsked = false;
    return sampled;
  }

  /**
   * Per-minute metric history of a variant, oldest first: the samples of each complete
   * minute added up, as CloudWatch reports the per-minute SageMaker metric.
   */
  metrics(endpointName: string, variantName: string): VariantMetricPoint[] {
    const samples = this.#samples.get(`${endpointName}/${variantName}`) ?? [];
    // Sampled up to here: a minute is reported once it has ended.
    const sampledUntil =
      this.#lastPeriod !== undefined
        ? this.#lastPeriod * this.periodMs
        : (samples[samples.length - 1]?.timestamp ?? 0) + this.periodMs;
    const points: VariantMetricPoint[] = [];
    let i = 0;
    while (i < samples.length) {
      const minute = Math.floor(samples[i].timestamp / MINUTE) * MINUTE;
      const inMinute: VariantSample[] = [];
      while (i < samples.length && samples[i].timestamp < minute + MINUTE) {
        inMinute.push(samples[i]);
        i++;
      }
      if (minute + MINUTE > sampledUntil) continue;
      const serving = inMinute.filter(s => s.invocationsPerInstance !== null);
      points.push({
        timestamp: minute,
        invocations: inMinute.reduce((sum, s) => sum + s.invocations, 0),
        instances: Math.max(...inMinute.map(s => s.instances)),
        invocationsPerInstance:
          serving.length === 0
            ? null
            : serving.reduce((sum, s) => sum + s.invocationsPerInstance!, 0),
      });
    }
    return points;
  }

  /** The state to keep across restarts. */
  snapshot(): ScalingSimulatorState {
    return {
      targets: [...this.#targets].map(([key, t]) => ({
        key,
        cooldowns: [...t.cooldowns],
        pending: t.pending && {
          activityId: t.pending.activity.ActivityId,
          desired: t.pending.desired,
        },
        notScaled: [...t.notScaled],
      })),
      samples: [...this.#samples],
    };
  }

  /** Puts saved state back (after the AAS activities were restored). */
  restore(state: ScalingSimulatorState): void {
    for (const t of state.targets) {
      const activity = t.pending
        ? [...this.#o.aas.activities.values()]
            .flat()
            .find(a => a.ActivityId === t.pending!.activityId)
        : undefined;
      this.#targets.set(t.key, {
        cooldowns: new Map(t.cooldowns),
        pending:
          activity && t.pending
            ? { activity, desired: t.pending.desired }
            : undefined,
        notScaled: new Map(t.notScaled ?? []),
      });
    }
    for (const [key, samples] of state.samples) this.#samples.set(key, samples);
  }

  #sample(period: number) {
    const { sagemaker } = this.#o;
    const timestamp = period * this.periodMs;
    for (const endpoint of sagemaker.endpoints.values()) {
      const serving =
        endpoint.status === 'InService' || endpoint.status === 'Updating';
      if (!serving) continue;
      const { settings, since } = this.#o.trafficFor(endpoint.name);
      // One simulated minute of the traffic pattern passes per period.
      const minutesSince = Math.max(
        0,
        period - Math.floor(since / this.periodMs),
      );
      const total = invocationsAt(settings, minutesSince) / this.#speedUp;
      const totalWeight =
        endpoint.variants.reduce((s, v) => s + v.currentWeight, 0) || 1;
      for (const v of endpoint.variants) {
        const invocations = Math.round((total * v.currentWeight) / totalWeight);
        const instances = v.currentInstanceCount;
        const key = `${endpoint.name}/${v.variantName}`;
        const history = this.#samples.get(key) ?? [];
        history.push({
          timestamp,
          invocations,
          instances,
          invocationsPerInstance:
            instances > 0 ? invocations / instances : null,
        });
        const oldest = history.findIndex(
          p => p.timestamp > timestamp - HISTORY_MS,
        );
        if (oldest > 0) history.splice(0, oldest);
        this.#samples.set(key, history);
        this.#sampledSinceAsked = true;
      }
    }
  }

  #state(target: AasTarget): TargetState {
    const k = targetKey(target);
    let s = this.#targets.get(k);
    if (!s) {
      s = { cooldowns: new Map(), notScaled: new Map() };
      this.#targets.set(k, s);
    }
    return s;
  }

  #evaluate(now: number): boolean {
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
      const history = (
        this.#samples.get(`${endpoint.name}/${variant.variantName}`) ?? []
      )
        .filter(p => p.timestamp < now)
        .slice(-EVALUATION_DATAPOINTS);
      // A period without a sample is a missing datapoint. The model reads invocations
      // per instance per minute, so a shorter period's count is scaled up to a minute.
      const window: AlarmDatapoint[] = [];
      for (
        let t = now - EVALUATION_DATAPOINTS * this.periodMs;
        t < now;
        t += this.periodMs
      ) {
        const point = history.find(p => p.timestamp === t);
        window.push({
          timestamp: t,
          value:
            point?.invocationsPerInstance === null || !point
              ? null
              : point.invocationsPerInstance * this.#speedUp,
        });
      }
      const metric = window.map(p => p.value);
      const decisions = policies.map(p => {
        const c = p.TargetTrackingScalingPolicyConfiguration!;
        const decision: TargetTrackingDecision = evaluateTargetTracking({
          policy: {
            targetValue: c.TargetValue,
            scaleInCooldown: this.#compressed(c.ScaleInCooldown),
            scaleOutCooldown: this.#compressed(c.ScaleOutCooldown),
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
        for (const a of p.Alarms) {
          this.#o.alarms.recordState(
            a.AlarmName,
            a.AlarmName.includes('-AlarmHigh-')
              ? decision.alarmHigh
              : decision.alarmLow,
            window,
            now,
          );
        }
        return { policy: p, decision, disableScaleIn: c.DisableScaleIn };
      });
      const combined = combineTargetTrackingDecisions(
        variant.desiredInstanceCount,
        decisions,
      );
      const chosen =
        combined.action === 'none' || combined.index === undefined
          ? undefined
          : decisions[combined.index];
      // While SageMaker rolls out a new endpoint config, the variant cannot be scaled.
      const unscalable =
        chosen !== undefined && endpoint.pendingConfigName !== undefined;
      for (const d of decisions) {
        if (d.decision.action === 'none' || (d === chosen && !unscalable)) {
          state.cooldowns.set(d.policy.PolicyName, d.decision.cooldown);
        }
      }
      if (!chosen) {
        for (const d of decisions) {
          const why = notScaledReasonOf(d.decision);
          if (!why) state.notScaled.delete(d.policy.PolicyName);
          else {
            changed =
              this.#recordNotScaled(target, state, d.policy, why, now) ||
              changed;
          }
        }
        continue;
      }
      const alarmKind =
        chosen.decision.alarm === 'AlarmHigh' ? 'AlarmHigh' : 'AlarmLow';
      if (unscalable) {
        changed =
          this.#recordNotScaled(
            target,
            state,
            chosen.policy,
            {
              alarmKind,
              code: 'TargetServicePutResourceAsUnscalable',
              currentCapacity: variant.desiredInstanceCount,
            },
            now,
          ) || changed;
        continue;
      }
      state.notScaled.clear();
      const alarm = alarmOf(chosen.policy, alarmKind);
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

  /**
   * Records a not-scaled activity: a policy's alarm is in ALARM but min, max, the
   * capacity already there or SageMaker keeps the change from happening. AWS does not
   * document how often it records these; the sandbox records one per alarm episode and
   * code (again only when the code changes, the alarm leaves ALARM or a scaling
   * happens), so the list says when and why scaling stopped instead of repeating it
   * every minute.
   */
  #recordNotScaled(
    target: AasTarget,
    state: TargetState,
    policy: AasPolicy,
    why: NotScaledReason,
    now: number,
  ): boolean {
    const { alarmKind, code, currentCapacity } = why;
    const episode = `${alarmKind}:${code}`;
    if (state.notScaled.get(policy.PolicyName) === episode) return false;
    state.notScaled.set(policy.PolicyName, episode);
    const alarm = alarmOf(policy, alarmKind);
    this.#o.aas.recordActivity({
      ServiceNamespace: target.ServiceNamespace,
      ResourceId: target.ResourceId,
      ScalableDimension: target.ScalableDimension,
      Description: 'Attempting to scale due to alarm triggered',
      Cause: `monitor alarm ${
        alarm?.AlarmName ?? alarmKind
      } in state ALARM triggered policy ${policy.PolicyName}`,
      StartTime: now / 1000,
      EndTime: now / 1000,
      StatusCode: 'Failed',
      NotScaledReasons: [
        {
          Code: code,
          MaxCapacity: target.MaxCapacity,
          MinCapacity: target.MinCapacity,
          CurrentCapacity: currentCapacity,
        },
      ],
    });
    return true;
  }

  /** A cooldown (seconds) as it lasts here; AWS's default when the policy has none. */
  #compressed(seconds: number | undefined): number {
    return (
      (seconds ?? TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS) / this.#speedUp
    );
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

/** Why a policy's alarm in ALARM did not change capacity. */
interface NotScaledReason {
  alarmKind: 'AlarmHigh' | 'AlarmLow';
  code: AasNotScaledReasonCode;
  currentCapacity: number;
}

/** The not-scaled reason of a decision that left an alarm in ALARM unanswered. */
function notScaledReasonOf(
  decision: TargetTrackingDecision,
): NotScaledReason | undefined {
  let alarmKind: 'AlarmHigh' | 'AlarmLow' | undefined;
  if (decision.alarmHigh === 'ALARM') alarmKind = 'AlarmHigh';
  else if (decision.alarmLow === 'ALARM') alarmKind = 'AlarmLow';
  const code = NOT_SCALED_CODES[decision.reason];
  if (!alarmKind || !code || decision.action !== 'none') return undefined;
  return { alarmKind, code, currentCapacity: decision.desiredCapacity };
}

function alarmOf(policy: AasPolicy, kind: 'AlarmHigh' | 'AlarmLow') {
  return policy.Alarms.find(a => a.AlarmName.includes(`-${kind}-`));
}

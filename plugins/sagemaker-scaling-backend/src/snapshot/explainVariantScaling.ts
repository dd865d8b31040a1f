import {
  breachesHighAlarm,
  breachesLowAlarm,
  isNotScaledActivity,
  TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS,
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_LOW_THRESHOLD_RATIO,
  type ScalingActivity,
  type ScalingExplanation,
  type ScalingExplanationEvidence,
  type SuspendedState,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AlarmReading, AlarmsReading } from '../aws/CloudWatchAlarmReader';
import type { LoadPoint } from '../aws/CloudWatchMetricsReader';

/** What {@link explainVariantScaling} looks at, for one variant. @internal */
export interface VariantScalingFacts {
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  minCapacity?: number;
  maxCapacity?: number;
  targetValue?: number;
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
  disableScaleIn?: boolean;
  suspendedState?: SuspendedState;
  /** The Endpoint's `status.endpointStatus`. */
  endpointStatus?: string;
  /** The variant's activities, not-scaled ones included, newest first. */
  activities: ScalingActivity[];
  /** The alarms of the variant's policy; absent when nobody read them. */
  alarms?: AlarmsReading;
  /** Per-minute load per instance, oldest first: the fallback when alarms are unseen. */
  load: LoadPoint[];
  /** ISO time cooldowns are measured against. */
  now: string;
}

type Side = {
  alarm?: AlarmReading;
  firing: boolean;
  /** Newest consecutive datapoints breaching the alarm. */
  breaching: number;
  needed: number;
  threshold?: number;
};

const fmt = (n: number) =>
  Number.isInteger(n) ? String(n) : n.toFixed(n >= 10 ? 0 : 1);
const instances = (n: number) => `${n} instance${n === 1 ? '' : 's'}`;
const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;

/** Sentences for AWS's other not-scaled codes, which hold a change back without a limit. */
const HELD_BACK: Record<string, string> = {
  AutoScalingAnticipatedFlapping:
    'Scale-in held back: one instance fewer would push the load above the target (AutoScalingAnticipatedFlapping)',
  TargetServicePutResourceAsUnscalable:
    'Scaling held back: SageMaker refused the change while it applies another one (TargetServicePutResourceAsUnscalable)',
  AlreadyAtDesiredCapacity:
    'The alarm fired, but the capacity already asked for covers the load (AlreadyAtDesiredCapacity)',
};

/**
 * Why a variant did (not) scale, in plain words with the evidence: what is happening
 * (scaling, updating, suspended), else what holds it (its limits, a cooldown, an alarm
 * that needs more datapoints, disabled scale-in), else that the load is inside the band
 * where target tracking does not act. Says what it could not see. Pure.
 * @internal
 */
export function explainVariantScaling(
  facts: VariantScalingFacts,
): ScalingExplanation {
  const evidence: ScalingExplanationEvidence[] = [];
  const target = facts.targetValue;
  const alarms = facts.alarms?.available ? facts.alarms.alarms : [];
  const high = side(facts, alarms, 'high');
  const low = side(facts, alarms, 'low');
  const latestLoad =
    high.alarm?.recentValues.at(-1)?.value ?? facts.load.at(-1)?.value;
  const ratio =
    latestLoad !== undefined && target ? latestLoad / target : undefined;

  for (const a of alarms)
    evidence.push(alarmEvidence(a, a === high.alarm ? high : low));
  if (!facts.alarms?.available) {
    evidence.push({
      kind: 'missing',
      text: `Alarms not seen: ${
        facts.alarms?.reason ?? 'the alarms were not read'
      }${
        facts.load.length
          ? '; judging from the load per instance instead'
          : '; no recent load either'
      }`,
    });
  }
  const lastScaled = facts.activities.find(a => !isNotScaledActivity(a));
  // A not-scaled decision only explains the present when nothing scaled since.
  const notScaled = facts.activities.find(
    a =>
      isNotScaledActivity(a) &&
      (!lastScaled || a.startTime >= lastScaled.startTime),
  );
  const reasonCode = notScaled?.notScaledReasons?.[0]?.code;
  if (notScaled) {
    for (const r of notScaled.notScaledReasons ?? []) {
      evidence.push({
        kind: 'not-scaled-reason',
        code: r.code,
        text: `Not scaled (${r.code}): capacity ${
          r.currentCapacity ?? '?'
        }, range ${r.minCapacity ?? '?'}–${r.maxCapacity ?? '?'}`,
        time: notScaled.startTime,
      });
    }
  }
  if (lastScaled) {
    evidence.push({
      kind: 'activity',
      text: `${lastScaled.statusCode}: ${lastScaled.description}`,
      time: lastScaled.endTime ?? lastScaled.startTime,
    });
  }
  if (ratio !== undefined && latestLoad !== undefined) {
    evidence.push({
      kind: 'load',
      text: `Latest load ${fmt(latestLoad)} per instance: ${fmt(
        ratio,
      )}× the target of ${fmt(target!)}`,
    });
  }
  const done = (
    e: Omit<ScalingExplanation, 'evidence'>,
  ): ScalingExplanation => ({ ...e, evidence });

  const current = facts.currentInstanceCount;
  const desired = facts.desiredInstanceCount ?? current;
  if (current !== undefined && desired !== undefined && desired > current) {
    return done({
      state: 'scaling-out',
      summary: `Scaling out: ${firedText(high, 'above')}; ${
        desired - current
      } more ${
        desired - current === 1 ? 'instance is' : 'instances are'
      } being provisioned`,
      since: high.firing ? high.alarm?.stateUpdatedAt : lastScaled?.startTime,
    });
  }
  if (current !== undefined && desired !== undefined && desired < current) {
    return done({
      state: 'scaling-in',
      summary: `Scaling in: ${firedText(low, 'below')}; ${instances(
        current - desired,
      )} ${current - desired === 1 ? 'is' : 'are'} being removed`,
      since: low.firing ? low.alarm?.stateUpdatedAt : lastScaled?.startTime,
    });
  }
  if (facts.endpointStatus && facts.endpointStatus !== 'InService') {
    evidence.push({
      kind: 'endpoint-status',
      code: facts.endpointStatus,
      text: `Endpoint status ${facts.endpointStatus}`,
    });
    return done({
      state: 'updating',
      summary: `The endpoint is ${facts.endpointStatus}; SageMaker takes no capacity change until it is InService`,
    });
  }
  const suspended = suspendedText(facts.suspendedState, high, low);
  if (suspended) {
    evidence.push({ kind: 'setting', text: suspended });
    return done({ state: 'suspended', summary: suspended });
  }
  const pressing =
    high.firing ||
    high.breaching > 0 ||
    (!facts.alarms?.available &&
      (reasonCode === 'AlreadyAtMaxCapacity' || (ratio ?? 0) > 1));
  if (
    facts.maxCapacity !== undefined &&
    desired !== undefined &&
    desired >= facts.maxCapacity &&
    pressing
  ) {
    return done({
      state: 'at-max',
      summary: `At its maximum of ${instances(facts.maxCapacity)}; ${
        ratio !== undefined
          ? `load is ${fmt(ratio)}× the target`
          : 'the high alarm asks for more'
      } — raise the maximum or the target`,
      since: lastScaled?.endTime ?? notScaled?.startTime,
    });
  }
  const cooldown = activeCooldown(facts, lastScaled);
  if (cooldown) {
    evidence.push({
      kind: 'cooldown',
      text: `${
        cooldown.direction === 'out' ? 'Scale-out' : 'Scale-in'
      } cooldown of ${cooldown.seconds} s after the last scaling`,
      time: cooldown.until,
    });
  }
  // A cooldown is the reason only while the load pushes the way it holds back.
  if (cooldown?.direction === 'out' && (high.firing || high.breaching > 0)) {
    return done({
      state: 'cooldown',
      summary: 'In scale-out cooldown; a larger scale-out can still happen',
      until: cooldown.until,
    });
  }
  if (cooldown?.direction === 'in' && (low.firing || low.breaching > 0)) {
    return done({
      state: 'cooldown',
      summary:
        'In scale-in cooldown; no further scale-in until it ends, a scale-out can still happen',
      until: cooldown.until,
      nextChange: {
        direction: 'in',
        condition: 'the low alarm fires after the cooldown',
        notBefore: cooldown.until,
      },
    });
  }
  if (
    facts.minCapacity !== undefined &&
    desired !== undefined &&
    desired <= facts.minCapacity &&
    (low.firing || reasonCode === 'AlreadyAtMinCapacity')
  ) {
    return done({
      state: 'at-min',
      summary: `At its minimum of ${instances(facts.minCapacity)}; ${
        ratio !== undefined
          ? `load is ${percent(ratio)} of the target`
          : 'the low alarm asks for fewer'
      } — lower the minimum to save cost`,
      since: low.alarm?.stateUpdatedAt ?? notScaled?.startTime,
    });
  }
  if (
    facts.disableScaleIn &&
    target !== undefined &&
    latestLoad !== undefined &&
    breachesLowAlarm(latestLoad, target)
  ) {
    evidence.push({ kind: 'setting', text: 'disableScaleIn is true' });
    return done({
      state: 'scale-in-disabled',
      summary: `Scale-in is disabled: load is ${percent(
        ratio!,
      )} of the target, but the policy never removes instances`,
    });
  }
  if (reasonCode && reasonCode in HELD_BACK) {
    return done({
      state: 'steady',
      summary: HELD_BACK[reasonCode],
      since: notScaled?.startTime,
    });
  }
  if (high.breaching > 0 && !high.firing) {
    return done({
      state: 'scale-out-waiting',
      summary: `Scale-out waits: load has been above the target for ${high.breaching} of the ${high.needed} minutes the high alarm needs`,
      nextChange: {
        direction: 'out',
        condition: `${high.needed - high.breaching} more minute(s) above ${fmt(
          high.threshold!,
        )}`,
      },
    });
  }
  if (low.breaching > 0 && !low.firing && !facts.disableScaleIn) {
    return done({
      state: 'scale-in-waiting',
      summary: `Scale-in waits: load has been below ${percent(
        TARGET_TRACKING_LOW_THRESHOLD_RATIO,
      )} of the target for ${low.breaching} of the ${
        low.needed
      } minutes the low alarm needs`,
      nextChange: {
        direction: 'in',
        condition: `${low.needed - low.breaching} more minute(s) below ${fmt(
          low.threshold!,
        )}`,
      },
    });
  }
  if (ratio === undefined && !alarms.length) {
    return done({
      state: 'unknown',
      summary: `Cannot tell why it holds ${
        current !== undefined ? instances(current) : 'its capacity'
      }: neither the alarms nor the load could be read`,
    });
  }
  return done({
    state: 'steady',
    summary: `Steady at ${
      current !== undefined ? instances(current) : 'its capacity'
    }${
      ratio !== undefined ? `: load is ${percent(ratio)} of the target` : ''
    }, inside the band where target tracking does not act`,
  });
}

/** The high or low alarm, with the newest run of breaching datapoints. */
function side(
  facts: VariantScalingFacts,
  alarms: AlarmReading[],
  which: 'high' | 'low',
): Side {
  const alarm = alarms.find(a =>
    which === 'high'
      ? /AlarmHigh/.test(a.alarmName) ||
        /^Greater/.test(a.comparisonOperator ?? '')
      : /AlarmLow/.test(a.alarmName) ||
        /^Less/.test(a.comparisonOperator ?? ''),
  );
  const target = facts.targetValue;
  const needed =
    alarm?.datapointsToAlarm ??
    (which === 'high'
      ? TARGET_TRACKING_HIGH_DATAPOINTS
      : TARGET_TRACKING_LOW_DATAPOINTS);
  const threshold = alarm?.threshold ?? defaultThreshold(which, target);
  const values = alarm?.recentValues.length ? alarm.recentValues : facts.load;
  const breaches = (v: number) => {
    if (alarm?.threshold !== undefined) {
      return which === 'high' ? v > alarm.threshold : v < alarm.threshold;
    }
    if (target === undefined) return false;
    return which === 'high'
      ? breachesHighAlarm(v, target)
      : breachesLowAlarm(v, target);
  };
  let breaching = 0;
  for (let i = values.length - 1; i >= 0 && breaches(values[i].value); i--) {
    breaching++;
  }
  return {
    alarm,
    firing: alarm?.stateValue === 'ALARM',
    breaching: Math.min(breaching, needed),
    needed,
    threshold,
  };
}

/** The threshold AWS gives a target-tracking alarm, for when the alarm itself is unseen. */
function defaultThreshold(
  which: 'high' | 'low',
  target: number | undefined,
): number | undefined {
  if (target === undefined) return undefined;
  return which === 'high'
    ? target
    : target * TARGET_TRACKING_LOW_THRESHOLD_RATIO;
}

function alarmEvidence(a: AlarmReading, s: Side): ScalingExplanationEvidence {
  const op = /^Greater/.test(a.comparisonOperator ?? '') ? 'above' : 'below';
  return {
    kind: 'alarm',
    alarmName: a.alarmName,
    alarmState: a.stateValue,
    threshold: a.threshold,
    datapointsToAlarm: s.needed,
    breachingDatapoints: s.breaching,
    text: `${a.alarmName} is ${a.stateValue}: the last ${s.breaching} of ${
      s.needed
    } datapoints ${op} ${a.threshold !== undefined ? fmt(a.threshold) : '?'}${
      a.stateReason ? ` (${a.stateReason})` : ''
    }`,
    time: a.stateUpdatedAt,
  };
}

function firedText(s: Side, op: 'above' | 'below'): string {
  if (!s.alarm) return `the ${op === 'above' ? 'high' : 'low'} alarm fired`;
  return `the ${op === 'above' ? 'high' : 'low'} alarm ${
    s.firing ? 'fired' : 'had fired'
  } (${s.breaching} of ${s.needed} minutes ${op} ${
    s.threshold !== undefined ? fmt(s.threshold) : '?'
  })`;
}

function suspendedText(
  state: SuspendedState | undefined,
  high: Side,
  low: Side,
): string | undefined {
  if (state?.dynamicScalingOutSuspended && state.dynamicScalingInSuspended) {
    return 'Dynamic scaling is suspended on the ScalableTarget: target tracking changes nothing';
  }
  if (state?.dynamicScalingOutSuspended && (high.firing || high.breaching)) {
    return 'Scale-out is suspended on the ScalableTarget although the load is above the target';
  }
  if (state?.dynamicScalingInSuspended && (low.firing || low.breaching)) {
    return 'Scale-in is suspended on the ScalableTarget although the load is below the target';
  }
  return undefined;
}

/** The cooldown still running after the last scaling, by the direction it scaled. */
function activeCooldown(
  facts: VariantScalingFacts,
  last: ScalingActivity | undefined,
): { direction: 'out' | 'in'; seconds: number; until: string } | undefined {
  if (!last?.endTime || last.statusCode !== 'Successful') return undefined;
  let direction: 'out' | 'in' | undefined;
  if (/AlarmLow/.test(last.cause)) direction = 'in';
  else if (/AlarmHigh/.test(last.cause)) direction = 'out';
  if (!direction) return undefined;
  const seconds =
    (direction === 'out' ? facts.scaleOutCooldown : facts.scaleInCooldown) ??
    TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS;
  const until = Date.parse(last.endTime) + seconds * 1000;
  if (until <= Date.parse(facts.now)) return undefined;
  return { direction, seconds, until: new Date(until).toISOString() };
}

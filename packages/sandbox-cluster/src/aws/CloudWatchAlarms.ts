/**
 * The CloudWatch alarms Application Auto Scaling creates and owns for each
 * target-tracking policy (AlarmHigh and AlarmLow), with their state as the simulated
 * metric moves them, answered by `DescribeAlarms`.
 *
 * The datapoints and the low threshold are common's target-tracking constants (the
 * observed defaults: high 3 of 3 one-minute datapoints above target, low 15 of 15 below
 * 90 % of it); the state itself is decided by common's model and only recorded here.
 */
import {
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_LOW_THRESHOLD_RATIO,
  TargetTrackingAlarmState,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { pageOf } from './applicationAutoScalingRequests';
import type { AasPolicy } from './applicationAutoScalingTypes';
import { AwsServiceError } from './AwsServiceError';

const PERIOD_SECONDS = 60;

/** A metric alarm as `DescribeAlarms` answers it (timestamps in epoch seconds). @internal */
export interface MetricAlarm {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription: string;
  AlarmConfigurationUpdatedTimestamp: number;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  StateValue: TargetTrackingAlarmState;
  StateReason: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  MetricName: string;
  Namespace: string;
  Statistic: string;
  Dimensions: Array<{ Name: string; Value: string }>;
  Period: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  Threshold: number;
  ComparisonOperator: 'GreaterThanThreshold' | 'LessThanThreshold';
  TreatMissingData: 'missing';
}

/** One datapoint an evaluation looked at (ms; null when missing). @internal */
export interface AlarmDatapoint {
  timestamp: number;
  value: number | null;
}

/**
 * The CloudWatch metric behind each SageMaker predefined metric type. Only the
 * per-minute invocations metric is simulated; the others are named for completeness.
 */
const PREDEFINED_METRICS: Record<
  string,
  { MetricName: string; Statistic: string; dimensions: 'variant' | 'component' }
> = {
  SageMakerVariantInvocationsPerInstance: {
    MetricName: 'InvocationsPerInstance',
    Statistic: 'Sum',
    dimensions: 'variant',
  },
  SageMakerVariantConcurrentRequestsPerModelHighResolution: {
    MetricName: 'ConcurrentRequestsPerModel',
    Statistic: 'Maximum',
    dimensions: 'variant',
  },
  SageMakerInferenceComponentInvocationsPerCopy: {
    MetricName: 'InvocationsPerCopy',
    Statistic: 'Sum',
    dimensions: 'component',
  },
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution: {
    MetricName: 'ConcurrentRequestsPerCopy',
    Statistic: 'Maximum',
    dimensions: 'component',
  },
};

/** @internal */
export class CloudWatchAlarms {
  /** By alarm name. */
  readonly byName = new Map<string, MetricAlarm>();

  /**
   * Creates the alarms of a target-tracking policy, or updates their thresholds and
   * metric after the policy changed (their state is kept, as AWS keeps it).
   */
  putTargetTrackingAlarms(policy: AasPolicy, now: number): void {
    const config = policy.TargetTrackingScalingPolicyConfiguration;
    if (!config) return;
    const metric = metricOf(policy);
    for (const alarm of policy.Alarms) {
      const high = alarm.AlarmName.includes('-AlarmHigh-');
      const datapoints = high
        ? TARGET_TRACKING_HIGH_DATAPOINTS
        : TARGET_TRACKING_LOW_DATAPOINTS;
      const existing = this.byName.get(alarm.AlarmName);
      const seconds = now / 1000;
      this.byName.set(alarm.AlarmName, {
        AlarmName: alarm.AlarmName,
        AlarmArn: alarm.AlarmARN,
        AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy.PolicyARN}.`,
        AlarmConfigurationUpdatedTimestamp: seconds,
        ActionsEnabled: true,
        OKActions: [],
        AlarmActions: [policy.PolicyARN],
        InsufficientDataActions: [],
        StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
        StateReason:
          existing?.StateReason ?? 'Unchecked: Initial alarm creation',
        StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? seconds,
        StateTransitionedTimestamp:
          existing?.StateTransitionedTimestamp ?? seconds,
        ...metric,
        Period: PERIOD_SECONDS,
        EvaluationPeriods: datapoints,
        DatapointsToAlarm: datapoints,
        Threshold: high
          ? config.TargetValue
          : config.TargetValue * TARGET_TRACKING_LOW_THRESHOLD_RATIO,
        ComparisonOperator: high ? 'GreaterThanThreshold' : 'LessThanThreshold',
        TreatMissingData: 'missing',
      });
    }
  }

  /** Deletes alarms (their policy went away). */
  delete(names: readonly string[]): void {
    for (const name of names) this.byName.delete(name);
  }

  /**
   * Records the state an evaluation gave an alarm, over the datapoints it looked at
   * (oldest first). The reason is CloudWatch's wording; the timestamps move only when the
   * state changes.
   */
  recordState(
    name: string,
    state: TargetTrackingAlarmState,
    window: readonly AlarmDatapoint[],
    now: number,
  ): void {
    const alarm = this.byName.get(name);
    if (!alarm || alarm.StateValue === state) return;
    alarm.StateValue = state;
    alarm.StateReason = stateReason(alarm, state, window);
    alarm.StateUpdatedTimestamp = now / 1000;
    alarm.StateTransitionedTimestamp = now / 1000;
  }

  /** DescribeAlarms: by AlarmNames or AlarmNamePrefix, optionally by StateValue. */
  describe(input: any): {
    MetricAlarms: MetricAlarm[];
    CompositeAlarms: never[];
    NextToken?: string;
  } {
    const names: unknown = input.AlarmNames;
    const prefix: unknown = input.AlarmNamePrefix;
    if (names !== undefined && prefix !== undefined) {
      throw invalidParameter(
        'AlarmNames and AlarmNamePrefix cannot be used together',
      );
    }
    if (
      names !== undefined &&
      (!Array.isArray(names) ||
        names.length > 100 ||
        names.some(n => typeof n !== 'string'))
    ) {
      throw invalidParameter('AlarmNames must be a list of at most 100 names');
    }
    if (prefix !== undefined && typeof prefix !== 'string') {
      throw invalidParameter('AlarmNamePrefix must be a string');
    }
    const state: unknown = input.StateValue;
    if (
      state !== undefined &&
      !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(state as string)
    ) {
      throw invalidParameter(
        'StateValue must be one of OK, ALARM, INSUFFICIENT_DATA',
      );
    }
    const types: unknown = input.AlarmTypes;
    const wantsMetricAlarms =
      types === undefined ||
      (Array.isArray(types) && types.includes('MetricAlarm'));
    const items = wantsMetricAlarms
      ? [...this.byName.values()]
          .filter(
            a =>
              (names === undefined ||
                (names as string[]).includes(a.AlarmName)) &&
              (prefix === undefined ||
                a.AlarmName.startsWith(prefix as string)) &&
              (state === undefined || a.StateValue === state),
          )
          .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName))
      : [];
    let page: MetricAlarm[];
    let NextToken: string | undefined;
    try {
      ({ page, NextToken } = pageOf(
        items,
        { MaxResults: input.MaxRecords, NextToken: input.NextToken },
        100,
      ));
    } catch (e) {
      throw invalidParameter(
        `MaxRecords must be between 1 and 100 and NextToken one this API returned (${
          (e as Error).message
        })`,
      );
    }
    return {
      MetricAlarms: page,
      CompositeAlarms: [],
      ...(NextToken ? { NextToken } : {}),
    };
  }

  /** The alarms to keep across restarts. */
  snapshot(): MetricAlarm[] {
    return [...this.byName.values()];
  }

  /** Puts saved alarms back. */
  restore(alarms: readonly MetricAlarm[]): void {
    for (const a of alarms) this.byName.set(a.AlarmName, a);
  }
}

function metricOf(
  policy: AasPolicy,
): Pick<
  MetricAlarm,
  'MetricName' | 'Namespace' | 'Statistic' | 'Dimensions' | 'Unit'
> {
  const config = policy.TargetTrackingScalingPolicyConfiguration!;
  const custom = config.CustomizedMetricSpecification as
    | {
        MetricName?: string;
        Namespace?: string;
        Statistic?: string;
        Unit?: string;
        Dimensions?: Array<{ Name: string; Value: string }>;
      }
    | undefined;
  if (custom) {
    return {
      MetricName: custom.MetricName ?? '',
      Namespace: custom.Namespace ?? '',
      Statistic: custom.Statistic ?? 'Average',
      Dimensions: custom.Dimensions ?? [],
      ...(custom.Unit ? { Unit: custom.Unit } : {}),
    };
  }
  const type = config.PredefinedMetricSpecification?.PredefinedMetricType ?? '';
  const known = PREDEFINED_METRICS[type];
  const parts = policy.ResourceId.split('/');
  const dimensions =
    known?.dimensions === 'component'
      ? [{ Name: 'InferenceComponentName', Value: parts[1] ?? '' }]
      : [
          { Name: 'EndpointName', Value: parts[1] ?? '' },
          { Name: 'VariantName', Value: parts[3] ?? '' },
        ];
  return {
    MetricName: known?.MetricName ?? type,
    Namespace: 'AWS/SageMaker',
    Statistic: known?.Statistic ?? 'Average',
    Dimensions: dimensions,
  };
}

/** CloudWatch's `StateReason` wording for a state reached over `window`. */
function stateReason(
  alarm: MetricAlarm,
  state: TargetTrackingAlarmState,
  window: readonly AlarmDatapoint[],
): string {
  const recent = window.slice(-alarm.EvaluationPeriods);
  if (state === 'INSUFFICIENT_DATA') {
    const unknown = recent.filter(p => p.value === null).length || 1;
    return `Insufficient Data: ${unknown} datapoint${
      unknown === 1 ? ' was' : 's were'
    } unknown.`;
  }
  const relation =
    alarm.ComparisonOperator === 'GreaterThanThreshold' ? 'greater' : 'less';
  if (state === 'ALARM') {
    const shown = recent.filter(p => p.value !== null);
    return `Threshold Crossed: ${shown.length} datapoint${
      shown.length === 1 ? ' was' : 's were'
    } ${relation} than the threshold (${formatValue(
      alarm.Threshold,
    )}). The most recent datapoints which crossed the threshold: [${shown
      .reverse()
      .map(p => `${formatValue(p.value!)} (${formatTime(p.timestamp)})`)
      .join(', ')}].`;
  }
  const latest = [...recent].reverse().find(p => p.value !== null);
  return `Threshold Crossed: 1 datapoint [${
    latest
      ? `${formatValue(latest.value!)} (${formatTime(latest.timestamp)})`
      : ''
  }] was not ${relation} than the threshold (${formatValue(alarm.Threshold)}).`;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** `dd/MM/yy HH:mm:ss` in UTC, as CloudWatch's reasons write datapoint times. */
function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(
    d.getUTCFullYear() % 100,
  )} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function invalidParameter(message: string) {
  return new AwsServiceError('InvalidParameterValueException', message);
}

/**
 * Application Auto Scaling's scaling policies (target tracking with their alarms, or
 * step scaling): put, describe, delete, with the API's validation and errors.
 */
import { randomUUID } from 'node:crypto';
import {
  checkTargetKey,
  describeTargetKey,
  matchesResourceFilter,
  pageOf,
  requireString,
  SAGEMAKER_METRICS,
} from './applicationAutoScalingRequests';
import {
  AasAlarm,
  AasPolicy,
  AasTargetTrackingConfiguration,
  TargetKey,
  targetKey,
} from './applicationAutoScalingTypes';
import { objectNotFound, validationError } from './AwsServiceError';

/** @internal */
export class ScalingPolicies {
  /** By target key, then policy name. */
  readonly byTarget = new Map<string, Map<string, AasPolicy>>();

  constructor(
    private readonly account: { region: string; accountId: string },
    private readonly now: () => number,
    /** Whether a target is registered (policies need one), by target key. */
    private readonly targetExists: (key: string) => boolean,
  ) {}

  /** Creates or updates a policy (PutScalingPolicy). */
  put(input: any): { PolicyARN: string; Alarms: AasAlarm[] } {
    const PolicyName = requireString(input, 'PolicyName', 256);
    if (!/^\P{C}+$/u.test(PolicyName)) {
      throw validationError(
        `1 validation error detected: Value '${PolicyName}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{Print}+`,
      );
    }
    const key = checkTargetKey(input);
    const k = targetKey(key);
    if (!this.targetExists(k)) {
      throw objectNotFound(
        `No scalable target registered for ${describeTargetKey(key)}`,
      );
    }
    const PolicyType = input.PolicyType ?? 'StepScaling';
    if (!['TargetTrackingScaling', 'StepScaling'].includes(PolicyType)) {
      throw validationError(
        `Unsupported policy type '${PolicyType}' for service namespace '${key.ServiceNamespace}'`,
      );
    }
    let tt: AasTargetTrackingConfiguration | undefined;
    if (PolicyType === 'TargetTrackingScaling') {
      const config = input.TargetTrackingScalingPolicyConfiguration;
      if (!config) {
        throw validationError(
          'TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy',
        );
      }
      if (
        typeof config.TargetValue !== 'number' ||
        !Number.isFinite(config.TargetValue)
      ) {
        throw validationError(
          "1 validation error detected: Value null at 'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member must not be null",
        );
      }
      const predefined = config.PredefinedMetricSpecification;
      const customized = config.CustomizedMetricSpecification;
      if (Boolean(predefined) === Boolean(customized)) {
        throw validationError(
          'Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be given',
        );
      }
      if (predefined && key.ServiceNamespace === 'sagemaker') {
        const dimension = SAGEMAKER_METRICS[predefined.PredefinedMetricType];
        if (!dimension) {
          throw validationError(
            `Unsupported predefined metric type '${predefined.PredefinedMetricType}' for service namespace 'sagemaker'`,
          );
        }
        if (dimension !== key.ScalableDimension) {
          throw validationError(
            `Predefined metric type '${predefined.PredefinedMetricType}' cannot be used with scalable dimension '${key.ScalableDimension}'`,
          );
        }
      }
      for (const f of ['ScaleInCooldown', 'ScaleOutCooldown']) {
        const v = config[f];
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
          throw validationError(
            `${f} must be an integer number of seconds >= 0`,
          );
        }
      }
      tt = {
        TargetValue: config.TargetValue,
        ...(predefined ? { PredefinedMetricSpecification: predefined } : {}),
        ...(customized ? { CustomizedMetricSpecification: customized } : {}),
        ScaleOutCooldown: config.ScaleOutCooldown ?? 300,
        ScaleInCooldown: config.ScaleInCooldown ?? 300,
        DisableScaleIn: config.DisableScaleIn ?? false,
      };
    } else if (!input.StepScalingPolicyConfiguration) {
      throw validationError(
        'StepScalingPolicyConfiguration is required for a StepScaling policy',
      );
    }
    let byName = this.byTarget.get(k);
    if (!byName) {
      byName = new Map();
      this.byTarget.set(k, byName);
    }
    const existing = byName.get(PolicyName);
    const policyId = existing?.PolicyARN.split(':')[6] ?? randomUUID();
    const newAlarms = () =>
      (['AlarmHigh', 'AlarmLow'] as const).map(kind => {
        const name = `TargetTracking-${key.ResourceId}-${kind}-${randomUUID()}`;
        return {
          AlarmName: name,
          AlarmARN: `arn:aws:cloudwatch:${this.account.region}:${this.account.accountId}:alarm:${name}`,
        };
      });
    let alarms: AasAlarm[] = [];
    if (tt) {
      alarms = existing?.Alarms.length ? existing.Alarms : newAlarms();
    }
    const policy: AasPolicy = {
      PolicyARN: `arn:aws:autoscaling:${this.account.region}:${this.account.accountId}:scalingPolicy:${policyId}:resource/${key.ServiceNamespace}/${key.ResourceId}:policyName/${PolicyName}`,
      PolicyName,
      ...key,
      PolicyType,
      ...(tt ? { TargetTrackingScalingPolicyConfiguration: tt } : {}),
      ...(PolicyType === 'StepScaling'
        ? {
            StepScalingPolicyConfiguration:
              input.StepScalingPolicyConfiguration,
          }
        : {}),
      Alarms: alarms,
      CreationTime: existing?.CreationTime ?? this.now() / 1000,
    };
    byName.set(PolicyName, policy);
    return { PolicyARN: policy.PolicyARN, Alarms: policy.Alarms };
  }

  /** DescribeScalingPolicies. */
  describe(input: any) {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    const names: string[] | undefined = input.PolicyNames;
    const items = [...this.byTarget.values()]
      .flatMap(m => [...m.values()])
      .filter(
        p =>
          matchesResourceFilter(p, ServiceNamespace, input) &&
          (!names || names.length === 0 || names.includes(p.PolicyName)),
      );
    const { page, NextToken } = pageOf(items, input, 50);
    return { ScalingPolicies: page, ...(NextToken ? { NextToken } : {}) };
  }

  /** DeleteScalingPolicy. */
  delete(input: any) {
    const PolicyName = requireString(input, 'PolicyName', 256);
    const key = checkTargetKey(input);
    const byName = this.byTarget.get(targetKey(key));
    if (!byName?.has(PolicyName)) {
      throw objectNotFound(
        `No scaling policy found for ${describeTargetKey(
          key,
        )}, policy name: ${PolicyName}`,
      );
    }
    byName.delete(PolicyName);
    return {};
  }

  /** The policies of a target. */
  of(k: TargetKey): AasPolicy[] {
    return [...(this.byTarget.get(targetKey(k))?.values() ?? [])];
  }
}

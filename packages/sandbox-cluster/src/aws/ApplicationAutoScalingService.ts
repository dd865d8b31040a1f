/**
 * The "AWS side" of Application Auto Scaling: scalable targets, scaling policies with
 * their CloudWatch alarms, and scaling activities, with the API's validation and errors.
 */
import { randomUUID } from 'node:crypto';
import { objectNotFound, validationError } from './AwsServiceError';

/** @internal */
export interface AasSuspendedState {
  DynamicScalingInSuspended?: boolean;
  DynamicScalingOutSuspended?: boolean;
  ScheduledScalingSuspended?: boolean;
}

/** @internal */
export interface AasTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  SuspendedState: AasSuspendedState;
  CreationTime: number;
  ScalableTargetARN: string;
}

/** @internal */
export interface AasTargetTrackingConfiguration {
  TargetValue: number;
  PredefinedMetricSpecification?: {
    PredefinedMetricType: string;
    ResourceLabel?: string;
  };
  CustomizedMetricSpecification?: Record<string, unknown>;
  ScaleOutCooldown?: number;
  ScaleInCooldown?: number;
  DisableScaleIn?: boolean;
}

/** @internal */
export interface AasAlarm {
  AlarmName: string;
  AlarmARN: string;
}

/** @internal */
export interface AasPolicy {
  PolicyARN: string;
  PolicyName: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  PolicyType: string;
  TargetTrackingScalingPolicyConfiguration?: AasTargetTrackingConfiguration;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  Alarms: AasAlarm[];
  CreationTime: number;
}

/** @internal */
export interface AasActivity {
  ActivityId: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  Description: string;
  Cause: string;
  StartTime: number;
  EndTime?: number;
  StatusCode:
    | 'Pending'
    | 'InProgress'
    | 'Successful'
    | 'Overridden'
    | 'Unfulfilled'
    | 'Failed';
  StatusMessage?: string;
  Details?: string;
}

const SERVICE_NAMESPACES = [
  'ecs',
  'elasticmapreduce',
  'ec2',
  'appstream',
  'dynamodb',
  'rds',
  'sagemaker',
  'custom-resource',
  'comprehend',
  'lambda',
  'cassandra',
  'kafka',
  'elasticache',
  'neptune',
  'workspaces',
];

const SAGEMAKER_DIMENSIONS: Record<string, RegExp> = {
  'sagemaker:variant:DesiredInstanceCount': /^endpoint\/[^/]+\/variant\/[^/]+$/,
  'sagemaker:variant:DesiredProvisionedConcurrency':
    /^endpoint\/[^/]+\/variant\/[^/]+$/,
  'sagemaker:inference-component:DesiredCopyCount':
    /^inference-component\/[^/]+$/,
};

const SAGEMAKER_METRICS: Record<string, string> = {
  SageMakerVariantInvocationsPerInstance:
    'sagemaker:variant:DesiredInstanceCount',
  SageMakerVariantConcurrentRequestsPerModelHighResolution:
    'sagemaker:variant:DesiredInstanceCount',
  SageMakerVariantProvisionedConcurrencyUtilization:
    'sagemaker:variant:DesiredProvisionedConcurrency',
  SageMakerInferenceComponentInvocationsPerCopy:
    'sagemaker:inference-component:DesiredCopyCount',
  SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution:
    'sagemaker:inference-component:DesiredCopyCount',
};

/** Identifies a scalable target. @internal */
export interface TargetKey {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
}

/** @internal */
export function targetKey(k: TargetKey): string {
  return `${k.ServiceNamespace}|${k.ResourceId}|${k.ScalableDimension}`;
}

function requireString(input: any, field: string, max = 1600): string {
  const v = input?.[field];
  if (typeof v !== 'string' || v.length === 0) {
    throw validationError(
      `1 validation error detected: Value null at '${field[0].toLowerCase()}${field.slice(
        1,
      )}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (v.length > max) {
    throw validationError(
      `1 validation error detected: Value '${v}' at '${field[0].toLowerCase()}${field.slice(
        1,
      )}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return v;
}

function optionalInt(input: any, field: string): number | undefined {
  const v = input?.[field];
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v)) {
    throw validationError(
      `Value '${v}' at '${field}' failed to satisfy constraint: Member must be an integer`,
    );
  }
  return v;
}

function pageOf<T>(
  items: T[],
  input: any,
  maxAllowed: number,
): { page: T[]; NextToken?: string } {
  const max = input?.MaxResults ?? maxAllowed;
  if (!Number.isInteger(max) || max < 1 || max > maxAllowed) {
    throw validationError(
      `1 validation error detected: Value '${input?.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${maxAllowed}`,
    );
  }
  let start = 0;
  if (input?.NextToken) {
    const decoded = Number(
      Buffer.from(String(input.NextToken), 'base64').toString('utf8'),
    );
    if (!Number.isInteger(decoded) || decoded < 0) {
      throw validationError('Invalid NextToken');
    }
    start = decoded;
  }
  const page = items.slice(start, start + max);
  const next =
    start + max < items.length
      ? Buffer.from(String(start + max)).toString('base64')
      : undefined;
  return { page, ...(next ? { NextToken: next } : {}) };
}

/**
 * Simulated Application Auto Scaling.
 * @internal
 */
export class ApplicationAutoScalingService {
  readonly targets = new Map<string, AasTarget>();
  /** By target key, then policy name. */
  readonly policies = new Map<string, Map<string, AasPolicy>>();
  /** By target key, newest first. */
  readonly activities = new Map<string, AasActivity[]>();
  /** Called when registering moves capacity into new limits. */
  onLimitsChanged: (target: AasTarget) => void = () => {};

  constructor(
    private readonly account: { region: string; accountId: string },
    private readonly now: () => number,
  ) {}

  #checkKey(input: any): TargetKey {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    if (!SERVICE_NAMESPACES.includes(ServiceNamespace)) {
      throw validationError(
        `1 validation error detected: Value '${ServiceNamespace}' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: [${SERVICE_NAMESPACES.join(
          ', ',
        )}]`,
      );
    }
    const ResourceId = requireString(input, 'ResourceId', 1600);
    const ScalableDimension = requireString(input, 'ScalableDimension', 128);
    if (ServiceNamespace === 'sagemaker') {
      const pattern = SAGEMAKER_DIMENSIONS[ScalableDimension];
      if (!pattern) {
        throw validationError(
          `Unsupported scalable dimension '${ScalableDimension}' for service namespace 'sagemaker'; use one of ${Object.keys(
            SAGEMAKER_DIMENSIONS,
          ).join(', ')}`,
        );
      }
      if (!pattern.test(ResourceId)) {
        throw validationError(
          `Unsupported resource ID '${ResourceId}' for scalable dimension '${ScalableDimension}'; expected ${
            ScalableDimension.startsWith('sagemaker:variant')
              ? 'endpoint/<endpoint-name>/variant/<variant-name>'
              : 'inference-component/<name>'
          }`,
        );
      }
    }
    return { ServiceNamespace, ResourceId, ScalableDimension };
  }

  #describeKey(k: TargetKey) {
    return `service namespace: ${k.ServiceNamespace}, resource ID: ${k.ResourceId}, scalable dimension: ${k.ScalableDimension}`;
  }

  getTarget(k: TargetKey): AasTarget | undefined {
    return this.targets.get(targetKey(k));
  }

  registerScalableTarget(input: any): { ScalableTargetARN: string } {
    const key = this.#checkKey(input);
    const min = optionalInt(input, 'MinCapacity');
    const max = optionalInt(input, 'MaxCapacity');
    const existing = this.getTarget(key);
    if (!existing && (min === undefined || max === undefined)) {
      throw validationError(
        'MinCapacity and MaxCapacity are required when registering a new scalable target',
      );
    }
    const MinCapacity = min ?? existing!.MinCapacity;
    const MaxCapacity = max ?? existing!.MaxCapacity;
    if (MinCapacity < 0)
      throw validationError('Minimum capacity cannot be less than 0');
    if (MinCapacity > MaxCapacity) {
      throw validationError(
        `Minimum capacity (${MinCapacity}) cannot be greater than maximum capacity (${MaxCapacity})`,
      );
    }
    const suspended = (input.SuspendedState ?? {}) as AasSuspendedState;
    const target: AasTarget = {
      ...key,
      MinCapacity,
      MaxCapacity,
      RoleARN:
        input.RoleARN ??
        existing?.RoleARN ??
        `arn:aws:iam::${this.account.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
      SuspendedState: {
        DynamicScalingInSuspended:
          suspended.DynamicScalingInSuspended ??
          existing?.SuspendedState.DynamicScalingInSuspended ??
          false,
        DynamicScalingOutSuspended:
          suspended.DynamicScalingOutSuspended ??
          existing?.SuspendedState.DynamicScalingOutSuspended ??
          false,
        ScheduledScalingSuspended:
          suspended.ScheduledScalingSuspended ??
          existing?.SuspendedState.ScheduledScalingSuspended ??
          false,
      },
      CreationTime: existing?.CreationTime ?? this.now() / 1000,
      ScalableTargetARN:
        existing?.ScalableTargetARN ??
        `arn:aws:application-autoscaling:${this.account.region}:${
          this.account.accountId
        }:scalable-target/${randomUUID().replace(/-/g, '').slice(0, 32)}`,
    };
    this.targets.set(targetKey(key), target);
    this.onLimitsChanged(target);
    return { ScalableTargetARN: target.ScalableTargetARN };
  }

  describeScalableTargets(input: any) {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    const ids: string[] | undefined = input.ResourceIds;
    const items = [...this.targets.values()].filter(
      t =>
        t.ServiceNamespace === ServiceNamespace &&
        (!ids || ids.length === 0 || ids.includes(t.ResourceId)) &&
        (!input.ScalableDimension ||
          t.ScalableDimension === input.ScalableDimension),
    );
    const { page, NextToken } = pageOf(items, input, 50);
    return { ScalableTargets: page, ...(NextToken ? { NextToken } : {}) };
  }

  deregisterScalableTarget(input: any) {
    const key = this.#checkKey(input);
    const k = targetKey(key);
    if (!this.targets.has(k)) {
      throw objectNotFound(
        `No scalable target found for ${this.#describeKey(key)}`,
      );
    }
    this.targets.delete(k);
    // Deregistering deletes the target's scaling policies, as in AWS.
    this.policies.delete(k);
    return {};
  }

  putScalingPolicy(input: any): { PolicyARN: string; Alarms: AasAlarm[] } {
    const PolicyName = requireString(input, 'PolicyName', 256);
    if (!/^\P{C}+$/u.test(PolicyName)) {
      throw validationError(
        `1 validation error detected: Value '${PolicyName}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{Print}+`,
      );
    }
    const key = this.#checkKey(input);
    const k = targetKey(key);
    if (!this.targets.has(k)) {
      throw objectNotFound(
        `No scalable target registered for ${this.#describeKey(key)}`,
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
    let byName = this.policies.get(k);
    if (!byName) {
      byName = new Map();
      this.policies.set(k, byName);
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

  describeScalingPolicies(input: any) {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    const names: string[] | undefined = input.PolicyNames;
    const items = [...this.policies.values()]
      .flatMap(m => [...m.values()])
      .filter(
        p =>
          p.ServiceNamespace === ServiceNamespace &&
          (!input.ResourceId || p.ResourceId === input.ResourceId) &&
          (!input.ScalableDimension ||
            p.ScalableDimension === input.ScalableDimension) &&
          (!names || names.length === 0 || names.includes(p.PolicyName)),
      );
    const { page, NextToken } = pageOf(items, input, 50);
    return { ScalingPolicies: page, ...(NextToken ? { NextToken } : {}) };
  }

  deleteScalingPolicy(input: any) {
    const PolicyName = requireString(input, 'PolicyName', 256);
    const key = this.#checkKey(input);
    const byName = this.policies.get(targetKey(key));
    if (!byName?.has(PolicyName)) {
      throw objectNotFound(
        `No scaling policy found for ${this.#describeKey(
          key,
        )}, policy name: ${PolicyName}`,
      );
    }
    byName.delete(PolicyName);
    return {};
  }

  describeScalingActivities(input: any) {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    const items = [...this.activities.values()]
      .flat()
      .filter(
        a =>
          a.ServiceNamespace === ServiceNamespace &&
          (!input.ResourceId || a.ResourceId === input.ResourceId) &&
          (!input.ScalableDimension ||
            a.ScalableDimension === input.ScalableDimension),
      )
      .sort((a, b) => b.StartTime - a.StartTime);
    const { page, NextToken } = pageOf(items, input, 50);
    return { ScalingActivities: page, ...(NextToken ? { NextToken } : {}) };
  }

  policiesOf(k: TargetKey): AasPolicy[] {
    return [...(this.policies.get(targetKey(k))?.values() ?? [])];
  }

  /** Records a new activity (newest first). */
  recordActivity(activity: Omit<AasActivity, 'ActivityId'>): AasActivity {
    const full: AasActivity = { ActivityId: randomUUID(), ...activity };
    const k = targetKey(activity);
    const list = this.activities.get(k) ?? [];
    list.unshift(full);
    // AWS keeps six weeks of activities; the sandbox keeps the latest 1,000 per target.
    if (list.length > 1000) list.length = 1000;
    this.activities.set(k, list);
    return full;
  }
}

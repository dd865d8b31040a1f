/**
 * Application Auto Scaling's scalable targets: register (create or update), describe,
 * deregister, with the API's validation and errors.
 */
import { randomUUID } from 'node:crypto';
import {
  checkTargetKey,
  describeTargetKey,
  optionalInt,
  pageOf,
  requireString,
} from './applicationAutoScalingRequests';
import {
  AasSuspendedState,
  AasTarget,
  targetKey,
} from './applicationAutoScalingTypes';
import { objectNotFound, validationError } from './AwsServiceError';

/** @internal */
export class ScalableTargets {
  /** By target key. */
  readonly byKey = new Map<string, AasTarget>();

  constructor(
    private readonly account: { region: string; accountId: string },
    private readonly now: () => number,
  ) {}

  /** Registers or updates a target (RegisterScalableTarget). */
  register(input: any): AasTarget {
    const key = checkTargetKey(input);
    const min = optionalInt(input, 'MinCapacity');
    const max = optionalInt(input, 'MaxCapacity');
    const existing = this.byKey.get(targetKey(key));
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
    this.byKey.set(targetKey(key), target);
    return target;
  }

  /** DescribeScalableTargets. */
  describe(input: any) {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    const ids: string[] | undefined = input.ResourceIds;
    const items = [...this.byKey.values()].filter(
      t =>
        t.ServiceNamespace === ServiceNamespace &&
        (!ids || ids.length === 0 || ids.includes(t.ResourceId)) &&
        (!input.ScalableDimension ||
          t.ScalableDimension === input.ScalableDimension),
    );
    const { page, NextToken } = pageOf(items, input, 50);
    return { ScalableTargets: page, ...(NextToken ? { NextToken } : {}) };
  }

  /** Deregisters a target (DeregisterScalableTarget); returns its key. */
  deregister(input: any): string {
    const key = checkTargetKey(input);
    const k = targetKey(key);
    if (!this.byKey.has(k)) {
      throw objectNotFound(
        `No scalable target found for ${describeTargetKey(key)}`,
      );
    }
    this.byKey.delete(k);
    return k;
  }
}

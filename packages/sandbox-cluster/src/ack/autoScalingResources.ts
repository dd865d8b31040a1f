/**
 * The simulated Application Auto Scaling controller's view of ScalableTarget and
 * ScalingPolicy: register or put them on the "AWS side" when new or changed, and compute
 * the status ACK would write (ARN, alarms, times).
 */
import { toKubeTime } from '../SimClock';
import { jsonEqual } from '../jsonEqual';
import { aasKey, errorOutcome, ReconcileContext } from './reconcileContext';

/** Status of a ScalableTarget. @internal */
export function scalableTargetStatus(
  ctx: ReconcileContext,
): Record<string, unknown> {
  const { spec, mem, now, aas, finish } = ctx;
  const key = aasKey(spec);
  let error: unknown;
  const registered = aas.getTarget(key);
  if (!registered || !jsonEqual(mem.syncedSpec, spec)) {
    try {
      aas.registerScalableTarget({
        ...key,
        MinCapacity: spec.minCapacity,
        MaxCapacity: spec.maxCapacity,
        ...(spec.roleARN ? { RoleARN: spec.roleARN } : {}),
        ...(spec.suspendedState
          ? {
              SuspendedState: {
                DynamicScalingInSuspended:
                  spec.suspendedState.dynamicScalingInSuspended ?? false,
                DynamicScalingOutSuspended:
                  spec.suspendedState.dynamicScalingOutSuspended ?? false,
                ScheduledScalingSuspended:
                  spec.suspendedState.scheduledScalingSuspended ?? false,
              },
            }
          : {}),
      });
      mem.syncedSpec = structuredClone(spec);
      mem.modifiedAt = now;
    } catch (e) {
      error = e;
    }
  }
  const target = aas.getTarget(key);
  const fields = {
    ...ctx.base(target?.ScalableTargetARN),
    ...(target
      ? {
          creationTime: toKubeTime(target.CreationTime * 1000),
          lastModifiedTime: toKubeTime(
            mem.modifiedAt ?? target.CreationTime * 1000,
          ),
        }
      : {}),
  };
  if (error) return finish(fields, errorOutcome(error));
  return finish(fields, { synced: 'True' });
}

/** Status of a ScalingPolicy. @internal */
export function scalingPolicyStatus(
  ctx: ReconcileContext,
): Record<string, unknown> {
  const { spec, mem, now, aas, finish } = ctx;
  const key = aasKey(spec);
  const existing = aas
    .policiesOf(key)
    .find(p => p.PolicyName === spec.policyName);
  let error: unknown;
  if (!existing || !jsonEqual(mem.syncedSpec, spec)) {
    try {
      const tt = spec.targetTrackingScalingPolicyConfiguration;
      aas.putScalingPolicy({
        ...key,
        PolicyName: spec.policyName,
        PolicyType: spec.policyType,
        ...(tt
          ? {
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: tt.targetValue,
                ...(tt.predefinedMetricSpecification
                  ? {
                      PredefinedMetricSpecification: {
                        PredefinedMetricType:
                          tt.predefinedMetricSpecification.predefinedMetricType,
                        ...(tt.predefinedMetricSpecification.resourceLabel
                          ? {
                              ResourceLabel:
                                tt.predefinedMetricSpecification.resourceLabel,
                            }
                          : {}),
                      },
                    }
                  : {}),
                ...(tt.customizedMetricSpecification
                  ? {
                      CustomizedMetricSpecification:
                        tt.customizedMetricSpecification,
                    }
                  : {}),
                ScaleInCooldown: tt.scaleInCooldown,
                ScaleOutCooldown: tt.scaleOutCooldown,
                DisableScaleIn: tt.disableScaleIn,
              },
            }
          : {}),
        ...(spec.stepScalingPolicyConfiguration
          ? {
              StepScalingPolicyConfiguration:
                spec.stepScalingPolicyConfiguration,
            }
          : {}),
      });
      mem.syncedSpec = structuredClone(spec);
      mem.modifiedAt = now;
    } catch (e) {
      error = e;
    }
  }
  const policy = aas
    .policiesOf(key)
    .find(p => p.PolicyName === spec.policyName);
  const fields = {
    ...ctx.base(policy?.PolicyARN),
    ...(policy
      ? {
          alarms: policy.Alarms.map(a => ({
            alarmName: a.AlarmName,
            alarmARN: a.AlarmARN,
          })),
          creationTime: toKubeTime(policy.CreationTime * 1000),
          lastModifiedTime: toKubeTime(
            mem.modifiedAt ?? policy.CreationTime * 1000,
          ),
        }
      : {}),
  };
  if (error) return finish(fields, errorOutcome(error));
  return finish(fields, { synced: 'True' });
}

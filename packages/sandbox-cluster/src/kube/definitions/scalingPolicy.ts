/**
 * The sandbox's ScalingPolicy (applicationautoscaling.services.k8s.aws/v1alpha1): the
 * target-tracking configuration typed field by field, step scaling kept as sent.
 */
import { ackResourceMetadata, conditions } from './ackStatus';
import type { AckKindDefinition } from './customResourceDefinition';
import {
  array,
  boolean,
  dateTime,
  int64,
  number,
  object,
  string,
  unmodelledObject,
} from './schema';

/** @internal */
export const SCALING_POLICY: AckKindDefinition = {
  group: 'applicationautoscaling.services.k8s.aws',
  kind: 'ScalingPolicy',
  plural: 'scalingpolicies',
  spec: object(
    {
      policyName: string(),
      policyType: string(),
      resourceID: string(),
      scalableDimension: string(),
      serviceNamespace: string(),
      stepScalingPolicyConfiguration: unmodelledObject(),
      targetTrackingScalingPolicyConfiguration: object({
        customizedMetricSpecification: unmodelledObject(),
        disableScaleIn: boolean(),
        predefinedMetricSpecification: object({
          predefinedMetricType: string(),
          resourceLabel: string(),
        }),
        scaleInCooldown: int64(),
        scaleOutCooldown: int64(),
        targetValue: number(),
      }),
    },
    ['policyName', 'resourceID', 'scalableDimension', 'serviceNamespace'],
  ),
  status: object({
    ackResourceMetadata: ackResourceMetadata(),
    alarms: array(object({ alarmARN: string(), alarmName: string() })),
    conditions: conditions(),
    creationTime: dateTime(),
    lastModifiedTime: dateTime(),
  }),
};

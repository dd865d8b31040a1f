/**
 * The sandbox's ScalableTarget (applicationautoscaling.services.k8s.aws/v1alpha1):
 * capacity limits, the variant it scales and its suspended state.
 */
import { ackResourceMetadata, conditions } from './ackStatus';
import type { AckKindDefinition } from './customResourceDefinition';
import {
  boolean,
  dateTime,
  int64,
  object,
  string,
  unmodelledObject,
} from './schema';

/** @internal */
export const SCALABLE_TARGET: AckKindDefinition = {
  group: 'applicationautoscaling.services.k8s.aws',
  kind: 'ScalableTarget',
  plural: 'scalabletargets',
  spec: object(
    {
      maxCapacity: int64(),
      minCapacity: int64(),
      resourceID: string(),
      roleARN: string(),
      roleRef: unmodelledObject(),
      scalableDimension: string(),
      serviceNamespace: string(),
      suspendedState: object({
        dynamicScalingInSuspended: boolean(),
        dynamicScalingOutSuspended: boolean(),
        scheduledScalingSuspended: boolean(),
      }),
    },
    ['resourceID', 'scalableDimension', 'serviceNamespace'],
  ),
  status: object({
    ackResourceMetadata: ackResourceMetadata(),
    conditions: conditions(),
    creationTime: dateTime(),
    lastModifiedTime: dateTime(),
  }),
};

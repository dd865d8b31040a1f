/**
 * The sandbox's Endpoint (sagemaker.services.k8s.aws/v1alpha1): the spec the product
 * writes, and the status the simulated controller writes and the backend reads (status,
 * failure reason, times, per-variant counts and weights).
 */
import { ackResourceMetadata, conditions } from './ackStatus';
import type { AckKindDefinition } from './customResourceDefinition';
import {
  array,
  dateTime,
  int64,
  number,
  object,
  string,
  unmodelledList,
  unmodelledObject,
} from './schema';

/** @internal */
export const ENDPOINT: AckKindDefinition = {
  group: 'sagemaker.services.k8s.aws',
  kind: 'Endpoint',
  plural: 'endpoints',
  // As upstream: kubectl shows the endpoint's status, and the failure reason with -o wide.
  printerColumns: [
    {
      jsonPath: '.status.failureReason',
      name: 'FAILURE-REASON',
      priority: 1,
      type: 'string',
    },
    { jsonPath: '.status.endpointStatus', name: 'STATUS', type: 'string' },
  ],
  spec: object(
    {
      deploymentConfig: unmodelledObject(),
      endpointConfigName: string(),
      endpointName: string(),
      tags: unmodelledList(),
    },
    ['endpointConfigName', 'endpointName'],
  ),
  status: object({
    ackResourceMetadata: ackResourceMetadata(),
    conditions: conditions(),
    creationTime: dateTime(),
    endpointStatus: string(),
    failureReason: string(),
    lastModifiedTime: dateTime(),
    pendingDeploymentSummary: unmodelledObject(),
    productionVariants: array(
      object({
        capacityReservationConfig: unmodelledObject(),
        currentInstanceCount: int64(),
        currentServerlessConfig: unmodelledObject(),
        currentWeight: number(),
        deployedImages: unmodelledList(),
        desiredInstanceCount: int64(),
        desiredServerlessConfig: unmodelledObject(),
        desiredWeight: number(),
        managedInstanceScaling: unmodelledObject(),
        routingConfig: unmodelledObject(),
        variantName: string(),
        variantStatus: unmodelledList(),
      }),
    ),
  }),
};

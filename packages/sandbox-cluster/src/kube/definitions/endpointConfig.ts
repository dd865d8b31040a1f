/**
 * The sandbox's EndpointConfig (sagemaker.services.k8s.aws/v1alpha1): production
 * variants typed field by field, the other configurations kept as sent.
 */
import { ackResourceMetadata, conditions } from './ackStatus';
import type { AckKindDefinition } from './customResourceDefinition';
import {
  array,
  boolean,
  int64,
  number,
  object,
  string,
  unmodelledList,
  unmodelledObject,
} from './schema';

/** @internal */
export const ENDPOINT_CONFIG: AckKindDefinition = {
  group: 'sagemaker.services.k8s.aws',
  kind: 'EndpointConfig',
  plural: 'endpointconfigs',
  spec: object(
    {
      asyncInferenceConfig: unmodelledObject(),
      dataCaptureConfig: unmodelledObject(),
      enableNetworkIsolation: boolean(),
      endpointConfigName: string(),
      executionRoleARN: string(),
      kmsKeyID: string(),
      productionVariants: array(
        object({
          acceleratorType: string(),
          capacityReservationConfig: unmodelledObject(),
          containerStartupHealthCheckTimeoutInSeconds: int64(),
          coreDumpConfig: unmodelledObject(),
          enableSSMAccess: boolean(),
          initialInstanceCount: int64(),
          initialVariantWeight: number(),
          instanceType: string(),
          managedInstanceScaling: unmodelledObject(),
          modelDataDownloadTimeoutInSeconds: int64(),
          modelName: string(),
          routingConfig: unmodelledObject(),
          serverlessConfig: unmodelledObject(),
          variantName: string(),
          volumeSizeInGB: int64(),
        }),
      ),
      tags: unmodelledList(),
      vpcConfig: unmodelledObject(),
    },
    ['endpointConfigName', 'productionVariants'],
  ),
  status: object({
    ackResourceMetadata: ackResourceMetadata(),
    conditions: conditions(),
  }),
};

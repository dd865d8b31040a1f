/**
 * The sandbox's Model (sagemaker.services.k8s.aws/v1alpha1): the container fields the
 * template, the tutorial and the render action write are typed; the rest is kept as sent.
 */
import { ackResourceMetadata, conditions } from './ackStatus';
import type { AckKindDefinition } from './customResourceDefinition';
import {
  array,
  boolean,
  object,
  string,
  stringMap,
  unmodelledList,
  unmodelledObject,
} from './schema';

const container = () =>
  object({
    containerHostname: string(),
    environment: stringMap(),
    image: string(),
    imageConfig: unmodelledObject(),
    inferenceSpecificationName: string(),
    mode: string(),
    modelDataSource: unmodelledObject(),
    modelDataURL: string(),
    modelPackageName: string(),
    multiModelConfig: unmodelledObject(),
  });

/** @internal */
export const MODEL: AckKindDefinition = {
  group: 'sagemaker.services.k8s.aws',
  kind: 'Model',
  plural: 'models',
  spec: object(
    {
      containers: array(container()),
      enableNetworkIsolation: boolean(),
      executionRoleARN: string(),
      inferenceExecutionConfig: unmodelledObject(),
      modelName: string(),
      primaryContainer: container(),
      tags: unmodelledList(),
      vpcConfig: unmodelledObject(),
    },
    ['modelName'],
  ),
  status: object({
    ackResourceMetadata: ackResourceMetadata(),
    conditions: conditions(),
  }),
};

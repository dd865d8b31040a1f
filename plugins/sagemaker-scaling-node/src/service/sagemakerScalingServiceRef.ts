import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultSageMakerScalingService } from './DefaultSageMakerScalingService';
import type { SageMakerScalingService } from './SageMakerScalingService';

/**
 * The SageMaker scaling service for other backend plugins. The default implementation
 * is an HTTP client of the `sagemaker-scaling` backend plugin that calls it on behalf of
 * the given caller.
 * @public
 */
export const sagemakerScalingServiceRef =
  createServiceRef<SageMakerScalingService>({
    id: 'sagemaker-scaling.client',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { auth: coreServices.auth, discovery: coreServices.discovery },
        async factory({ auth, discovery }) {
          return DefaultSageMakerScalingService.create({ auth, discovery });
        },
      }),
  });

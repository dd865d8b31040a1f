import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { compatWrapper } from '@backstage/core-compat-api';
import { sagemakerScalingApiRef, SageMakerScalingClient } from '../api';
import { isSageMakerScalingAvailable } from '../conditions';

/**
 * The API client as a utility API extension (`api:sagemaker-scaling`).
 * @alpha
 */
export const sagemakerScalingApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sagemakerScalingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SageMakerScalingClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The overview card (`entity-card:sagemaker-scaling/scaling`), on entities with the
 * endpoint annotation.
 * @alpha
 */
export const sagemakerScalingEntityCard = EntityCardBlueprint.make({
  name: 'scaling',
  params: {
    filter: isSageMakerScalingAvailable,
    loader: () =>
      import('../components/EntitySageMakerScalingCard').then(m =>
        compatWrapper(<m.EntitySageMakerScalingCard />),
      ),
  },
});

/**
 * The "Scaling" tab (`entity-content:sagemaker-scaling/scaling`, path `/scaling`), on
 * entities with the endpoint annotation.
 * @alpha
 */
export const sagemakerScalingEntityContent = EntityContentBlueprint.make({
  name: 'scaling',
  params: {
    path: '/scaling',
    title: 'Scaling',
    filter: isSageMakerScalingAvailable,
    loader: () =>
      import('../components/EntitySageMakerScalingContent').then(m =>
        compatWrapper(<m.EntitySageMakerScalingContent />),
      ),
  },
});

/**
 * The SageMaker scaling plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'sagemaker-scaling',
  extensions: [
    sagemakerScalingApi,
    sagemakerScalingEntityCard,
    sagemakerScalingEntityContent,
  ],
});

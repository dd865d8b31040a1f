import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { sagemakerScalingApiRef, SageMakerScalingClient } from './api';
import {
  SAGEMAKER_COST_ESTIMATE_FIELD,
  SageMakerCostEstimateField,
} from './components/SageMakerCostEstimateField';
import type { EntitySageMakerScalingCardProps } from './components/EntitySageMakerScalingCard';
import type { EntitySageMakerScalingContentProps } from './components/EntitySageMakerScalingContent';

/**
 * The SageMaker scaling frontend plugin (legacy frontend system).
 * @public
 */
export const sagemakerScalingPlugin = createPlugin({
  id: 'sagemaker-scaling',
  apis: [
    createApiFactory({
      api: sagemakerScalingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SageMakerScalingClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Entity overview card with the live scaling state; use on entities where
 * {@link isSageMakerScalingAvailable} holds.
 * @public
 */
export const EntitySageMakerScalingCard: (
  props: EntitySageMakerScalingCardProps,
) => JSX.Element = sagemakerScalingPlugin.provide(
  createComponentExtension({
    name: 'EntitySageMakerScalingCard',
    component: {
      lazy: () =>
        import('./components/EntitySageMakerScalingCard').then(
          m => m.EntitySageMakerScalingCard,
        ),
    },
  }),
);

/**
 * Entity tab ("Scaling") with the full scaling state and editing; mount it with
 * `<EntityLayout.Route path="/scaling" title="Scaling" if={isSageMakerScalingAvailable}>`.
 * @public
 */
export const EntitySageMakerScalingContent: (
  props: EntitySageMakerScalingContentProps,
) => JSX.Element = sagemakerScalingPlugin.provide(
  createComponentExtension({
    name: 'EntitySageMakerScalingContent',
    component: {
      lazy: () =>
        import('./components/EntitySageMakerScalingContent').then(
          m => m.EntitySageMakerScalingContent,
        ),
    },
  }),
);

/**
 * The template form's cost estimate for the legacy scaffolder
 * (`ui:field: SageMakerCostEstimate`): the cost range at min..max instances of the chosen instance
 * type. Mount it inside `<ScaffolderFieldExtensions>`.
 * @public
 */
export const SageMakerCostEstimateFieldExtension =
  sagemakerScalingPlugin.provide(
    createScaffolderFieldExtension({
      name: SAGEMAKER_COST_ESTIMATE_FIELD,
      component: SageMakerCostEstimateField,
    }),
  );

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
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
import type { EntitySageMakerFleetCardProps } from './components/EntitySageMakerFleetCard';
import type { SageMakerFleetPageProps } from './components/SageMakerFleet';
import { sagemakerFleetRouteRef } from './routes';

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
  routes: {
    fleet: sagemakerFleetRouteRef,
  },
});

/**
 * The "ML endpoints" page: every ML service the user may see, across clusters, with
 * filters, sorting and paging. Mount it with
 * `<Route path="/ml-endpoints" element={<SageMakerFleetPage />} />`.
 * @public
 */
export const SageMakerFleetPage: (
  props: SageMakerFleetPageProps,
) => JSX.Element = sagemakerScalingPlugin.provide(
  createRoutableExtension({
    name: 'SageMakerFleetPage',
    component: () =>
      import('./components/SageMakerFleet').then(m => m.SageMakerFleetPage),
    mountPoint: sagemakerFleetRouteRef,
  }),
);

/**
 * Card for System and Group entity pages: the ML endpoints in the system or owned by the
 * group, linking to the "ML endpoints" page filtered the same way.
 * @public
 */
export const EntitySageMakerFleetCard: (
  props: EntitySageMakerFleetCardProps,
) => JSX.Element = sagemakerScalingPlugin.provide(
  createComponentExtension({
    name: 'EntitySageMakerFleetCard',
    component: {
      lazy: () =>
        import('./components/EntitySageMakerFleetCard').then(
          m => m.EntitySageMakerFleetCard,
        ),
    },
  }),
);

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

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  ExtensionDefinition,
  fetchApiRef,
  OverridableFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import MemoryIcon from '@material-ui/icons/Memory';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { sagemakerScalingApiRef, SageMakerScalingClient } from '../api';
import {
  isSageMakerFleetAvailable,
  isSageMakerScalingAvailable,
} from '../conditions';
import { sagemakerFleetRouteRef } from '../routes';

// The exports are typed with the framework's base types rather than the inferred ones, so
// the published declarations do not spell out blueprint internals (filter predicates,
// extension data refs) of the exact framework version this package was built with.

/**
 * The API client as a utility API extension (`api:sagemaker-scaling`).
 * @alpha
 */
export const sagemakerScalingApi: ExtensionDefinition = ApiBlueprint.make({
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
export const sagemakerScalingEntityCard: ExtensionDefinition =
  EntityCardBlueprint.make({
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
export const sagemakerScalingEntityContent: ExtensionDefinition =
  EntityContentBlueprint.make({
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
 * The "ML endpoints" page (`page:sagemaker-scaling/fleet`, path `/ml-endpoints`); with its
 * title and icon it is also the sidebar's "ML endpoints" item.
 * @alpha
 */
export const sagemakerFleetPage: ExtensionDefinition = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/ml-endpoints',
    title: 'ML endpoints',
    icon: <MemoryIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(sagemakerFleetRouteRef),
    loader: () =>
      import('../components/SageMakerFleet').then(m =>
        compatWrapper(<m.SageMakerFleetContent />),
      ),
  },
});

/**
 * The ML endpoints of a Group or System (`entity-card:sagemaker-scaling/fleet`), on
 * Group and System pages.
 * @alpha
 */
export const sagemakerFleetEntityCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'fleet',
    params: {
      filter: isSageMakerFleetAvailable,
      loader: () =>
        import('../components/EntitySageMakerFleetCard').then(m =>
          compatWrapper(<m.EntitySageMakerFleetCard />),
        ),
    },
  });

/**
 * The template form's cost estimate (`scaffolder-form-field:sagemaker-scaling/cost-estimate`,
 * `ui:field: SageMakerCostEstimate`), attached to the scaffolder's form fields.
 * @alpha
 */
export const sagemakerCostEstimateFormField: ExtensionDefinition =
  FormFieldBlueprint.make({
    name: 'cost-estimate',
    params: {
      field: () =>
        import(
          '../components/SageMakerCostEstimateField/costEstimateFormField'
        ).then(m => m.costEstimateFormField),
    },
  });

/**
 * The SageMaker scaling plugin for the new frontend system.
 * @alpha
 */
const sagemakerScalingPlugin: OverridableFrontendPlugin<
  {},
  {},
  {
    'api:sagemaker-scaling': ExtensionDefinition;
    'entity-card:sagemaker-scaling/scaling': ExtensionDefinition;
    'entity-content:sagemaker-scaling/scaling': ExtensionDefinition;
    'scaffolder-form-field:sagemaker-scaling/cost-estimate': ExtensionDefinition;
    'page:sagemaker-scaling/fleet': ExtensionDefinition;
    'entity-card:sagemaker-scaling/fleet': ExtensionDefinition;
  }
> = createFrontendPlugin({
  pluginId: 'sagemaker-scaling',
  extensions: [
    sagemakerScalingApi,
    sagemakerScalingEntityCard,
    sagemakerScalingEntityContent,
    sagemakerCostEstimateFormField,
    sagemakerFleetPage,
    sagemakerFleetEntityCard,
  ],
});

export default sagemakerScalingPlugin;

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createApplyScaledEndpointAction,
  createAwaitCatalogServiceAction,
  createDeleteScaledEndpointAction,
  createRenderScaledEndpointAction,
} from './actions';

/**
 * Scaffolder module adding the SageMaker endpoint actions: `sagemaker:endpoint:render`,
 * `sagemaker:endpoint:apply`, `sagemaker:endpoint:delete` and
 * `sagemaker:catalog:await-service`.
 * @public
 */
export const scaffolderModuleSagemaker = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'sagemaker',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        userInfo: coreServices.userInfo,
      },
      async init({ scaffolder, config, permissions, catalog, userInfo }) {
        // apply and delete authorize every write against the bound entity, as the initiator
        scaffolder.addActions(
          createRenderScaledEndpointAction(),
          createApplyScaledEndpointAction({
            config,
            catalog,
            permissions,
            userInfo,
          }),
          createDeleteScaledEndpointAction({ config, catalog, permissions }),
          createAwaitCatalogServiceAction({ catalog }),
        );
      },
    });
  },
});

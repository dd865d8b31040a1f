import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createApplyScaledEndpointAction,
  createDeleteScaledEndpointAction,
  createRegisterLocalCatalogAction,
  createRenderScaledEndpointAction,
} from './actions';

/**
 * Scaffolder module adding the SageMaker endpoint actions: `sagemaker:endpoint:render`,
 * `sagemaker:endpoint:apply`, `sagemaker:endpoint:delete` and, when
 * `sagemakerScaling.scaffolder.localCatalogDirectory` is configured,
 * `sagemaker:catalog:register-local`.
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
      },
      async init({ scaffolder, config, permissions, catalog }) {
        scaffolder.addActions(
          createRenderScaledEndpointAction(),
          createApplyScaledEndpointAction({ config }),
          createDeleteScaledEndpointAction({ config, permissions }),
        );
        const localCatalogDirectory = config.getOptionalString(
          'sagemakerScaling.scaffolder.localCatalogDirectory',
        );
        if (localCatalogDirectory) {
          scaffolder.addActions(
            createRegisterLocalCatalogAction({
              catalog,
              directory: localCatalogDirectory,
              appBaseUrl: config.getOptionalString('app.baseUrl'),
            }),
          );
        }
      },
    });
  },
});

import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRenderScaledEndpointAction } from './actions';

/**
 * Scaffolder module adding the SageMaker endpoint actions (`sagemaker:endpoint:render`).
 * @public
 */
export const scaffolderModuleSagemaker = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'sagemaker',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createRenderScaledEndpointAction());
      },
    });
  },
});

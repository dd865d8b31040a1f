import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Lets registered catalog locations be local files as well as URLs, so that the
 * "New scaled model endpoint" template's `sagemaker:catalog:register-local` step can
 * register new ML services from the local catalog folder without a git host.
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlplatform-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

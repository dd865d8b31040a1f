import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MlPlatformPermissionPolicy } from './MlPlatformPermissionPolicy';

/**
 * Installs the project's permission policy into the permission backend.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'mlplatform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new MlPlatformPermissionPolicy({ userInfo }));
      },
    });
  },
});

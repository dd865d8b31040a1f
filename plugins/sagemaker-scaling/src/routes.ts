import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The "ML endpoints" page (the fleet of ML services); the legacy app mounts
 * `SageMakerFleetPage` on it, the new frontend system's page is bound to it.
 * @public
 */
export const sagemakerFleetRouteRef = createRouteRef({
  id: 'sagemaker-scaling:fleet',
});

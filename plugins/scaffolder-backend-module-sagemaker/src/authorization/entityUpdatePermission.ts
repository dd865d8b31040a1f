import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sagemakerScalingUpdatePermission } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Throws a NotAllowedError unless `credentials` have `sagemaker.scaling.update` on the
 * entity: the permission the backend's scaling writes need, so a template step can do no
 * more than the Scaling tab.
 */
export async function assertMayUpdateEntity(
  permissions: PermissionsService,
  entityRef: string,
  credentials: BackstageCredentials,
  doing: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: sagemakerScalingUpdatePermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to ${doing} of ${entityRef} (permission ${sagemakerScalingUpdatePermission.name})`,
    );
  }
}

import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * The project's policy:
 * - reading an ML service's scaling state needs a signed-in user;
 * - changing its scaling settings is for the entity's owners only (the user or one of the
 *   groups they belong to), evaluated by the catalog's `IS_ENTITY_OWNER` rule;
 * - everything else (catalog, scaffolder) is allowed, as in a stock local Backstage.
 * Extend it here when you add rules for your organisation.
 */
export class MlPlatformPermissionPolicy implements PermissionPolicy {
  readonly #userInfo: UserInfoService;

  constructor(options: { userInfo: UserInfoService }) {
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, sagemakerScalingReadPermission)) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, sagemakerScalingUpdatePermission)) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
        user.credentials,
      );
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

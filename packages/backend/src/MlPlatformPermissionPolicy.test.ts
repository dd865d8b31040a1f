import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { MlPlatformPermissionPolicy } from './MlPlatformPermissionPolicy';

describe('MlPlatformPermissionPolicy', () => {
  const userInfo = mockServices.userInfo({
    ownershipEntityRefs: ['user:default/guest', 'group:default/ml-platform'],
  });
  const policy = new MlPlatformPermissionPolicy({ userInfo });
  const user = {
    credentials: mockCredentials.user('user:default/guest'),
    info: {
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest'],
    },
  };

  it('lets signed-in users read scaling state', async () => {
    await expect(
      policy.handle({ permission: sagemakerScalingReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('refuses scaling state without a user', async () => {
    await expect(
      policy.handle({ permission: sagemakerScalingReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: sagemakerScalingUpdatePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets only owners (user or their groups) update scaling settings', async () => {
    const decision = await policy.handle(
      { permission: sagemakerScalingUpdatePermission },
      user,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/ml-platform'],
        },
      },
    });
  });

  it('allows other permissions, as a stock local Backstage does', async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    await expect(policy.handle({ permission: other }, user)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});

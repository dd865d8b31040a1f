import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Resource type of catalog entities, as the catalog's permission rules use it. */
const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/**
 * Read the scaling state of an entity's endpoint.
 * @public
 */
export const sagemakerScalingReadPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'sagemaker.scaling.read',
    attributes: { action: 'read' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/**
 * Change the scaling settings (min, max, target, cooldowns) of an entity's endpoint.
 * @public
 */
export const sagemakerScalingUpdatePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'sagemaker.scaling.update',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** All permissions of the plugin. @public */
export const sagemakerScalingPermissions = [
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
];

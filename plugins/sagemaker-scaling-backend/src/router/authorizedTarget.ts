import type express from 'express';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { assertMayRead, endpointBindingOf } from '../binding/endpointBinding';
import type {
  ResolvedEndpoint,
  ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import { entityPathSchema, parseInput } from './validation';

/**
 * Characters a catalog entity's kind, namespace and name can have. Anything else (a
 * decoded `%2F`, spaces, `:`) cannot name an entity, and would otherwise reach
 * stringifyEntityRef and the catalog client, which throw plain errors (500).
 */
const ENTITY_PATH_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The entity path parameters, or an InputError naming the first malformed one. */
function parseEntityPath(params: Record<string, string>) {
  const path = parseInput(entityPathSchema, params, 'entity path');
  for (const param of ['kind', 'namespace', 'name'] as const) {
    if (!ENTITY_PATH_PART.test(path[param])) {
      throw new InputError(
        `Invalid entity path: ${param}: must start with a letter or digit and contain only letters, digits, '.', '_' and '-'`,
      );
    }
  }
  return path;
}

/** The caller and the endpoint an entity route acts on. @internal */
export interface AuthorizedTarget {
  credentials: BackstageCredentials;
  target: ResolvedEndpoint;
}

/** Checks an entity route's request; see {@link createTargetAuthorizer}. @internal */
export type TargetAuthorizer = (
  req: express.Request,
  permission: ResourcePermission<'catalog-entity'>,
) => Promise<AuthorizedTarget>;

/** Checks an entity for a caller whose credentials are known; see {@link createEntityAuthorizer}. @internal */
export type EntityAuthorizer = (
  credentials: BackstageCredentials,
  entityPath: Record<string, string>,
  permission: ResourcePermission<'catalog-entity'>,
) => Promise<AuthorizedTarget>;

/**
 * What every entity route and action checks first: the entity (read with the caller's
 * credentials), the permission on it, the endpoint its annotations name, and that the
 * endpoint's resources are not bound to another entity (403 naming the rule).
 * @internal
 */
export function createEntityAuthorizer(options: {
  permissions: PermissionsService;
  catalog: CatalogService;
  snapshots: ScalingSnapshotService;
}): EntityAuthorizer {
  const { permissions, catalog, snapshots } = options;
  return async (credentials, entityPath, permission) => {
    const path = parseEntityPath(entityPath);
    const entityRef = stringifyEntityRef(path);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      // Same answer whether it does not exist or the caller may not see it.
      throw new NotFoundError(`Entity ${entityRef} not found`);
    }
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.attributes.action} the scaling of ${entityRef} (${permission.name})`,
      );
    }
    const target = snapshots.resolve(entity, entityRef);
    // The annotations only claim the endpoint; its resources say whose it is.
    assertMayRead(
      endpointBindingOf(entityRef, await snapshots.resources(target)),
    );
    return { credentials, target };
  };
}

/**
 * The {@link createEntityAuthorizer} checks for an entity route's request: its caller
 * (user or service) and the entity its path names.
 * @internal
 */
export function createTargetAuthorizer(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  snapshots: ScalingSnapshotService;
}): TargetAuthorizer {
  const authorizeEntity = createEntityAuthorizer(options);
  return async (req, permission) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return authorizeEntity(credentials, req.params, permission);
  };
}

import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SERVICE_OWNER,
  normalizeServiceEntityRef,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { assertMayUpdateEntity } from './entityUpdatePermission';
import { boundEntityOfManifests, ownerOfManifests } from './manifestsBinding';
import { assertResourcesBoundTo } from './resourcesBoundTo';

/** The Backstage services that decide who may write an endpoint's resources. */
export interface EndpointWriteServices {
  catalog: CatalogService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
}

/** An apply the initiator may make, as far as it can be known without reading the cluster. */
export interface EndpointWriteAuthorization {
  /** The entity the manifests bind the resources to. */
  entityRef: string;
  /**
   * Checks the live objects the apply would change (`undefined` where an object does not
   * exist yet); throws a NotAllowedError when one of them is not the initiator's to change.
   */
  checkLive(live: ReadonlyArray<AnyAckResource | undefined>): void;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Decides, before anything is read from the cluster, whether the task's initiator may apply
 * `objects`: they bind the resources to entity E (ANNOTATION_BOUND_ENTITY). When E is in the
 * catalog, the initiator needs `sagemaker.scaling.update` on it; when it is not (a new
 * service), the owner the manifests name must be the initiator or one of their groups.
 * Existing resources are then checked with {@link EndpointWriteAuthorization.checkLive}:
 * they must be bound to E, and for an E not yet in the catalog (a create that stopped
 * halfway) owned by the initiator too.
 */
export async function authorizeEndpointWrite(
  services: EndpointWriteServices,
  objects: AnyAckResource[],
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<EndpointWriteAuthorization> {
  const entityRef = boundEntityOfManifests(objects);
  const entity = await services.catalog.getEntityByRef(entityRef, {
    credentials,
  });
  let ownership: string[] = [];
  if (entity) {
    await assertMayUpdateEntity(
      services.permissions,
      entityRef,
      credentials,
      'apply the endpoint resources',
    );
  } else {
    const owner = ownerOfManifests(objects);
    const info = await services.userInfo.getUserInfo(credentials);
    ownership = info.ownershipEntityRefs.map(lower);
    if (!ownership.includes(owner)) {
      throw new NotAllowedError(
        `${entityRef} is not in the catalog, so the initiator must own the entity the resources will be bound to: the manifests name ${owner} as owner (${ANNOTATION_SERVICE_OWNER}), which is neither ${
          info.userEntityRef
        } nor one of their groups (${info.ownershipEntityRefs.join(', ')})`,
      );
    }
  }

  return {
    entityRef,
    checkLive(live) {
      const existing = live.filter((o): o is AnyAckResource => Boolean(o));
      assertResourcesBoundTo(entityRef, existing, 'apply the manifests');
      if (entity) return;
      const notOwned = existing.filter(o => {
        const owner = normalizeServiceEntityRef(
          o.metadata.annotations?.[ANNOTATION_SERVICE_OWNER],
          'group',
        );
        return !owner || !ownership.includes(lower(owner));
      });
      if (notOwned.length > 0) {
        throw new NotAllowedError(
          `Refusing to apply the manifests: ${entityRef} is not in the catalog and ${notOwned
            .map(o => `${o.kind} ${o.metadata.name}`)
            .join(
              ', ',
            )} already exist with an owner (${ANNOTATION_SERVICE_OWNER}) that is not the initiator or one of their groups`,
        );
      }
    },
  };
}

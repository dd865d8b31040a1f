/**
 * Test helpers: the Backstage services the write actions consult, behaving as in the demo.
 * A catalog holding the given entities, users with their groups, and a permission policy
 * that grants `sagemaker.scaling.update` on an entity only to its owners (the catalog's
 * isEntityOwner rule, which the demo policy uses); the scaffolder's own permissions are allowed.
 */
import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  buildScaledEndpointManifests,
  sagemakerScalingUpdatePermission,
  type ScaledEndpointManifests,
  type ScaledEndpointSpec,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { tutorialInputs } from '@mlplatform/sagemaker-scaling-test-fixtures';
import { capturingLogger } from '../../lib/__testUtils__/sandbox';

/** The signed-in user of createMockActionContext (mockCredentials.user()). */
export const MOCK_USER = 'user:default/mock';
/** The team of {@link MOCK_USER}, owner of the services the tests render. */
export const ML_PLATFORM = 'group:default/ml-platform';
/** A signed-in guest with no special rights. */
export const GUEST = 'user:default/guest';
/** The guests' group. */
export const GUESTS = 'group:default/guests';
/** Another team, owner of fraud-detection. */
export const FRAUD_TEAM = 'group:default/fraud-team';
/** A member of {@link FRAUD_TEAM}. */
export const FRAUD_OWNER = 'user:default/frank';

const GROUPS_OF: Record<string, string[]> = {
  [MOCK_USER]: [ML_PLATFORM],
  [GUEST]: [GUESTS],
  [FRAUD_OWNER]: [FRAUD_TEAM],
};

/** A catalog Component of an ML service, located at its endpoint in ml-serving. */
export function serviceEntity(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'sagemaker.services.k8s.aws/endpoint-name': name,
        'backstage.io/kubernetes-namespace': 'ml-serving',
      },
    },
    spec: { type: 'ml-service', lifecycle: 'production', owner },
  };
}

/** The manifests the render action makes for a service owned by `owner` (bound to its entity). */
export function ownedManifests(
  serviceName: string,
  overrides: Partial<ScaledEndpointSpec> = {},
  owner: string = ML_PLATFORM,
): ScaledEndpointManifests {
  return buildScaledEndpointManifests(
    {
      serviceName,
      namespace: 'ml-serving',
      ...tutorialInputs,
      ...overrides,
    },
    { owner },
  );
}

/** Catalog, user info and owner-only permissions over `entities`. */
export function ownerOnlyServices(entities: Entity[] = []) {
  const catalog = catalogServiceMock({ entities });
  const userInfo: UserInfoService = {
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type !== 'user' || !principal.userEntityRef) {
        throw new Error(`no user info for a ${principal.type} principal`);
      }
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: [
          principal.userEntityRef,
          ...(GROUPS_OF[principal.userEntityRef] ?? []),
        ],
      };
    },
  };
  const permissions: PermissionsService = {
    async authorize(requests, { credentials }) {
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      return Promise.all(
        requests.map(async request => {
          // the scaffolder's own permissions (create tasks, run actions) are not at stake
          if (
            request.permission.name !== sagemakerScalingUpdatePermission.name
          ) {
            return { result: AuthorizeResult.ALLOW };
          }
          const ref = (request as { resourceRef?: string }).resourceRef;
          const entity = ref
            ? await catalog.getEntityByRef(ref, { credentials })
            : undefined;
          const owner = entity?.spec?.owner;
          const ownerRef =
            typeof owner === 'string'
              ? stringifyEntityRef(
                  parseEntityRef(owner, {
                    defaultKind: 'group',
                    defaultNamespace: 'default',
                  }),
                )
              : undefined;
          return {
            result:
              ownerRef && ownershipEntityRefs.includes(ownerRef)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
      );
    },
    async authorizeConditional(requests) {
      // only the scaffolder asks these (template parameters and steps it may read)
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  };
  return { catalog, userInfo, permissions };
}

/** An action context of a task `user` started (a dry run with `isDryRun`), and its log lines. */
export function taskContext(
  input: Record<string, unknown>,
  options: { user?: string; isDryRun?: boolean } = {},
): { ctx: ReturnType<typeof createMockActionContext>; lines: () => string[] } {
  const { logger, lines } = capturingLogger();
  const credentials = mockCredentials.user(options.user ?? MOCK_USER);
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    getInitiatorCredentials: async () => credentials,
    isDryRun: options.isDryRun ?? false,
  };
  return { ctx, lines };
}

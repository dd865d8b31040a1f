import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_ENDPOINT_NAME,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_LABEL_PATTERN,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  DNS1123_SUBDOMAIN_PATTERN,
  getEndpointLocation,
  type AnyAckResource,
  type EndpointLocation,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  createAckClusterClientFactory,
  type AckClusterClient,
  type AckClusterClientFactory,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  deleteResourceAndWait,
  findScaledEndpointResources,
  readTimeoutMinutes,
  retryTransient,
  type ScaledEndpointDeletionPlan,
} from '../lib';
import {
  assertMayUpdateEntity,
  assertResourcesBoundTo,
  userInitiatorCredentials,
} from '../authorization';
import { examples } from './deleteScaledEndpoint.examples';

const ACTION_ID = 'sagemaker:endpoint:delete';

const READ_RETRY_MS = 2 * 60 * 1000;

/**
 * Options of {@link createDeleteScaledEndpointAction}.
 * @public
 */
export interface DeleteScaledEndpointActionOptions {
  /** Root config: clusters come from `sagemakerScaling.clusters` (or the Kubernetes plugin's). */
  config: Config;
  /** Replaces the config-based cluster lookup (tests, custom cluster sources). */
  clusterClientFactory?: AckClusterClientFactory;
  /** Time between reads while waiting for a resource to go (default 1000 ms). */
  pollIntervalMs?: number;
  /** Reads the entity whose endpoint is deleted, with the initiator's credentials. */
  catalog: CatalogService;
  /** Only people allowed `sagemaker.scaling.update` on the entity may delete its endpoint. */
  permissions: PermissionsService;
}

/** The inputs the action takes; anything else is refused rather than ignored. */
const INPUT_NAMES = ['entityRef', 'timeoutMinutes'];

/** Refuses inputs the action does not take (such as the old location overrides). */
function assertKnownInputs(input: object) {
  const unknown = Object.keys(input).filter(k => !INPUT_NAMES.includes(k));
  if (unknown.length > 0) {
    throw new InputError(
      `${unknown.join(
        ', ',
      )}: not an input of ${ACTION_ID} (it takes ${INPUT_NAMES.join(
        ', ',
      )}); the endpoint is located from the entity's annotations only`,
    );
  }
}

/** The full ref of the `entityRef` input (kind default component, namespace default). */
function fullEntityRef(input: unknown): string {
  try {
    if (typeof input !== 'string') throw new TypeError('not a string');
    return stringifyEntityRef(
      parseEntityRef(input.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `entityRef ${JSON.stringify(
        input,
      )} must be an entity ref such as component:default/churn-prediction`,
    );
  }
}

/** Where the entity's endpoint is, from its annotations. */
function locate(entityRef: string, entity: Entity): EndpointLocation {
  const location = getEndpointLocation(entity);
  if (!location) {
    throw new InputError(
      `${entityRef} has no ${ANNOTATION_ENDPOINT_NAME} annotation: it is not an ML service with a SageMaker endpoint`,
    );
  }
  if (
    location.endpointName.length > DNS1123_SUBDOMAIN_MAX_LENGTH ||
    !DNS1123_SUBDOMAIN_PATTERN.test(location.endpointName)
  ) {
    throw new InputError(
      `${ANNOTATION_ENDPOINT_NAME} ${JSON.stringify(
        location.endpointName,
      )} of ${entityRef} must be a Kubernetes metadata.name (DNS-1123 subdomain: lowercase letters, digits, hyphens and dots)`,
    );
  }
  if (
    location.namespace.length > DNS1123_LABEL_MAX_LENGTH ||
    !DNS1123_LABEL_PATTERN.test(location.namespace)
  ) {
    throw new InputError(
      `The namespace ${JSON.stringify(
        location.namespace,
      )} of ${entityRef} must be a Kubernetes namespace (DNS-1123 label: lowercase letters, digits and inner hyphens, at most 63 characters)`,
    );
  }
  return location;
}

/** The deletion plan, refused unless every resource in it is bound to the entity. */
async function findOwnResources(
  client: AckClusterClient,
  entityRef: string,
  { namespace, endpointName }: EndpointLocation,
): Promise<ScaledEndpointDeletionPlan> {
  const plan = await findScaledEndpointResources(
    client,
    namespace,
    endpointName,
  );
  const live = await Promise.all(
    plan.resources.map(r => client.get(r.kind, namespace, r.name)),
  );
  assertResourcesBoundTo(
    entityRef,
    live.filter((o): o is AnyAckResource => Boolean(o)),
    `delete the endpoint of ${entityRef}`,
  );
  return plan;
}

function describePlan(plan: ScaledEndpointDeletionPlan): string {
  const items = plan.resources.map(r => `${r.kind} ${r.name}`).join(', ');
  return items || 'nothing (no resources found)';
}

/**
 * Input of `sagemaker:endpoint:delete`.
 * @public
 */
export type DeleteScaledEndpointInput = {
  entityRef: string;
  timeoutMinutes?: number | undefined;
};

/**
 * Output of `sagemaker:endpoint:delete`.
 * @public
 */
export type DeleteScaledEndpointOutput = {
  cluster: string;
  namespace: string;
  deleted: string[];
  kept: string[];
};

/**
 * `sagemaker:endpoint:delete`: removes the resources of an ML service's scaled endpoint, located
 * from the entity's annotations, in the safe order
 * (ScalingPolicy, ScalableTarget, Endpoint, EndpointConfig, Model), each only after the
 * previous one is gone (finalizer removed). Resources that are already missing count as
 * deleted; a config or model another endpoint still uses is kept. The initiator needs
 * `sagemaker.scaling.update` on the entity, and every resource must be bound to it.
 * @public
 */
export function createDeleteScaledEndpointAction(
  options: DeleteScaledEndpointActionOptions,
): TemplateAction<DeleteScaledEndpointInput, DeleteScaledEndpointOutput, 'v2'> {
  const clusterClient =
    options.clusterClientFactory ??
    createAckClusterClientFactory({ config: options.config });

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Deletes the ACK resources of a scaled SageMaker endpoint in the safe order (policy, target, endpoint, config, model) and waits until they are gone',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description:
              'Ref of the ML service entity (e.g. component:default/churn-prediction) whose endpoint is deleted; its annotations locate the resources',
          }),
        timeoutMinutes: z =>
          z
            .number({
              description:
                'How long to wait for the deletion, in minutes (default 30)',
            })
            .optional(),
      },
      output: {
        cluster: z => z.string(),
        namespace: z => z.string(),
        deleted: z =>
          z.array(z.string(), {
            description:
              'Resources deleted (or, in a dry run, that would be), as "Kind name"',
          }),
        kept: z =>
          z.array(z.string(), {
            description:
              'Resources left in place because something else uses them',
          }),
      },
    },
    async handler(ctx) {
      const timeoutMinutes = readTimeoutMinutes(ctx.input.timeoutMinutes);
      assertKnownInputs(ctx.input);
      const entityRef = fullEntityRef(ctx.input.entityRef);
      // Authorized before anything is read from the cluster, dry run or not.
      const credentials = await userInitiatorCredentials(ctx, ACTION_ID);
      const entity = await options.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      if (!entity) {
        throw new NotFoundError(
          `entityRef ${entityRef} was not found in the catalog`,
        );
      }
      await assertMayUpdateEntity(
        options.permissions,
        entityRef,
        credentials,
        'delete the endpoint',
      );
      const location = locate(entityRef, entity);
      const client = await clusterClient(location.cluster);
      const { namespace, endpointName } = location;
      const keyBase = `sagemaker.delete.${client.clusterName}.${namespace}.${endpointName}`;

      // The plan is a checkpoint: a retried task still knows the config and models after
      // the Endpoint that pointed at them is gone.
      const plan = (await ctx.checkpoint({
        key: `${keyBase}.plan`,
        fn: async () =>
          JSON.parse(
            JSON.stringify(
              await retryTransient(
                () => findOwnResources(client, entityRef, location),
                {
                  cluster: client.clusterName,
                  doing: `Finding the resources of Endpoint ${endpointName}`,
                  logger: ctx.logger,
                  deadline: Date.now() + READ_RETRY_MS,
                  signal: ctx.signal,
                },
              ),
            ),
          ),
      })) as ScaledEndpointDeletionPlan;

      const kept = plan.kept.map(k => `${k.kind} ${k.name}`);
      for (const k of plan.kept) {
        ctx.logger.info(`Keeping ${k.kind} ${k.name}: ${k.reason}`);
      }
      ctx.output('cluster', client.clusterName);
      ctx.output('namespace', namespace);
      ctx.output('kept', kept);

      if (ctx.isDryRun) {
        for (const ref of plan.resources) {
          await client.delete(ref.kind, namespace, ref.name, { dryRun: true });
        }
        ctx.logger.info(
          `Dry run: would delete, in this order, from ${namespace} on cluster ${
            client.clusterName
          }: ${describePlan(plan)}`,
        );
        ctx.output(
          'deleted',
          plan.resources.map(r => `${r.kind} ${r.name}`),
        );
        return;
      }

      ctx.logger.info(
        `Deleting from ${namespace} on cluster ${
          client.clusterName
        }, in this order: ${describePlan(plan)}`,
      );
      const deadline = Date.now() + timeoutMinutes * 60_000;
      const deleted: string[] = [];
      for (const ref of plan.resources) {
        const outcome = await ctx.checkpoint({
          key: `${keyBase}.${ref.kind}.${ref.name}`,
          fn: () =>
            deleteResourceAndWait(ref, {
              client,
              namespace,
              logger: ctx.logger,
              deadline,
              signal: ctx.signal,
              pollIntervalMs: options.pollIntervalMs,
            }),
        });
        if (outcome === 'deleted') {
          deleted.push(`${ref.kind} ${ref.name}`);
        }
      }
      ctx.logger.info(
        deleted.length > 0
          ? `Deleted ${deleted.join(', ')}`
          : `Nothing to delete: Endpoint ${endpointName} and its resources do not exist`,
      );
      ctx.output('deleted', deleted);
    },
  });
}

import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_ENDPOINT_NAME,
  DEFAULT_KUBERNETES_NAMESPACE,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_LABEL_PATTERN,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  DNS1123_SUBDOMAIN_PATTERN,
  getEndpointLocation,
  sagemakerScalingUpdatePermission,
  type EndpointLocation,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  createConfigClusterClientFactory,
  deleteResourceAndWait,
  findScaledEndpointResources,
  retryTransient,
  type ClusterClientFactory,
  type ScaledEndpointDeletionPlan,
} from '../lib';
import { examples } from './deleteScaledEndpoint.examples';

const DEFAULT_TIMEOUT_MINUTES = 30;
const READ_RETRY_MS = 2 * 60 * 1000;

/**
 * Options of {@link createDeleteScaledEndpointAction}.
 * @public
 */
export interface DeleteScaledEndpointActionOptions {
  /** Root config: clusters come from `sagemakerScaling.clusters` (or the Kubernetes plugin's). */
  config: Config;
  /** Replaces the config-based cluster lookup (tests, custom cluster sources). */
  clusterClientFactory?: ClusterClientFactory;
  /** Time between reads while waiting for a resource to go (default 1000 ms). */
  pollIntervalMs?: number;
  /**
   * When given, only people allowed `sagemaker.scaling.update` on the entity may delete its
   * endpoint, and the action then needs the `entity` input to know which entity it is.
   */
  permissions?: PermissionsService;
}

interface DeleteInput {
  endpointName?: string;
  namespace?: string;
  cluster?: string;
  entity?: Record<string, unknown>;
}

/** `kind:namespace/name` of an entity given as input, lowercased as the catalog compares. */
function entityRefOf(entity: Record<string, unknown>): string {
  const metadata = (entity.metadata ?? {}) as {
    name?: unknown;
    namespace?: unknown;
  };
  if (typeof entity.kind !== 'string' || typeof metadata.name !== 'string') {
    throw new InputError(
      'entity must be a catalog entity with kind and metadata.name',
    );
  }
  const namespace =
    typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  return `${entity.kind}:${namespace}/${metadata.name}`.toLocaleLowerCase(
    'en-US',
  );
}

/** Where the endpoint is: explicit inputs win over the entity's annotations. */
function locate(input: DeleteInput): EndpointLocation {
  let fromEntity: EndpointLocation | undefined;
  if (input.entity) {
    const metadata = input.entity.metadata as
      | { annotations?: Record<string, string> }
      | undefined;
    if (!metadata || typeof metadata !== 'object') {
      throw new InputError(
        'entity must be a catalog entity (with metadata.annotations)',
      );
    }
    fromEntity = getEndpointLocation({ metadata });
    if (!fromEntity && !input.endpointName) {
      throw new InputError(
        `entity has no ${ANNOTATION_ENDPOINT_NAME} annotation: it is not an ML service with a SageMaker endpoint`,
      );
    }
  }
  const endpointName = input.endpointName ?? fromEntity?.endpointName;
  if (!endpointName) {
    throw new InputError(
      'endpointName is required (or an entity with the endpoint annotations)',
    );
  }
  const location: EndpointLocation = {
    endpointName,
    namespace:
      input.namespace ?? fromEntity?.namespace ?? DEFAULT_KUBERNETES_NAMESPACE,
    cluster: input.cluster ?? fromEntity?.cluster,
  };
  if (
    location.endpointName.length > DNS1123_SUBDOMAIN_MAX_LENGTH ||
    !DNS1123_SUBDOMAIN_PATTERN.test(location.endpointName)
  ) {
    throw new InputError(
      `endpointName ${JSON.stringify(
        location.endpointName,
      )} must be a Kubernetes metadata.name (DNS-1123 subdomain: lowercase letters, digits, hyphens and dots)`,
    );
  }
  if (
    location.namespace.length > DNS1123_LABEL_MAX_LENGTH ||
    !DNS1123_LABEL_PATTERN.test(location.namespace)
  ) {
    throw new InputError(
      `namespace ${JSON.stringify(
        location.namespace,
      )} must be a Kubernetes namespace (DNS-1123 label: lowercase letters, digits and inner hyphens, at most 63 characters)`,
    );
  }
  return location;
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
  entity?: Record<string, any> | undefined;
  endpointName?: string | undefined;
  namespace?: string | undefined;
  cluster?: string | undefined;
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
 * `sagemaker:endpoint:delete`: removes the resources of a scaled endpoint in the safe order
 * (ScalingPolicy, ScalableTarget, Endpoint, EndpointConfig, Model), each only after the
 * previous one is gone (finalizer removed). Resources that are already missing count as
 * deleted; a config or model another endpoint still uses is kept.
 * @public
 */
export function createDeleteScaledEndpointAction(
  options: DeleteScaledEndpointActionOptions,
): TemplateAction<DeleteScaledEndpointInput, DeleteScaledEndpointOutput, 'v2'> {
  const clusterClient =
    options.clusterClientFactory ??
    createConfigClusterClientFactory({ config: options.config });

  return createTemplateAction({
    id: 'sagemaker:endpoint:delete',
    description:
      'Deletes the ACK resources of a scaled SageMaker endpoint in the safe order (policy, target, endpoint, config, model) and waits until they are gone',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        endpointName: z =>
          z
            .string({ description: 'metadata.name of the Endpoint resource' })
            .optional(),
        namespace: z =>
          z
            .string({
              description:
                'Namespace of the resources (default: the entity annotation, else default)',
            })
            .optional(),
        cluster: z =>
          z
            .string({
              description:
                'Configured cluster name (default: the entity annotation, or the only cluster)',
            })
            .optional(),
        entity: z =>
          z
            .record(z.any(), {
              description:
                'A catalog entity (e.g. the output of catalog:fetch) whose annotations locate the endpoint',
            })
            .optional(),
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
      const timeoutMinutes =
        ctx.input.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
      if (!(timeoutMinutes > 0) || timeoutMinutes > 24 * 60) {
        throw new InputError(
          `timeoutMinutes must be more than 0 and at most 1440 (one day), got ${timeoutMinutes}`,
        );
      }
      const location = locate(ctx.input);
      if (options.permissions) {
        if (!ctx.input.entity) {
          throw new NotAllowedError(
            'entity is required: deleting an endpoint needs the ML service entity to check the sagemaker.scaling.update permission',
          );
        }
        const resourceRef = entityRefOf(ctx.input.entity);
        const [decision] = await options.permissions.authorize(
          [{ permission: sagemakerScalingUpdatePermission, resourceRef }],
          { credentials: await ctx.getInitiatorCredentials() },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `You are not allowed to delete the endpoint of ${resourceRef} (permission sagemaker.scaling.update)`,
          );
        }
      }
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
                () =>
                  findScaledEndpointResources(client, namespace, endpointName),
                {
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

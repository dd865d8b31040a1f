import { createHash } from 'node:crypto';
import type {
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  scaledEndpointManifestList,
  validateScaledEndpointManifests,
  type AckKind,
  type AnyAckResource,
  type Endpoint,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  createAckClusterClientFactory,
  type AckClusterClient,
  type AckClusterClientFactory,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  changedFields,
  checkUpdateSafety,
  readManifestsInput,
  reportResources,
  readTimeoutMinutes,
  retryTransient,
  waitForScaledEndpoint,
  type ScaledEndpointResourceNames,
} from '../lib';
import {
  authorizeEndpointWrite,
  userInitiatorCredentials,
  type EndpointWriteAuthorization,
} from '../authorization';
import { examples } from './applyScaledEndpoint.examples';

const ACTION_ID = 'sagemaker:endpoint:apply';

/** How long an apply call keeps retrying API hiccups before failing the step. */
const APPLY_RETRY_MS = 2 * 60 * 1000;

/**
 * Options of {@link createApplyScaledEndpointAction}.
 * @public
 */
export interface ApplyScaledEndpointActionOptions {
  /** Root config: clusters come from `sagemakerScaling.clusters` (or the Kubernetes plugin's). */
  config: Config;
  /** Finds the entity the manifests bind the resources to, with the initiator's credentials. */
  catalog: CatalogService;
  /** Decides `sagemaker.scaling.update` on that entity for the initiator. */
  permissions: PermissionsService;
  /** The initiator's ownership refs, for a service not yet in the catalog. */
  userInfo: UserInfoService;
  /** Replaces the config-based cluster lookup (tests, custom cluster sources). */
  clusterClientFactory?: AckClusterClientFactory;
  /** Time between status reads while waiting (default 2000 ms). */
  pollIntervalMs?: number;
}

/** Throws an InputError listing every broken rule, or returns the namespace all five share. */
function assertValid(m: ScaledEndpointManifests): string {
  // the shared validation: the field rules of the common table, plus the references
  const issues = validateScaledEndpointManifests(m);
  if (issues.length > 0) {
    throw new InputError(
      `The manifests are invalid, nothing was applied:\n${issues
        .map(i => `- ${i.message}`)
        .join('\n')}`,
    );
  }
  return m.endpoint.metadata.namespace!;
}

function namesOf(m: ScaledEndpointManifests): ScaledEndpointResourceNames {
  const names = {} as ScaledEndpointResourceNames;
  for (const object of scaledEndpointManifestList(m))
    names[object.kind] = object.metadata.name;
  return names;
}

function fingerprint(object: AnyAckResource): string {
  return createHash('sha256')
    .update(JSON.stringify(object))
    .digest('hex')
    .slice(0, 16);
}

/** Reads the objects from the cluster and lets the authorization check the existing ones. */
async function checkLiveObjects(
  client: AckClusterClient,
  objects: AnyAckResource[],
  authorization: EndpointWriteAuthorization,
) {
  const live = await Promise.all(
    objects.map(o =>
      client.get(o.kind, o.metadata.namespace!, o.metadata.name),
    ),
  );
  authorization.checkLive(live);
}

async function dryRunApply(
  client: AckClusterClient,
  objects: AnyAckResource[],
  logger: LoggerService,
) {
  for (const object of objects) {
    const what = `${object.kind} ${object.metadata.name}`;
    const live = await client.get(
      object.kind,
      object.metadata.namespace!,
      object.metadata.name,
    );
    const result = await client.apply(object, { dryRun: true });
    // A dry-run answer keeps the live resourceVersion, so compare the content.
    const fields = live ? changedFields(live, result) : [];
    if (!live) {
      logger.info(`Dry run: ${what} would be created`);
    } else if (fields.length === 0) {
      logger.info(`Dry run: ${what} is unchanged`);
    } else {
      logger.info(`Dry run: ${what} would be updated (${fields.join(', ')})`);
    }
  }
  logger.info('Dry run complete: nothing was applied');
}

/**
 * Input of `sagemaker:endpoint:apply`.
 * @public
 */
export type ApplyScaledEndpointInput = {
  manifests: string | Record<string, any> | Record<string, any>[];
  cluster?: string | undefined;
  wait?: boolean | undefined;
  timeoutMinutes?: number | undefined;
};

/**
 * Output of `sagemaker:endpoint:apply`.
 * @public
 */
export type ApplyScaledEndpointOutput = {
  cluster: string;
  namespace: string;
  endpointName: string;
  endpointStatus: string;
  resources: {
    kind: string;
    name: string;
    exists: boolean;
    status?: string | undefined;
  }[];
};

/**
 * `sagemaker:endpoint:apply`: server-side applies the five ACK resources of a scaled
 * endpoint (Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy, in that order,
 * each in a checkpoint) to a configured cluster, then optionally waits until the Endpoint
 * is InService and every resource is synced.
 * @public
 */
export function createApplyScaledEndpointAction(
  options: ApplyScaledEndpointActionOptions,
): TemplateAction<ApplyScaledEndpointInput, ApplyScaledEndpointOutput, 'v2'> {
  const clusterClient =
    options.clusterClientFactory ??
    createAckClusterClientFactory({ config: options.config });

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Applies the five ACK resources of a scaled SageMaker endpoint to a configured cluster (server-side apply, in order) and waits until the endpoint is InService',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        manifests: z =>
          z.union([z.string(), z.array(z.record(z.any())), z.record(z.any())], {
            description:
              "The render action's `manifests` output, a list of the five objects, or a workspace path to their YAML",
          }),
        cluster: z =>
          z
            .string({
              description:
                'Name of a configured cluster (sagemakerScaling.clusters); optional when only one is configured',
            })
            .optional(),
        wait: z =>
          z
            .boolean({
              description:
                'Wait until the Endpoint is InService and all five resources are synced (default true)',
            })
            .optional(),
        timeoutMinutes: z =>
          z
            .number({
              description: 'How long to wait, in minutes (default 30)',
            })
            .optional(),
      },
      output: {
        endpointName: z =>
          z.string({ description: 'metadata.name of the Endpoint resource' }),
        namespace: z =>
          z.string({ description: 'Kubernetes namespace of the resources' }),
        cluster: z =>
          z.string({ description: 'Name of the cluster applied to' }),
        endpointStatus: z =>
          z.string({
            description:
              'Endpoint status at the end (InService after a successful wait)',
          }),
        resources: z =>
          z.array(
            z.object({
              kind: z.string(),
              name: z.string(),
              exists: z.boolean(),
              status: z.string().optional(),
            }),
            { description: 'The five resources and whether each exists' },
          ),
      },
    },
    async handler(ctx) {
      const timeoutMinutes = readTimeoutMinutes(ctx.input.timeoutMinutes);
      const manifests = await readManifestsInput(
        ctx.input.manifests,
        ctx.workspacePath,
      );
      const namespace = assertValid(manifests);
      const objects = scaledEndpointManifestList(manifests);
      // Authorized before anything is read, so a refused run (dry or not) reveals nothing.
      const authorization = await authorizeEndpointWrite(
        options,
        objects,
        await userInitiatorCredentials(ctx, ACTION_ID),
      );
      const client = await clusterClient(ctx.input.cluster);
      const names = namesOf(manifests);
      const output = (endpointStatus: string, resources: unknown) => {
        ctx.output('endpointName', names.Endpoint);
        ctx.output('namespace', namespace);
        ctx.output('cluster', client.clusterName);
        ctx.output('endpointStatus', endpointStatus);
        ctx.output('resources', resources as any);
      };
      /** Outputs the resources and Endpoint status as the cluster has them now. */
      const outputLive = async (statusWhenMissing: string) => {
        const resources = await reportResources(client, namespace, names);
        const live = await client.get<Endpoint>(
          'Endpoint',
          namespace,
          names.Endpoint,
        );
        output(live?.status?.endpointStatus ?? statusWhenMissing, resources);
      };
      /** Each call has its own budget for API hiccups, counted from when it starts. */
      const retry = <T>(doing: string, fn: () => Promise<T>) =>
        retryTransient(fn, {
          cluster: client.clusterName,
          doing,
          logger: ctx.logger,
          deadline: Date.now() + APPLY_RETRY_MS,
          signal: ctx.signal,
        });

      await retry('Reading the live resources', () =>
        checkLiveObjects(client, objects, authorization),
      );
      await retry('Reading the live resources', () =>
        checkUpdateSafety(client, manifests),
      );

      if (ctx.isDryRun) {
        await retry('Server-side dry run', () =>
          dryRunApply(client, objects, ctx.logger),
        );
        await outputLive('NotCreated');
        return;
      }

      ctx.logger.info(
        `Applying ${objects.length} resources to namespace ${namespace} on cluster ${client.clusterName} (field manager backstage-sagemaker-scaling)`,
      );
      for (const object of objects) {
        const what = `${object.kind} ${object.metadata.name}`;
        await ctx.checkpoint({
          key: `sagemaker.apply.${client.clusterName}.${namespace}.${
            object.kind
          }.${object.metadata.name}.${fingerprint(object)}`,
          fn: async () =>
            retry(`Applying ${what}`, async () => {
              const before = await client.get(
                object.kind as AckKind,
                namespace,
                object.metadata.name,
              );
              // again just before the write: the binding may have changed meanwhile
              authorization.checkLive([before]);
              if (before) {
                // Write only when the apply would change something, so a re-run leaves
                // every object (and its resourceVersion and generation) as it is.
                const preview = await client.apply(object, { dryRun: true });
                if (changedFields(before, preview).length === 0) {
                  const rv = before.metadata.resourceVersion ?? '';
                  ctx.logger.info(`${what}: unchanged (resourceVersion ${rv})`);
                  return { change: 'unchanged', resourceVersion: rv };
                }
              }
              const after = await client.apply(object);
              const rv = after.metadata.resourceVersion ?? '';
              const change = before ? 'updated' : 'created';
              ctx.logger.info(`${what}: ${change} (resourceVersion ${rv})`);
              return { change, resourceVersion: rv };
            }),
        });
      }

      if (ctx.input.wait ?? true) {
        const ready = await waitForScaledEndpoint({
          client,
          namespace,
          names,
          timeoutMs: timeoutMinutes * 60_000,
          logger: ctx.logger,
          signal: ctx.signal,
          pollIntervalMs: options.pollIntervalMs,
        });
        output(ready.endpointStatus, ready.resources);
        return;
      }
      await outputLive('Unknown');
    },
  });
}

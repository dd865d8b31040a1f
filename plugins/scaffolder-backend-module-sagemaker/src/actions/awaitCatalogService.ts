import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { sagemakerEndpointLocationRef } from '@mlplatform/plugin-sagemaker-scaling-common';
import { examples } from './awaitCatalogService.examples';

/**
 * Id of the action that checks a new service's name in the catalog and waits for the
 * entity provider to catalog it.
 * @public
 */
export const AWAIT_CATALOG_SERVICE_ACTION_ID =
  'sagemaker:catalog:await-service';

const DEFAULT_WAIT_SECONDS = 60;

/**
 * Options of {@link createAwaitCatalogServiceAction}.
 * @public
 */
export interface AwaitCatalogServiceActionOptions {
  /** The catalog, read with the credentials of the person running the task. */
  catalog: CatalogService;
  /** Time between catalog reads while waiting (default 500 ms). */
  pollIntervalMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function originOf(entity: {
  metadata: { annotations?: Record<string, string> };
}) {
  const annotations = entity.metadata.annotations ?? {};
  return (
    annotations[ANNOTATION_ORIGIN_LOCATION] ??
    annotations[ANNOTATION_LOCATION] ??
    'an unknown location'
  );
}

/**
 * Input of `sagemaker:catalog:await-service`.
 * @public
 */
export type AwaitCatalogServiceInput = {
  entityRef: string;
  checkOnly?: boolean | undefined;
  cluster?: string | undefined;
  namespace?: string | undefined;
  endpointName?: string | undefined;
  waitSeconds?: number | undefined;
};

/**
 * Output of `sagemaker:catalog:await-service`.
 * @public
 */
export type AwaitCatalogServiceOutput = {
  entityRef: string;
};

/**
 * `sagemaker:catalog:await-service`: for services the SageMaker catalog entity provider
 * catalogs from their labelled Endpoint (template delivery `apply`). With `checkOnly`,
 * refuses a name the catalog already has, before anything changes in a cluster; otherwise
 * waits until the catalog serves the entity the provider made from the given Endpoint.
 * @public
 */
export function createAwaitCatalogServiceAction(
  options: AwaitCatalogServiceActionOptions,
): TemplateAction<AwaitCatalogServiceInput, AwaitCatalogServiceOutput, 'v2'> {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  return createTemplateAction({
    id: AWAIT_CATALOG_SERVICE_ACTION_ID,
    description:
      'Checks that a new ML service name is free in the catalog (checkOnly), or waits until the SageMaker catalog entity provider has catalogued the service from its Endpoint',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description:
              'The service entity, e.g. component:default/churn-prediction',
          }),
        checkOnly: z =>
          z
            .boolean({
              description:
                'Only check that the catalog has no entity under this ref yet; run it before steps that change a cluster',
            })
            .optional(),
        cluster: z =>
          z
            .string({
              description:
                'Cluster of the Endpoint (e.g. the apply action output); required unless checkOnly',
            })
            .optional(),
        namespace: z =>
          z
            .string({
              description:
                'Namespace of the Endpoint; required unless checkOnly',
            })
            .optional(),
        endpointName: z =>
          z
            .string({
              description:
                'metadata.name of the Endpoint; required unless checkOnly',
            })
            .optional(),
        waitSeconds: z =>
          z
            .number({
              description:
                'How long to wait for the entity, in seconds (default 60)',
            })
            .optional(),
      },
      output: {
        entityRef: z =>
          z.string({ description: 'Full reference of the entity' }),
      },
    },
    async handler(ctx) {
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef(
          parseEntityRef(ctx.input.entityRef, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        throw new InputError(
          `entityRef ${JSON.stringify(
            ctx.input.entityRef,
          )} is not an entity reference: ${(error as Error).message}`,
        );
      }
      ctx.output('entityRef', entityRef);
      const read = async () =>
        options.catalog.getEntityByRef(entityRef, {
          credentials: await ctx.getInitiatorCredentials(),
        });

      if (ctx.input.checkOnly) {
        // a checkpoint: a retried task must not trip over the entity its first run made
        await ctx.checkpoint({
          key: `sagemaker.catalog.check.${entityRef}`,
          fn: async () => {
            const existing = await read();
            if (existing) {
              throw new ConflictError(
                `${entityRef} is already in the catalog (from ${originOf(
                  existing,
                )}); choose another name or decommission that service first`,
              );
            }
            ctx.logger.info(`${entityRef} is free in the catalog`);
          },
        });
        return;
      }

      const { cluster, namespace, endpointName } = ctx.input;
      if (!cluster || !namespace || !endpointName) {
        throw new InputError(
          'cluster, namespace and endpointName are required unless checkOnly is set',
        );
      }
      const waitSeconds = ctx.input.waitSeconds ?? DEFAULT_WAIT_SECONDS;
      if (!(waitSeconds > 0) || waitSeconds > 600) {
        throw new InputError(
          `waitSeconds must be more than 0 and at most 600, got ${waitSeconds}`,
        );
      }
      const location = sagemakerEndpointLocationRef({
        cluster,
        namespace,
        endpointName,
      });
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would wait for ${entityRef} from ${location} in the catalog`,
        );
        return;
      }
      const started = Date.now();
      const deadline = started + waitSeconds * 1000;
      for (;;) {
        const entity = await read();
        if (entity) {
          const origin = originOf(entity);
          if (origin !== location) {
            throw new ConflictError(
              `${entityRef} is in the catalog from ${origin}, not from ${location}; the entity provider's entity for this endpoint conflicts with it`,
            );
          }
          ctx.logger.info(
            `${entityRef} is in the catalog (after ${(
              (Date.now() - started) /
              1000
            ).toFixed(1)} s)`,
          );
          return;
        }
        if (Date.now() >= deadline || ctx.signal?.aborted) break;
        await sleep(pollIntervalMs, ctx.signal);
      }
      throw new Error(
        `${entityRef} did not reach the catalog within ${waitSeconds} s. The SageMaker catalog module (@mlplatform/plugin-catalog-backend-module-sagemaker) must be installed in the backend with cluster ${cluster} configured; its warnings in the backend log say why an Endpoint is not catalogued`,
      );
    },
  });
}

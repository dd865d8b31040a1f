import fs from 'node:fs/promises';
import path from 'node:path';
import {
  makeValidator,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import { examples } from './registerLocalCatalog.examples';

/**
 * Id of the action that registers a service from a local catalog folder.
 * @public
 */
export const REGISTER_LOCAL_CATALOG_ACTION_ID =
  'sagemaker:catalog:register-local';

const DEFAULT_WAIT_SECONDS = 30;
const ORIGIN_LOCATION_ANNOTATION = 'backstage.io/managed-by-origin-location';

/**
 * Options of {@link createRegisterLocalCatalogAction}.
 * @public
 */
export interface RegisterLocalCatalogActionOptions {
  /** The catalog, called with the credentials of the person running the task. */
  catalog: CatalogService;
  /**
   * Folder the catalog files are written to (config
   * `sagemakerScaling.scaffolder.localCatalogDirectory`); relative to the working directory.
   */
  directory: string;
  /** Base URL of the Backstage app (`app.baseUrl`), for the `catalogUrl` output. */
  appBaseUrl?: string;
  /** Time between catalog reads while waiting for the entity (default 500 ms). */
  pollIntervalMs?: number;
}

const validator = makeValidator();

/** Reads the one entity of the workspace file and checks the fields its file name uses. */
function parseEntity(text: string, file: string): Entity {
  const documents = parseAllDocuments(text);
  if (documents.length !== 1) {
    throw new InputError(
      `${file} must hold exactly one catalog entity, found ${documents.length} YAML documents`,
    );
  }
  const [document] = documents;
  if (document.errors.length > 0) {
    throw new InputError(
      `${file} is not valid YAML: ${document.errors[0].message}`,
    );
  }
  const entity = document.toJS() as Entity;
  if (
    !entity ||
    typeof entity !== 'object' ||
    typeof entity.metadata !== 'object'
  ) {
    throw new InputError(
      `${file} must be a catalog entity with apiVersion, kind and metadata`,
    );
  }
  const { kind } = entity;
  const { name, namespace = 'default' } = entity.metadata;
  if (typeof kind !== 'string' || !validator.isValidKind(kind)) {
    throw new InputError(
      `${file}: kind ${JSON.stringify(kind)} is not a valid entity kind`,
    );
  }
  if (typeof name !== 'string' || !validator.isValidEntityName(name)) {
    throw new InputError(
      `${file}: metadata.name ${JSON.stringify(
        name,
      )} must be an entity name (letters, digits and single - _ . between them, at most 63 characters)`,
    );
  }
  if (typeof namespace !== 'string' || !validator.isValidNamespace(namespace)) {
    throw new InputError(
      `${file}: metadata.namespace ${JSON.stringify(
        namespace,
      )} must be a DNS-1123 label`,
    );
  }
  return entity;
}

/** `component.default.churn-prediction.yaml`: kinds and namespaces hold no dots, names no `/`. */
function fileNameOf(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind}.${namespace}.${entity.metadata.name}.yaml`.toLocaleLowerCase(
    'en-US',
  );
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * `sagemaker:catalog:register-local`: lands a new service in the catalog without a git host.
 * Writes the workspace's catalog-info.yaml into the configured local folder (one file per
 * entity, never replacing a registered service's file) and registers it as a `file`
 * location with the credentials of the person running the task, then waits until the
 * catalog serves the entity.
 * @public
 */
export function createRegisterLocalCatalogAction(
  options: RegisterLocalCatalogActionOptions,
) {
  const directory = path.resolve(options.directory);
  const pollIntervalMs = options.pollIntervalMs ?? 500;

  return createTemplateAction({
    id: REGISTER_LOCAL_CATALOG_ACTION_ID,
    description:
      'Writes the catalog-info.yaml of a new service into the local catalog folder (sagemakerScaling.scaffolder.localCatalogDirectory), registers it as a file location and waits until the entity is in the catalog',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string({
              description:
                'Workspace path of the entity file (default catalog-info.yaml)',
            })
            .optional(),
        checkOnly: z =>
          z
            .boolean({
              description:
                'Only check that the entity can be registered (valid, its name free in the catalog, its file not taken) and write nothing; run it before steps that change a cluster',
            })
            .optional(),
        waitSeconds: z =>
          z
            .number({
              description:
                'How long to wait for the entity to appear in the catalog, in seconds (default 30; 0 does not wait)',
            })
            .optional(),
      },
      output: {
        entityRef: z =>
          z.string({ description: 'Reference of the registered entity' }),
        locationTarget: z =>
          z.string({
            description: 'Absolute path of the file registered as a location',
          }),
        catalogUrl: z =>
          z
            .string({
              description: "The entity's page (when app.baseUrl is configured)",
            })
            .optional(),
      },
    },
    async handler(ctx) {
      const waitSeconds = ctx.input.waitSeconds ?? DEFAULT_WAIT_SECONDS;
      if (!(waitSeconds >= 0) || waitSeconds > 600) {
        throw new InputError(
          `waitSeconds must be between 0 and 600, got ${waitSeconds}`,
        );
      }
      const source = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      // resolveSafeChildPath refuses paths (and symlinks) leading out of the workspace
      const sourcePath = resolveSafeChildPath(ctx.workspacePath, source);
      const text = await readIfExists(sourcePath);
      if (text === undefined) {
        throw new InputError(
          `catalogInfoPath ${source} does not exist in the workspace`,
        );
      }
      const entity = parseEntity(text, source);
      const entityRef = stringifyEntityRef(entity);
      const target = resolveSafeChildPath(directory, fileNameOf(entity));
      const credentials = await ctx.getInitiatorCredentials();

      const existingLocation = (
        await options.catalog.getLocations({}, { credentials })
      ).items.find(l => l.type === 'file' && l.target === target);
      const existingEntity = await options.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      const origin =
        existingEntity?.metadata.annotations?.[ORIGIN_LOCATION_ANNOTATION];
      if (existingEntity && origin !== `file:${target}`) {
        throw new ConflictError(
          `${entityRef} is already in the catalog (from ${
            origin ?? 'an unknown location'
          }); choose another name or decommission that service first`,
        );
      }
      const onDisk = await readIfExists(target);
      if (existingLocation && onDisk !== undefined && onDisk !== text) {
        throw new ConflictError(
          `${target} belongs to the registered service ${entityRef} and differs from this one; decommission that service first`,
        );
      }

      ctx.output('entityRef', entityRef);
      ctx.output('locationTarget', target);
      const appBaseUrl = options.appBaseUrl?.replace(/\/+$/, '');
      if (appBaseUrl) {
        const namespace = entity.metadata.namespace ?? 'default';
        ctx.output(
          'catalogUrl',
          `${appBaseUrl}/catalog/${encodeURIComponent(
            namespace,
          )}/${encodeURIComponent(
            entity.kind.toLocaleLowerCase('en-US'),
          )}/${encodeURIComponent(entity.metadata.name)}`,
        );
      }
      if (ctx.input.checkOnly) {
        ctx.logger.info(`${entityRef} can be registered from ${target}`);
        return;
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would write ${target} and register it for ${entityRef}`,
        );
        return;
      }

      await ctx.checkpoint({
        key: `sagemaker.catalog.register-local.write.${target}`,
        fn: async () => {
          await fs.mkdir(directory, { recursive: true });
          await fs.writeFile(target, text, 'utf8');
          ctx.logger.info(`Wrote ${target}`);
        },
      });
      await ctx.checkpoint({
        key: `sagemaker.catalog.register-local.location.${target}`,
        fn: async () => {
          if (existingLocation) {
            await options.catalog
              .refreshEntity(entityRef, { credentials })
              .catch(() => {});
            ctx.logger.info(
              `Location file:${target} was already registered; asked for a refresh`,
            );
            return;
          }
          const { location } = await options.catalog.addLocation(
            { type: 'file', target },
            { credentials },
          );
          ctx.logger.info(
            `Registered location ${location.id} (file:${target})`,
          );
        },
      });

      if (waitSeconds === 0) return;
      const started = Date.now();
      const deadline = started + waitSeconds * 1000;
      for (;;) {
        const found = await options.catalog.getEntityByRef(entityRef, {
          credentials,
        });
        if (
          found?.metadata.annotations?.[ORIGIN_LOCATION_ANNOTATION] ===
          `file:${target}`
        ) {
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
      ctx.logger.warn(
        `${entityRef} is not in the catalog yet after ${waitSeconds} s; the location is registered and the catalog will pick it up (check the catalog's processing errors if it does not)`,
      );
    },
  });
}

import express from 'express';
import Router from 'express-promise-router';
import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
  validateScalingSettings,
  type ClustersResponse,
  type ScalingSettingsUpdate,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import { toHttpError } from '../kubernetes/toHttpError';
import { buildScalingApplyObjects } from '../scaling/buildScalingApplyObjects';
import { waitForCachedObject } from '../scaling/waitForCachedObject';
import type {
  ResolvedEndpoint,
  ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import type { SnapshotStreamHub } from '../streaming/SnapshotStreamHub';
import { pageActivities } from './activityCursor';
import {
  activitiesQuerySchema,
  entityPathSchema,
  parseInput,
  scalingSettingsUpdateSchema,
} from './validation';

/** Field manager of every server-side apply this plugin makes. @internal */
export const FIELD_MANAGER = 'backstage-sagemaker-scaling';

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

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  logger: LoggerService;
  clusters: ClusterRegistry;
  snapshots: ScalingSnapshotService;
  hub: SnapshotStreamHub;
  /** How long PUT waits for the cache to show the applied change (default 5 s). */
  updateWaitMs?: number;
}

const ENTITY_PATH = '/v1/entities/:kind/:namespace/:name';

/**
 * The REST API under `/v1` (see src/schema/openapi.yaml).
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, auditor, clusters, snapshots, hub } =
    options;
  const updateWaitMs = options.updateWaitMs ?? 5000;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  /** Caller, entity (read with the caller's credentials), permission, endpoint location. */
  async function authorizedTarget(
    req: express.Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<{ credentials: BackstageCredentials; target: ResolvedEndpoint }> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const path = parseEntityPath(req.params);
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
    return { credentials, target: snapshots.resolve(entity, entityRef) };
  }

  router.get('/v1/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: ClustersResponse = {
      clusters: clusters.list().map(c => {
        const f = c.cache.freshness();
        return {
          name: c.config.name,
          reachable: f.synced && !f.unreachable,
          ...(f.observedAt ? { lastSyncAt: f.observedAt.toISOString() } : {}),
          ...(f.problem && !f.current ? { error: f.problem.message } : {}),
        };
      }),
    };
    res.json(body);
  });

  router.get(`${ENTITY_PATH}/scaling`, async (req, res) => {
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingReadPermission,
    );
    res.json(await snapshots.snapshot(target));
  });

  router.get(`${ENTITY_PATH}/activities`, async (req, res) => {
    const query = parseInput(activitiesQuerySchema, req.query, 'query');
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingReadPermission,
    );
    const activities = await snapshots.allActivities(target);
    res.json(pageActivities(activities, query.cursor, query.limit));
  });

  router.get(`${ENTITY_PATH}/events`, async (req, res) => {
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingReadPermission,
    );
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const flushable = res as unknown as { flush?: () => void };
    const unsubscribe = hub.subscribe(target, {
      send(event, data) {
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        flushable.flush?.();
      },
    });
    // The response closes when the client goes away (req 'close' can fire earlier).
    res.on('close', unsubscribe);
  });

  router.put(`${ENTITY_PATH}/scaling`, async (req, res) => {
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingUpdatePermission,
    );
    const update: ScalingSettingsUpdate = parseInput(
      scalingSettingsUpdateSchema,
      req.body,
      'scaling settings',
    );
    const { variantName: _variantName, ...settings } = update;
    const issues = validateScalingSettings(settings);
    if (issues.length) {
      throw new InputError(
        `Invalid scaling settings: ${issues
          .map(i => `${i.field}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const cluster = target.cluster.config.name;
    const auditorEvent = await auditor.createEvent({
      eventId: 'scaling-update',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: target.entityRef,
        cluster,
        namespace: target.namespace,
        endpointName: target.endpointName,
        settings: { ...update },
      },
    });
    try {
      const input = await snapshots.gather(target);
      const objects = buildScalingApplyObjects(input, update);
      const applyOptions = { fieldManager: FIELD_MANAGER, force: true };
      let appliedTarget;
      let appliedPolicy;
      try {
        appliedTarget = await target.cluster.api.apply(
          objects.scalableTarget,
          applyOptions,
        );
        appliedPolicy = await target.cluster.api.apply(
          objects.scalingPolicy,
          applyOptions,
        );
      } catch (e) {
        throw toHttpError(cluster, e);
      }
      await Promise.all([
        waitForCachedObject(target.cluster.cache, appliedTarget, updateWaitMs),
        waitForCachedObject(target.cluster.cache, appliedPolicy, updateWaitMs),
      ]);
      await auditorEvent.success({
        meta: {
          variantName: objects.variantName,
          scalableTarget: objects.scalableTarget.metadata.name,
          scalingPolicy: objects.scalingPolicy.metadata.name,
          createdPolicy: objects.createsPolicy,
        },
      });
      res.json(await snapshots.snapshot(target));
    } catch (e) {
      await auditorEvent.fail({ error: e as Error });
      throw e;
    }
  });

  return router;
}

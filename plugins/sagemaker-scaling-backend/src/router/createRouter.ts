import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { sagemakerScalingReadPermission } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EndpointAdoptionService } from '../binding/EndpointAdoptionService';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import type { SettingChangeStore } from '../history/SettingChangeStore';
import type { ScalingPlanService } from '../planning/ScalingPlanService';
import type { InstancePriceSource } from '../pricing/InstancePriceSource';
import type { ScalingUpdateService } from '../scaling/ScalingUpdateService';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import type { SnapshotStreamHub } from '../streaming/SnapshotStreamHub';
import { serveSnapshotEvents } from '../streaming/serveSnapshotEvents';
import { createTargetAuthorizer } from './authorizedTarget';
import { clusterRoutes } from './clusterRoutes';
import { ENTITY_PATH, entityRoutes } from './entityRoutes';
import { historyRoutes } from './historyRoutes';
import { fleetRoutes } from './fleetRoutes';
import type { FleetService } from '../fleet/FleetService';
import { priceRoutes } from './priceRoutes';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  logger: LoggerService;
  clusters: ClusterRegistry;
  snapshots: ScalingSnapshotService;
  updates: ScalingUpdateService;
  adoption: EndpointAdoptionService;
  hub: SnapshotStreamHub;
  history: SettingChangeStore;
  fleet: FleetService;
  prices: InstancePriceSource;
  planner: ScalingPlanService;
}

/**
 * The REST API under `/v1` (see src/schema/openapi.yaml).
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, clusters, snapshots, updates, adoption, hub } = options;
  const authorizedTarget = createTargetAuthorizer(options);
  const router = Router();
  // A plan may carry 14 days of invocations per minute (20,160 points).
  router.use(`${ENTITY_PATH}/plan`, express.json({ limit: '2mb' }));
  router.use(express.json({ limit: '16kb' }));
  router.use(clusterRoutes({ httpAuth, clusters }));
  router.use(fleetRoutes({ httpAuth, fleet: options.fleet }));
  router.use(priceRoutes({ httpAuth, prices: options.prices }));
  router.use(
    entityRoutes({
      authorizedTarget,
      snapshots,
      updates,
      adoption,
      planner: options.planner,
    }),
  );
  router.use(
    historyRoutes({
      authorizedTarget,
      snapshots,
      updates,
      history: options.history,
    }),
  );

  router.get(`${ENTITY_PATH}/events`, async (req, res) => {
    const authorize = () =>
      authorizedTarget(req, sagemakerScalingReadPermission);
    serveSnapshotEvents(res, await authorize(), {
      hub,
      reauthorize: authorize,
    });
  });

  return router;
}

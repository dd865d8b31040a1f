import Router from 'express-promise-router';
import {
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EndpointAdoptionService } from '../binding/EndpointAdoptionService';
import type { ScalingPlanService } from '../planning/ScalingPlanService';
import type { ScalingUpdateService } from '../scaling/ScalingUpdateService';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import { pageActivities } from './activityCursor';
import { actorOf } from './actorOf';
import type { TargetAuthorizer } from './authorizedTarget';
import {
  activitiesQuerySchema,
  parseInput,
  scalingPlanRequestSchema,
  scalingUpdateRequestSchema,
} from './validation';

/** Path of one entity's routes. @internal */
export const ENTITY_PATH = '/v1/entities/:kind/:namespace/:name';

/**
 * The entity's scaling snapshot and activities (read permission), its settings update
 * and the adoption of its endpoint (update permission).
 * @internal
 */
export function entityRoutes(options: {
  authorizedTarget: TargetAuthorizer;
  snapshots: ScalingSnapshotService;
  updates: ScalingUpdateService;
  adoption: EndpointAdoptionService;
  planner: ScalingPlanService;
}) {
  const { authorizedTarget, snapshots, updates, adoption } = options;
  const router = Router();

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

  router.put(`${ENTITY_PATH}/scaling`, async (req, res) => {
    const { credentials, target } = await authorizedTarget(
      req,
      sagemakerScalingUpdatePermission,
    );
    const body = parseInput(
      scalingUpdateRequestSchema,
      req.body,
      'scaling settings',
    );
    res.json(
      await updates.update(target, body, req, {
        actor: actorOf(credentials),
        source: 'backstage',
      }),
    );
  });

  // What-if: replays settings over the variant's traffic; reads only, so read permission.
  router.post(`${ENTITY_PATH}/plan`, async (req, res) => {
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingReadPermission,
    );
    const body = parseInput(scalingPlanRequestSchema, req.body, 'plan request');
    res.json(await options.planner.plan(target, body));
  });

  router.post(`${ENTITY_PATH}/adopt`, async (req, res) => {
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingUpdatePermission,
    );
    res.json(await adoption.adopt(target, req));
  });

  return router;
}

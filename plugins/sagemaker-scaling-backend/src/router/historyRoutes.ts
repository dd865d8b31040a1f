import Router from 'express-promise-router';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  parseVariantResourceId,
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
  SCALING_SETTINGS_FIELDS,
  settingsRestoredBy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { z } from 'zod';
import type { SettingChangeStore } from '../history/SettingChangeStore';
import type { ScalingUpdateService } from '../scaling/ScalingUpdateService';
import { editableSettingsOf } from '../scaling/settingsVersion';
import { variantScalingObjects } from '../scaling/variantScalingObjects';
import type {
  ResolvedEndpoint,
  ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import { actorOf } from './actorOf';
import type { TargetAuthorizer } from './authorizedTarget';
import { ENTITY_PATH } from './entityRoutes';
import { parseInput } from './validation';

/** Query of `GET .../history`. @internal */
export const historyQuerySchema = z
  .object({
    variantName: z.string().min(1).max(63).optional(),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'must be a cursor this API returned')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** Body of `POST .../history/{id}/revert`. @internal */
export const revertRequestSchema = z
  .object({ expectedVersion: z.string().min(1).max(1024) })
  .strict();

const changeIdSchema = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be a change id'),
});

/** The Application Auto Scaling resource IDs of the target's variants (one, with `variantName`). */
async function variantResourceIds(
  snapshots: ScalingSnapshotService,
  target: ResolvedEndpoint,
  variantName?: string,
): Promise<string[]> {
  const { scalableTargets } = await snapshots.resources(target);
  return scalableTargets
    .map(t => t.spec.resourceID)
    .filter(id => {
      const variant = parseVariantResourceId(id);
      return variant && (!variantName || variant.variantName === variantName);
    });
}

/**
 * The entity's change history (read permission) and the revert of a change (update
 * permission; through the one update path, recorded as 'revert' and audited).
 * @internal
 */
export function historyRoutes(options: {
  authorizedTarget: TargetAuthorizer;
  snapshots: ScalingSnapshotService;
  updates: ScalingUpdateService;
  history: SettingChangeStore;
}) {
  const { authorizedTarget, snapshots, updates, history } = options;
  const router = Router();

  router.get(`${ENTITY_PATH}/history`, async (req, res) => {
    const query = parseInput(historyQuerySchema, req.query, 'query');
    const { target } = await authorizedTarget(
      req,
      sagemakerScalingReadPermission,
    );
    const page = await history.list({
      cluster: target.cluster.config.name,
      namespace: target.namespace,
      resourceIds: await variantResourceIds(
        snapshots,
        target,
        query.variantName,
      ),
      before: query.cursor ? Number(query.cursor) : undefined,
      limit: query.limit,
    });
    const last = page.items[page.items.length - 1];
    res.json({
      items: page.items,
      ...(page.hasMore && last ? { nextCursor: String(last.id) } : {}),
    });
  });

  router.post(`${ENTITY_PATH}/history/:id/revert`, async (req, res) => {
    const { id } = parseInput(changeIdSchema, { id: req.params.id }, 'path');
    const body = parseInput(revertRequestSchema, req.body, 'revert request');
    const { credentials, target } = await authorizedTarget(
      req,
      sagemakerScalingUpdatePermission,
    );
    const change = await history.get(Number(id));
    const ours = await variantResourceIds(snapshots, target);
    if (
      !change ||
      change.cluster !== target.cluster.config.name ||
      change.namespace !== target.namespace ||
      !ours.includes(change.resourceId)
    ) {
      throw new NotFoundError(
        `Change ${id} not found in the history of ${target.entityRef}`,
      );
    }
    const variant = parseVariantResourceId(change.resourceId)!;
    const { target: scalableTarget, policy } = variantScalingObjects(
      await snapshots.resources(target),
      variant.endpointName,
      variant.variantName,
    );
    const settings = settingsRestoredBy(
      editableSettingsOf(scalableTarget, policy),
      change.before,
    );
    const missing = SCALING_SETTINGS_FIELDS.filter(
      f => settings[f] === undefined,
    );
    if (missing.length) {
      throw new InputError(
        `Change ${id} cannot be reverted: neither it nor the variant has ${missing.join(
          ', ',
        )}`,
      );
    }
    res.json(
      await updates.update(
        target,
        {
          variantName: change.variantName,
          ...(settings as Required<typeof settings>),
          expectedVersion: body.expectedVersion,
        },
        req,
        { actor: actorOf(credentials), source: 'revert' },
      ),
    );
  });

  return router;
}

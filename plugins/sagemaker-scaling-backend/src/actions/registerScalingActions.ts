/**
 * The plugin's agent tools in Backstage's actions registry (served over MCP by
 * `@backstage/plugin-mcp-actions-backend`): read an ML service's scaling state, list the
 * fleet, replay settings over recorded traffic, and update a variant's scaling through
 * the one validated update path. Each checks what the REST routes check, with the
 * caller's credentials (createEntityAuthorizer, the fleet's catalog query).
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { FleetService } from '../fleet/FleetService';
import {
  DEFAULT_PLAN_HOURS,
  type ScalingPlanService,
} from '../planning/ScalingPlanService';
import { actorOf } from '../router/actorOf';
import type { EntityAuthorizer } from '../router/authorizedTarget';
import {
  parseInput,
  scalingPlanRequestSchema,
  scalingUpdateRequestSchema,
} from '../router/validation';
import type { ScalingUpdateService } from '../scaling/ScalingUpdateService';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import {
  endpointScalingStateOf,
  endpointScalingStateSchema,
} from './endpointScalingState';
import {
  fleetPageSchema,
  fleetQueryInputSchema,
  fleetQueryOf,
} from './fleetPageSchema';
import {
  entityRefField,
  scalingSettingsFields,
  variantNameField,
} from './scalingSettingsFields';
import {
  scalingPlanSummaryOf,
  scalingPlanSummarySchema,
} from './scalingPlanSummary';

/** The name of the update action, which the change history names as the source. @internal */
export const UPDATE_SCALING_ACTION = 'update-ml-endpoint-scaling';

const READ_ONLY = { readOnly: true, destructive: false, idempotent: true };

/** The entity path of an action's `entityRef`, or an InputError naming the field. */
function entityPathOf(entityRef: string): Record<string, string> {
  try {
    return {
      ...parseEntityRef(entityRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    };
  } catch (e) {
    throw new InputError(`Invalid input: entityRef: ${(e as Error).message}`);
  }
}

/** Registers the plugin's four actions. @internal */
export function registerScalingActions(
  actionsRegistry: ActionsRegistryService,
  options: {
    authorizeEntity: EntityAuthorizer;
    snapshots: ScalingSnapshotService;
    fleet: FleetService;
    planner: ScalingPlanService;
    updates: ScalingUpdateService;
  },
): void {
  const { authorizeEntity, snapshots, fleet, planner, updates } = options;

  actionsRegistry.register({
    name: 'get-ml-endpoint-scaling',
    title: 'Get ML endpoint scaling',
    description:
      'The live autoscaling state of the SageMaker endpoint behind an ML service: endpoint status; per production variant the current and desired instance counts against min..max capacity, the tracked metric target and latest load per instance, why it did or did not scale (explanation), and its cost; findings (problems such as running at max capacity); whether the endpoint belongs to the entity; and how fresh the data is.',
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({ entityRef: entityRefField(z) }),
      output: endpointScalingStateSchema,
    },
    action: async ({ input, credentials }) => {
      const { target } = await authorizeEntity(
        credentials,
        entityPathOf(input.entityRef),
        sagemakerScalingReadPermission,
      );
      return {
        output: endpointScalingStateOf(await snapshots.snapshot(target)),
      };
    },
  });

  actionsRegistry.register({
    name: 'list-ml-endpoints',
    title: 'List ML endpoints',
    description:
      "The ML services with a SageMaker endpoint that the caller may read, across clusters, as the fleet view shows them: owner, system, cluster, endpoint status, per variant current/desired vs min..max and load vs target, share of the last 7 days at max capacity, monthly run-rate cost and the most severe finding. Filter by owner ('me' for the caller's own), system, cluster, finding or name; sort by any column; paged.",
    attributes: READ_ONLY,
    schema: {
      input: fleetQueryInputSchema,
      output: fleetPageSchema,
    },
    action: async ({ input, credentials }) => ({
      output: await fleet.page(fleetQueryOf(input), credentials),
    }),
  });

  actionsRegistry.register({
    name: 'plan-ml-endpoint-scaling',
    title: 'Plan ML endpoint scaling',
    description:
      'What-if for one production variant: replays its recorded traffic (CloudWatch invocations of the last `hours`, or the given `invocations`) through its current and proposed autoscaling settings, and answers instance-hours, monthly cost, minutes above target and at max capacity for both, and the difference. With `suggest`, also the cheapest settings whose minutes above the current target stay within the bound. Changes nothing.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          variantName: variantNameField(z),
          settings: z
            .object(scalingSettingsFields(z))
            .describe(
              'The proposed settings: every field, each within its bounds (minCapacity <= maxCapacity)',
            ),
          hours: z
            .number()
            .int()
            .optional()
            .describe(
              `Hours of recorded traffic to replay, 1..${DEFAULT_PLAN_HOURS} (default ${DEFAULT_PLAN_HOURS}, 14 days)`,
            ),
          invocations: z
            .array(
              z.object({
                timestamp: z
                  .union([z.number(), z.string()])
                  .describe(
                    'Start of the minute: ms since the epoch or ISO time',
                  ),
                value: z
                  .number()
                  .describe(
                    'Invocations in that minute, all instances together',
                  ),
              }),
            )
            .optional()
            .describe(
              'Traffic to replay instead of the recorded one: one datapoint per minute, oldest first',
            ),
          initialInstances: z
            .number()
            .int()
            .optional()
            .describe(
              'Instances at the start of the replay (default: the recorded count then, else minCapacity)',
            ),
          suggest: z
            .object({
              maxMinutesAboveTarget: z
                .number()
                .int()
                .describe(
                  'Most minutes a candidate may spend above the current target to be acceptable',
                ),
              targets: z
                .array(z.number())
                .optional()
                .describe(
                  'Target values to try (default: 0.5x to 1.5x the current)',
                ),
              maxima: z
                .array(z.number().int())
                .optional()
                .describe('Maximum capacities to try (default: the current)'),
            })
            .optional()
            .describe('Also look for the cheapest acceptable settings'),
        }),
      output: scalingPlanSummarySchema,
    },
    action: async ({ input, credentials }) => {
      const { entityRef, ...request } = input;
      const { target } = await authorizeEntity(
        credentials,
        entityPathOf(entityRef),
        sagemakerScalingReadPermission,
      );
      // The route's own rules (bounds, strictness) decide, so both answer alike.
      const plan = await planner.plan(
        target,
        parseInput(scalingPlanRequestSchema, request, 'input'),
      );
      return { output: scalingPlanSummaryOf(plan) };
    },
  });

  actionsRegistry.register({
    name: UPDATE_SCALING_ACTION,
    title: 'Update ML endpoint scaling',
    description:
      "Changes one production variant's autoscaling settings (min/max capacity, target value, cooldowns, scale-in) of an ML service's SageMaker endpoint, as its owner would in Backstage. Send every setting, and the variant's settingsVersion from get-ml-endpoint-scaling as expectedVersion: the update is refused (ConflictError naming what changed) when someone changed the settings since. Needs the update permission on the entity and an endpoint bound to it. Audited and recorded in the change history. Returns the new state.",
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          variantName: variantNameField(z),
          ...scalingSettingsFields(z),
          expectedVersion: z
            .string()
            .min(1)
            .describe(
              "The variant's settingsVersion as get-ml-endpoint-scaling returned it",
            ),
        }),
      output: endpointScalingStateSchema,
    },
    action: async ({ input, credentials }) => {
      const { entityRef, ...request } = input;
      const { target } = await authorizeEntity(
        credentials,
        entityPathOf(entityRef),
        sagemakerScalingUpdatePermission,
      );
      const actor = actorOf(credentials);
      const snapshot = await updates.update(
        target,
        parseInput(scalingUpdateRequestSchema, request, 'input'),
        { action: UPDATE_SCALING_ACTION, actor },
        { actor, source: UPDATE_SCALING_ACTION },
      );
      return { output: endpointScalingStateOf(snapshot) };
    },
  });
}

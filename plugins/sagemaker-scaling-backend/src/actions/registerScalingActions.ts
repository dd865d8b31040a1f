/**
 * The plugin's agent tools in Backstage's actions registry (served over MCP by
 * `@backstage/plugin-mcp-actions-backend`): read an ML service's scaling state, list the
 * services, and update a variant's scaling through the one validated update path.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  sagemakerScalingReadPermission,
  sagemakerScalingUpdatePermission,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { z } from 'zod';
import type { ScalingPlanService } from '../planning/ScalingPlanService';
import type { EntityAuthorizer } from '../router/authorizedTarget';
import {
  scalingPlanRequestSchema,
  scalingUpdateRequestSchema,
} from '../router/validation';
import type { ScalingUpdateService } from '../scaling/ScalingUpdateService';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import {
  endpointScalingStateOf,
  endpointScalingStateSchema,
} from './endpointScalingState';
import { listReadableEndpoints } from './listReadableEndpoints';
import {
  scalingPlanSummaryOf,
  scalingPlanSummarySchema,
} from './scalingPlanSummary';

const READ_ONLY = { readOnly: true, destructive: false, idempotent: true };

const entityRefSchema = z
  .string()
  .min(1)
  .max(400)
  .describe(
    'The ML service catalog entity, e.g. component:default/churn-prediction (kind defaults to component, namespace to default)',
  );

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
    throw new InputError(`Invalid entityRef: ${(e as Error).message}`);
  }
}

/** The caller's ref, for the audit: a user's entity ref or a service's subject. */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

/** Registers the plugin's actions. @internal */
export function registerScalingActions(
  actionsRegistry: ActionsRegistryService,
  options: {
    catalog: CatalogService;
    authorizeEntity: EntityAuthorizer;
    snapshots: ScalingSnapshotService;
    updates: ScalingUpdateService;
    planner: ScalingPlanService;
  },
): void {
  const { authorizeEntity, snapshots, updates, planner } = options;

  actionsRegistry.register({
    name: 'get-ml-endpoint-scaling',
    title: 'Get ML endpoint scaling',
    description:
      'The live autoscaling state of the SageMaker endpoint behind an ML service: endpoint status, per production variant the current and desired instance counts against min..max capacity, the tracked metric target and latest load per instance, findings (problems such as running at max capacity), whether the endpoint belongs to the entity, and how fresh the data is.',
    attributes: READ_ONLY,
    schema: {
      input: () => z.object({ entityRef: entityRefSchema }),
      output: () => endpointScalingStateSchema,
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
      'The ML services with a SageMaker endpoint that the caller may see in the catalog, sorted by entity ref, each with its compact autoscaling state (as get-ml-endpoint-scaling returns it) or the error that kept it from being read.',
    attributes: READ_ONLY,
    schema: {
      input: () =>
        z.object({
          owner: z
            .string()
            .max(400)
            .optional()
            .describe(
              'Only services with this spec.owner, as the catalog has it, e.g. group:default/ml-platform',
            ),
          system: z
            .string()
            .max(400)
            .optional()
            .describe('Only services with this spec.system'),
          search: z
            .string()
            .max(200)
            .optional()
            .describe(
              'Only services whose name contains this, case-insensitive',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(50)
            .default(20)
            .describe('Services per page, 1..50 (default 20)'),
          offset: z
            .number()
            .int()
            .min(0)
            .default(0)
            .describe('How many services to skip (default 0)'),
        }),
      output: () =>
        z.object({
          totalItems: z
            .number()
            .describe('How many services match the filters, over all pages'),
          items: z.array(
            z.object({
              entityRef: z.string().describe('The catalog entity'),
              owner: z.string().optional().describe('Its spec.owner'),
              system: z.string().optional().describe('Its spec.system'),
              state: endpointScalingStateSchema
                .optional()
                .describe('Its scaling state; absent when error is set'),
              error: z
                .string()
                .optional()
                .describe(
                  'Why the state could not be read (permission, binding, cluster)',
                ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await listReadableEndpoints(options, credentials, input),
    }),
  });

  actionsRegistry.register({
    name: 'plan-ml-endpoint-scaling',
    title: 'Plan ML endpoint scaling',
    description:
      'What-if for one production variant: replays its recorded traffic (CloudWatch invocations of the last `hours`, or the given `invocations`) through its current and proposed autoscaling settings, and answers instance-hours, monthly cost, minutes above target and at max capacity for both, and the difference. With `suggest`, also the cheapest settings that keep minutes above the load limit within the bound. Changes nothing.',
    attributes: READ_ONLY,
    schema: {
      input: () =>
        scalingPlanRequestSchema.extend({
          entityRef: entityRefSchema,
          settings: scalingPlanRequestSchema.shape.settings.describe(
            'The proposed settings; every field, each within its bounds',
          ),
          hours: scalingPlanRequestSchema.shape.hours.describe(
            'Hours of recorded traffic to replay, 1..336 (default 336, 14 days)',
          ),
          invocations: scalingPlanRequestSchema.shape.invocations.describe(
            'Optional traffic to replay instead: [{timestamp (ms or ISO), value (invocations per minute)}], one per minute',
          ),
          initialInstances:
            scalingPlanRequestSchema.shape.initialInstances.describe(
              'Instances at the start of the replay (default: from the history, else minCapacity)',
            ),
        }),
      output: () => scalingPlanSummarySchema,
    },
    action: async ({ input, credentials }) => {
      const { entityRef, ...request } = input;
      const { target } = await authorizeEntity(
        credentials,
        entityPathOf(entityRef),
        sagemakerScalingReadPermission,
      );
      return {
        output: scalingPlanSummaryOf(await planner.plan(target, request)),
      };
    },
  });

  actionsRegistry.register({
    name: 'update-ml-endpoint-scaling',
    title: 'Update ML endpoint scaling',
    description:
      "Changes one production variant's autoscaling settings (min/max capacity, target value, cooldowns, scale-in) of an ML service's SageMaker endpoint, as its owner would in Backstage. Send every setting and the variant's settingsVersion from get-ml-endpoint-scaling as expectedVersion: the update is refused (ConflictError naming what changed) when someone changed the settings since. Needs the update permission on the entity and an endpoint bound to it. Returns the new state.",
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: () =>
        scalingUpdateRequestSchema.extend({
          entityRef: entityRefSchema,
          expectedVersion:
            scalingUpdateRequestSchema.shape.expectedVersion.describe(
              "The variant's settingsVersion as get-ml-endpoint-scaling returned it",
            ),
        }),
      output: () => endpointScalingStateSchema,
    },
    action: async ({ input, credentials }) => {
      const { entityRef, ...request } = input;
      const { target } = await authorizeEntity(
        credentials,
        entityPathOf(entityRef),
        sagemakerScalingUpdatePermission,
      );
      const snapshot = await updates.update(target, request, {
        action: 'update-ml-endpoint-scaling',
        actor: actorOf(credentials),
      });
      return { output: endpointScalingStateOf(snapshot) };
    },
  });
}

/**
 * `list-ml-endpoints`' input and output: the fleet query (`GET /v1/fleet`) with its
 * filters, and a page of fleet rows, described for agents. The query's rules stay in
 * `fleet/fleetQuery.ts`; the action re-checks its input there.
 */
import { FLEET_SORT_COLUMNS } from '@mlplatform/plugin-sagemaker-scaling-common';
import { FLEET_MAX_LIMIT, fleetQuerySchema } from '../fleet/fleetQuery';
import type { FleetQuery } from '../fleet/fleetQuery';
import { parseInput } from '../router/validation';
import type { RegistryZod } from './registryZod';

/** The input schema of `list-ml-endpoints`. @internal */
export function fleetQueryInputSchema(z: RegistryZod) {
  const refs = (what: string) =>
    z.array(z.string().max(400)).max(50).optional().describe(what);
  return z.object({
    owner: refs(
      "Only services owned by one of these: 'me' (the caller and the caller's groups) or owner entity refs, e.g. group:default/ml-platform",
    ),
    system: refs('Only services in one of these systems (system entity refs)'),
    cluster: refs('Only services whose endpoint is in one of these clusters'),
    finding: z
      .string()
      .optional()
      .describe(
        "Only services whose most severe finding has this code (e.g. at-max-capacity) or severity ('error', 'warning', 'info')",
      ),
    q: z
      .string()
      .optional()
      .describe(
        'Only services whose name or title contains this, case-insensitive',
      ),
    sort: z
      .enum(FLEET_SORT_COLUMNS)
      .optional()
      .describe('Column to sort by (default name)'),
    order: z
      .enum(['asc', 'desc'])
      .optional()
      .describe('Sort order (default asc)'),
    limit: z
      .number()
      .int()
      .optional()
      .describe(`Services per page, 1..${FLEET_MAX_LIMIT} (default 50)`),
    cursor: z
      .string()
      .optional()
      .describe("The previous page's nextCursor, for the next page"),
  });
}

/**
 * The action's input as the fleet route's query, checked by the route's one schema
 * (errors name the field).
 * @internal
 */
export function fleetQueryOf(input: {
  owner?: string[];
  system?: string[];
  cluster?: string[];
  finding?: string;
  q?: string;
  sort?: string;
  order?: string;
  limit?: number;
  cursor?: string;
}): FleetQuery {
  const { owner, system, cluster, ...rest } = input;
  return parseInput(
    fleetQuerySchema,
    {
      ...rest,
      owner: owner?.join(','),
      system: system?.join(','),
      cluster: cluster?.join(','),
    },
    'input',
  );
}

/** The output schema of `list-ml-endpoints`: a fleet page (`FleetPage` of -common). @internal */
export function fleetPageSchema(z: RegistryZod) {
  const variant = z.object({
    variantName: z.string(),
    instanceType: z.string().optional(),
    currentInstanceCount: z
      .number()
      .optional()
      .describe('Instances serving now'),
    desiredInstanceCount: z.number().optional(),
    minCapacity: z.number().optional(),
    maxCapacity: z.number().optional(),
    targetValue: z
      .number()
      .optional()
      .describe('Target invocations per instance'),
    latestLoadPerInstance: z
      .number()
      .optional()
      .describe('Latest invocations per instance, when cached'),
    monthlyRunRateUsd: z
      .number()
      .optional()
      .describe(
        'USD per month at the current capacity; absent when the price is unknown',
      ),
  });
  const row = z.object({
    entityRef: z
      .string()
      .describe('The catalog entity; pass it to the other tools'),
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
    title: z.string().optional(),
    owner: z.string().optional().describe('Its spec.owner'),
    system: z.string().optional().describe('Its spec.system'),
    cluster: z.string().optional(),
    endpointNamespace: z
      .string()
      .optional()
      .describe('Kubernetes namespace of the endpoint'),
    endpointName: z.string().optional(),
    endpointStatus: z
      .string()
      .optional()
      .describe('SageMaker endpoint status (InService, Updating, Failed, ...)'),
    variants: z.array(variant),
    atMaxShare7d: z
      .number()
      .optional()
      .describe(
        'Share (0..1) of the last 7 days any variant spent at its maximum; absent with less than 7 days recorded',
      ),
    monthlyRunRateUsd: z
      .number()
      .optional()
      .describe(
        "Sum of the variants' monthly run rates; absent when any price is unknown",
      ),
    topFinding: z
      .object({
        code: z.string(),
        severity: z.enum(['error', 'warning', 'info']),
        message: z.string(),
      })
      .optional()
      .describe('The most severe finding'),
    binding: z
      .enum(['bound', 'unbound', 'bound-to-other', 'conflicting'])
      .optional()
      .describe('Which entity the endpoint resources belong to'),
    degraded: z
      .string()
      .optional()
      .describe(
        "Why some of the row's data is missing (cluster not synced, load not cached)",
      ),
  });
  return z.object({
    rows: z.array(row),
    totalCount: z
      .number()
      .describe('Services matching the filters, across all pages'),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as cursor for the next page; absent on the last page'),
  });
}

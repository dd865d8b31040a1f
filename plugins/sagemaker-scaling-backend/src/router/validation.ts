/**
 * Request validation. The scaling settings' rules come from the shared rule table; the
 * shapes mirror src/schema/openapi.yaml (tests check both agree with the table).
 */
import { InputError } from '@backstage/errors';
import {
  buildScaledEndpointFieldSchema,
  type ScaledEndpointField,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { z } from 'zod';

/** Path parameters of the entity routes. @internal */
export const entityPathSchema = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

/** A scaling setting's schema, built from the shared rule table. */
function setting(field: ScaledEndpointField) {
  // the table gives each field a number, string or boolean rule; the callers cast to it
  return buildScaledEndpointFieldSchema(z, field);
}

/**
 * Body of `PUT .../scaling`: every field's rule from the shared table
 * (`SCALED_ENDPOINT_FIELD_RULES`); the cross-field rules come from validateScalingSettings.
 * @internal
 */
export const scalingSettingsUpdateSchema = z
  .object({
    variantName: (setting('variantName') as z.ZodString).optional(),
    minCapacity: setting('minCapacity') as z.ZodNumber,
    maxCapacity: setting('maxCapacity') as z.ZodNumber,
    targetValue: setting('targetValue') as z.ZodNumber,
    scaleInCooldown: setting('scaleInCooldown') as z.ZodNumber,
    scaleOutCooldown: setting('scaleOutCooldown') as z.ZodNumber,
    disableScaleIn: setting('disableScaleIn') as z.ZodBoolean,
  })
  .strict();

/**
 * Body of `PUT .../scaling`: the settings and the variant's `settingsVersion` they were
 * edited from (`expectedVersion`, required).
 * @internal
 */
export const scalingUpdateRequestSchema = scalingSettingsUpdateSchema
  .extend({ expectedVersion: z.string().min(1).max(1024) })
  .strict();

/** A query-string number checked by the rule table's number rule. */
function queryNumber(field: ScaledEndpointField) {
  return z.preprocess(
    v => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    setting(field) as z.ZodNumber,
  );
}

/**
 * Query of `GET /v1/prices`: an instance type and a capacity range, each by the rule
 * table's rule; minCapacity must not exceed maxCapacity.
 * @internal
 */
export const pricesQuerySchema = z
  .object({
    instanceType: setting('instanceType') as z.ZodString,
    minCapacity: queryNumber('minCapacity'),
    maxCapacity: queryNumber('maxCapacity'),
  })
  .refine(q => q.minCapacity <= q.maxCapacity, {
    message: 'minCapacity must be <= maxCapacity',
    path: ['minCapacity'],
  });

/**
 * Body of `POST .../plan`: the proposed settings by the rule table's rules (cross-field
 * rules and the invocation series are checked by common's planner, naming the field).
 * @internal
 */
export const scalingPlanRequestSchema = z
  .object({
    variantName: (setting('variantName') as z.ZodString).optional(),
    settings: scalingSettingsUpdateSchema.omit({ variantName: true }).strict(),
    hours: z
      .number()
      .int()
      .min(1)
      .max(14 * 24)
      .optional(),
    invocations: z.array(z.unknown()).optional(),
    initialInstances: z.number().int().min(0).max(10_000).optional(),
    suggest: z
      .object({
        maxMinutesAboveTarget: z.number().int().min(0),
        targets: z.array(z.number()).min(1).max(50).optional(),
        maxima: z.array(z.number().int()).min(1).max(50).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A parsed `POST .../plan` body. @internal */
export type ScalingPlanRequest = z.output<typeof scalingPlanRequestSchema>;

/** Query of `GET .../activities`. @internal */
export const activitiesQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Parses or throws an InputError that names each field and rule. @internal */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

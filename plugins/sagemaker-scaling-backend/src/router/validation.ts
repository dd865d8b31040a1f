/**
 * Request validation, mirroring src/schema/openapi.yaml (the source of truth; a test
 * checks the two agree).
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Path parameters of the entity routes. @internal */
export const entityPathSchema = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

/** Body of `PUT .../scaling` (shape; the rules come from validateScalingSettings). @internal */
export const scalingSettingsUpdateSchema = z
  .object({
    variantName: z.string().min(1).max(63).optional(),
    minCapacity: z.number().int().min(0),
    maxCapacity: z.number().int().min(1),
    targetValue: z.number().gt(0),
    scaleInCooldown: z.number().int().min(0),
    scaleOutCooldown: z.number().int().min(0),
    disableScaleIn: z.boolean(),
  })
  .strict();

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

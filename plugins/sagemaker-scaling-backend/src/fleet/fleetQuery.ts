import {
  FLEET_SORT_COLUMNS,
  type FindingCode,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { z } from 'zod';

/** Largest page the fleet serves. @internal */
export const FLEET_MAX_LIMIT = 200;

const refList = z
  .string()
  .max(2048)
  .transform(v =>
    v
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  );

/**
 * Query of `GET /v1/fleet`. `owner` is `me` (the caller's ownership refs) or entity
 * refs, comma-separated; `finding` is a finding code or a severity; `cursor` is the
 * opaque `nextCursor` of the previous page.
 * @internal
 */
export const fleetQuerySchema = z
  .object({
    owner: refList.optional(),
    system: refList.optional(),
    cluster: refList.optional(),
    finding: z
      .string()
      .max(64)
      .regex(/^[a-z-]+$/, 'must be a finding code or error, warning, info')
      .optional(),
    q: z.string().max(200).optional(),
    sort: z.enum(FLEET_SORT_COLUMNS).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(FLEET_MAX_LIMIT).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,7}$/, 'must be the nextCursor of a previous page')
      .optional(),
  })
  .strict();

/** The parsed fleet query. @internal */
export type FleetQuery = z.infer<typeof fleetQuerySchema>;

/** Whether `finding` names a severity rather than a code. @internal */
export function isSeverityFilter(
  finding: string,
): finding is 'error' | 'warning' | 'info' {
  return finding === 'error' || finding === 'warning' || finding === 'info';
}

/** @internal */
export type FindingFilter = FindingCode | 'error' | 'warning' | 'info';

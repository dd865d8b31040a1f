/**
 * The status fields every ACK resource has (ACK runtime `apis/core/v1alpha1`): the
 * resource metadata with the ARN, and the conditions.
 */
import type { SchemaNode } from '../schemaTypes';
import { array, dateTime, object, string } from './schema';

/** `status.ackResourceMetadata`. @internal */
export const ackResourceMetadata = (): SchemaNode =>
  object(
    {
      arn: string(),
      ownerAccountID: string(),
      partition: string(),
      region: string(),
    },
    ['ownerAccountID', 'region'],
  );

/** `status.conditions[]`. @internal */
export const conditions = (): SchemaNode =>
  array(
    object(
      {
        lastTransitionTime: dateTime(),
        message: string(),
        reason: string(),
        status: string(),
        type: string(),
      },
      ['status', 'type'],
    ),
  );

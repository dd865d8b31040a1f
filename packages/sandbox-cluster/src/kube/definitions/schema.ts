/**
 * Small builders for the structural OpenAPI v3 schemas of the sandbox's own ACK
 * definitions, so each kind reads as a list of fields and their types.
 */
import type { SchemaNode } from '../schemaTypes';

/** A string field. @internal */
export const string = (): SchemaNode => ({ type: 'string' });

/** An RFC 3339 time, as the ACK CRDs declare them. @internal */
export const dateTime = (): SchemaNode => ({
  type: 'string',
  format: 'date-time',
});

/** A whole number (the ACK CRDs map AWS's integers and longs to int64). @internal */
export const int64 = (): SchemaNode => ({ type: 'integer', format: 'int64' });

/** A floating-point number. @internal */
export const number = (): SchemaNode => ({ type: 'number' });

/** A boolean. @internal */
export const boolean = (): SchemaNode => ({ type: 'boolean' });

/** An object with known fields; `required` lists the ones it must have. @internal */
export const object = (
  properties: Record<string, SchemaNode>,
  required?: string[],
): SchemaNode => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});

/** A list of `items`. @internal */
export const array = (items: SchemaNode): SchemaNode => ({
  type: 'array',
  items,
});

/** A map of strings to strings (for example container environment variables). @internal */
export const stringMap = (): SchemaNode => ({
  type: 'object',
  additionalProperties: { type: 'string' },
});

/**
 * An object the project does not model field by field: its contents are kept as sent
 * (not pruned, not type-checked), so configurations written by other tools survive.
 * @internal
 */
export const unmodelledObject = (): SchemaNode => ({
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
});

/** A list of objects the project does not model. @internal */
export const unmodelledList = (): SchemaNode => array(unmodelledObject());

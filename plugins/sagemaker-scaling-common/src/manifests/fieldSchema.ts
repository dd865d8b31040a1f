import {
  SCALED_ENDPOINT_FIELD_RULES,
  fieldRuleMessage,
  type FieldRule,
  type ScaledEndpointField,
} from './fieldRules';

/** The zod string methods the builder uses (zod 3 and 4 both have them). @public */
export interface ZodStringLike<T> {
  min(length: number, message: string): T;
  max(length: number, message: string): T;
  regex(pattern: RegExp, message: string): T;
  describe(description: string): T;
}

/** The zod number methods the builder uses. @public */
export interface ZodNumberLike<T> {
  int(message: string): T;
  min(value: number, message: string): T;
  max(value: number, message: string): T;
  describe(description: string): T;
}

/** A schema that can be described. @public */
export interface ZodDescribable<T> {
  describe(description: string): T;
}

/**
 * The part of a zod namespace (`z` of zod 3 or 4) that
 * {@link buildScaledEndpointFieldSchema} uses. The caller passes its own `z`, so each
 * consumer gets schemas of its zod instance (the scaffolder's task runner converts its own
 * zod's schemas to JSON Schema).
 * @public
 */
export interface ZodFactoryLike<
  S extends ZodStringLike<S>,
  N extends ZodNumberLike<N>,
  B extends ZodDescribable<B>,
  E extends ZodDescribable<E>,
> {
  string(params: { message: string }): S;
  number(params: { message: string }): N;
  boolean(params: { message: string }): B;
  enum(values: [string, ...string[]], params: { message: string }): E;
}

/**
 * The zod schema of one field, built from its rule in `SCALED_ENDPOINT_FIELD_RULES` with the
 * rule's message ({@link fieldRuleMessage}) on every check, described by the rule's
 * description. Required-ness and cross-field rules are the caller's.
 * @public
 */
export function buildScaledEndpointFieldSchema<
  S extends ZodStringLike<S>,
  N extends ZodNumberLike<N>,
  B extends ZodDescribable<B>,
  E extends ZodDescribable<E>,
>(z: ZodFactoryLike<S, N, B, E>, field: ScaledEndpointField): S | N | B | E {
  const rule: FieldRule = SCALED_ENDPOINT_FIELD_RULES[field];
  const message = fieldRuleMessage(field);
  switch (rule.type) {
    case 'string':
      return z
        .string({ message })
        .min(rule.minLength, message)
        .max(rule.maxLength, message)
        .regex(rule.pattern, message)
        .describe(rule.description);
    case 'integer':
    case 'number': {
      const number = z.number({ message });
      return (rule.type === 'integer' ? number.int(message) : number)
        .min(rule.minimum, message)
        .max(rule.maximum, message)
        .describe(rule.description);
    }
    case 'enum':
      return z.enum([...rule.values], { message }).describe(rule.description);
    default:
      return z.boolean({ message }).describe(rule.description);
  }
}

/** A field's rule as JSON Schema keywords (what forms and OpenAPI documents carry). @public */
export interface FieldJsonSchema {
  type: 'string' | 'integer' | 'number' | 'boolean';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
}

/**
 * The JSON Schema keywords of one field's rule: what the template's form and the backend's
 * OpenAPI document must state for it (tests hold them to this).
 * @public
 */
export function scaledEndpointFieldJsonSchema(
  field: ScaledEndpointField,
): FieldJsonSchema {
  const rule: FieldRule = SCALED_ENDPOINT_FIELD_RULES[field];
  switch (rule.type) {
    case 'string':
      return {
        type: 'string',
        minLength: rule.minLength,
        maxLength: rule.maxLength,
        pattern: rule.pattern.source,
      };
    case 'integer':
    case 'number':
      return { type: rule.type, minimum: rule.minimum, maximum: rule.maximum };
    case 'enum':
      return { type: 'string', enum: [...rule.values] };
    default:
      return { type: 'boolean' };
  }
}

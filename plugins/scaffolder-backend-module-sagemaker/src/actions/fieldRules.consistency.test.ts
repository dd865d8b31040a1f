/**
 * The template's form, the render action's input schema and the shared validation state
 * the same rule per field: the rule table of the common package.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  SCALED_ENDPOINT_FIELD_RULES,
  scaledEndpointFieldJsonSchema,
  validateScaledEndpointSpec,
  type ScaledEndpointField,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  FIELD_BOUNDARY_CASES,
  jsonSchemaAccepts,
  minimalSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { parse } from 'yaml';
import { createRenderScaledEndpointAction } from './renderScaledEndpoint';

const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');
const CONSTRAINTS = [
  'type',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
] as const;
/** Template parameters named differently from the spec field they fill. */
const PARAMETER_FIELD: Record<string, string> = { name: 'serviceName' };
/** Fields whose form offers a choice list of values the rule allows (not the rule itself). */
const CHOICE_LISTS: readonly string[] = ['instanceType'];

const FIELDS = Object.keys(
  SCALED_ENDPOINT_FIELD_RULES,
) as ScaledEndpointField[];

function constraintsOf(schema: Record<string, unknown>) {
  return Object.fromEntries(
    CONSTRAINTS.filter(k => schema[k] !== undefined).map(k => [k, schema[k]]),
  );
}

/** Every form property of every template that is a field of the rule table. */
function templateFields() {
  const found: [string, ScaledEndpointField, Record<string, unknown>][] = [];
  for (const dir of fs.readdirSync(TEMPLATES_DIR)) {
    const file = path.join(TEMPLATES_DIR, dir, 'template.yaml');
    if (!fs.existsSync(file)) continue;
    const template = parse(fs.readFileSync(file, 'utf8'));
    for (const page of template.spec.parameters ?? []) {
      for (const [name, schema] of Object.entries(page.properties ?? {})) {
        const field = PARAMETER_FIELD[name] ?? name;
        if (field in SCALED_ENDPOINT_FIELD_RULES) {
          found.push([
            `${dir}: ${name}`,
            field as ScaledEndpointField,
            schema as Record<string, unknown>,
          ]);
        }
      }
    }
  }
  return found;
}

const action = createRenderScaledEndpointAction();
const actionProperties = (action.schema?.input as any).properties as Record<
  string,
  Record<string, unknown>
>;

// capacities wide apart, so a capacity at its own bound breaks no cross-field rule
const base = {
  ...minimalSpec,
  minCapacity: 1,
  maxCapacity: 2147483647,
  initialInstanceCount: 1,
};
const validationAccepts = (field: string, value: unknown) =>
  !validateScaledEndpointSpec({ ...base, [field]: value }).some(
    i => i.field === field,
  );
const propertyAccepts = (
  schema: Record<string, unknown>,
  field: string,
  value: unknown,
) =>
  jsonSchemaAccepts(
    { type: 'object', properties: { [field]: schema } },
    { [field]: value },
  );

describe('the field rule table', () => {
  const fields = templateFields();

  it('is what the scaled model endpoint template asks for', () => {
    expect(fields.map(([, field]) => field)).toEqual(
      expect.arrayContaining([
        'serviceName',
        'namespace',
        'minCapacity',
        'maxCapacity',
        'targetValue',
      ]),
    );
  });

  it.each(fields.filter(([, f]) => !CHOICE_LISTS.includes(f)))(
    'states every constraint of the template parameter %s',
    (_where, field, schema) =>
      expect(constraintsOf(schema)).toEqual(
        scaledEndpointFieldJsonSchema(field),
      ),
  );

  it.each(fields.filter(([, f]) => CHOICE_LISTS.includes(f)))(
    'allows every choice of the template parameter %s',
    (_where, field, schema) => {
      expect(schema.enum).toEqual(expect.any(Array));
      for (const value of schema.enum as unknown[]) {
        expect([value, validationAccepts(field, value)]).toEqual([value, true]);
      }
    },
  );

  it.each(FIELDS)('is the render action input schema of %s', field =>
    expect(constraintsOf(actionProperties[field])).toEqual(
      scaledEndpointFieldJsonSchema(field),
    ),
  );

  describe.each(FIELDS)('boundary values of %s', field => {
    const cases = FIELD_BOUNDARY_CASES[field];
    const template = fields.filter(([, f]) => f === field);
    const verdicts = (value: unknown) => ({
      action: propertyAccepts(actionProperties[field], field, value),
      validation: validationAccepts(field, value),
      ...Object.fromEntries(
        template
          // a choice list is narrower than the rule: it must refuse what the rule refuses
          .filter(([, f]) => !CHOICE_LISTS.includes(f))
          .map(([where, , schema]) => [
            where,
            propertyAccepts(schema, field, value),
          ]),
      ),
    });
    const all = (verdict: boolean) =>
      Object.fromEntries(Object.keys(verdicts(null)).map(k => [k, verdict]));

    it.each(cases.accept.map(v => [v]))('are accepted by each: %p', value =>
      expect(verdicts(value)).toEqual(all(true)),
    );
    it.each(cases.refuse.map(v => [v]))('are refused by each: %p', value => {
      expect(verdicts(value)).toEqual(all(false));
      for (const [where, , schema] of template) {
        expect([where, propertyAccepts(schema, field, value)]).toEqual([
          where,
          false,
        ]);
      }
    });
  });
});

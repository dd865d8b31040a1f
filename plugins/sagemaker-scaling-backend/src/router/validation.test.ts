import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  scaledEndpointFieldJsonSchema,
  type ScaledEndpointField,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  FIELD_BOUNDARY_CASES,
  jsonSchemaAccepts,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import YAML from 'yaml';
import { scalingSettingsUpdateSchema } from './validation';

const documented: Record<string, Record<string, unknown>> = YAML.parse(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
).components.schemas.ScalingSettingsUpdate.properties;

const FIELDS = Object.keys(
  scalingSettingsUpdateSchema.shape,
) as ScaledEndpointField[];

const valid = {
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

describe('PUT .../scaling body', () => {
  it.each(FIELDS)('the OpenAPI document states the table rule of %s', field => {
    const { description: _description, ...constraints } = documented[field];
    expect(constraints).toEqual(scaledEndpointFieldJsonSchema(field));
  });

  describe.each(FIELDS)('boundary values of %s', field => {
    const verdicts = (value: unknown) => ({
      schema: scalingSettingsUpdateSchema.safeParse({
        ...valid,
        [field]: value,
      }).success,
      openapi: jsonSchemaAccepts(
        { type: 'object', properties: { [field]: documented[field] } },
        { [field]: value },
      ),
    });
    it.each(FIELD_BOUNDARY_CASES[field].accept.map(v => [v]))(
      'accepted by both: %p',
      value => expect(verdicts(value)).toEqual({ schema: true, openapi: true }),
    );
    it.each(FIELD_BOUNDARY_CASES[field].refuse.map(v => [v]))(
      'refused by both: %p',
      value =>
        expect(verdicts(value)).toEqual({ schema: false, openapi: false }),
    );
  });

  it('names the field and the rule in its errors', () => {
    const result = scalingSettingsUpdateSchema.safeParse({
      ...valid,
      minCapacity: 0,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(
      /^minCapacity must be a whole number between 1 and 2147483647 instances \(Application Auto Scaling MinCapacity/,
    );
  });
});

import {
  FIELD_BOUNDARY_CASES,
  minimalSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  SCALED_ENDPOINT_FIELD_RULES,
  SCALING_SETTINGS_FIELDS,
  fieldRuleMessage,
  type ScaledEndpointField,
} from './fieldRules';
import { validateScaledEndpointSpec } from './validateScaledEndpointSpec';
import { validateScalingSettings } from './validateScalingSettings';

const FIELDS = Object.keys(
  SCALED_ENDPOINT_FIELD_RULES,
) as ScaledEndpointField[];

// capacities wide apart, so a capacity at its own bound breaks no cross-field rule
const base = {
  ...minimalSpec,
  minCapacity: 1,
  maxCapacity: 2147483647,
  initialInstanceCount: 1,
};
const settings = {
  minCapacity: 1,
  maxCapacity: 2147483647,
  targetValue: 60,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

describe('the field rule table', () => {
  it('has boundary cases for every field, and no others', () => {
    expect(Object.keys(FIELD_BOUNDARY_CASES).sort()).toEqual(
      [...FIELDS].sort(),
    );
  });

  it.each(FIELDS)('states the rule of %s naming the field', field => {
    expect(fieldRuleMessage(field)).toMatch(new RegExp(`^${field} must be `));
    expect(fieldRuleMessage(field)).toContain(
      SCALED_ENDPOINT_FIELD_RULES[field].ruleName,
    );
  });

  describe.each(FIELDS)('%s', field => {
    const issuesOf = (value: unknown) =>
      validateScaledEndpointSpec({ ...base, [field]: value }).filter(
        i => i.field === field,
      );
    it.each(FIELD_BOUNDARY_CASES[field].accept.map(v => [v]))(
      'the spec validation accepts %p',
      value => expect(issuesOf(value)).toEqual([]),
    );
    it.each(FIELD_BOUNDARY_CASES[field].refuse.map(v => [v]))(
      'the spec validation refuses %p, naming the field',
      value =>
        expect(issuesOf(value)).toEqual([
          expect.objectContaining({
            message: expect.stringContaining(field),
          }),
        ]),
    );
  });

  describe.each(SCALING_SETTINGS_FIELDS)('settings %s', field => {
    const refused = (value: unknown) =>
      validateScalingSettings({ ...settings, [field]: value }).some(
        i => i.field === field,
      );
    it('agree with the spec validation on every boundary value', () => {
      expect(FIELD_BOUNDARY_CASES[field].accept.map(refused)).not.toContain(
        true,
      );
      expect(FIELD_BOUNDARY_CASES[field].refuse.map(refused)).not.toContain(
        false,
      );
    });
  });
});

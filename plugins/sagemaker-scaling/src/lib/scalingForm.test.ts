import { SCALING_SETTINGS_FIELDS } from '@mlplatform/plugin-sagemaker-scaling-common';
import { FIELD_BOUNDARY_CASES } from '@mlplatform/sagemaker-scaling-test-fixtures';
import { validateForm, type ScalingFormValues } from './scalingForm';

const values: ScalingFormValues = {
  minCapacity: '1',
  maxCapacity: '2147483647',
  targetValue: '60',
  scaleInCooldown: '300',
  scaleOutCooldown: '300',
  disableScaleIn: false,
};

// what a user can enter: text for the number fields (a checkbox cannot be refused)
const NUMBER_FIELDS = SCALING_SETTINGS_FIELDS.filter(
  f => f !== 'disableScaleIn',
);
const numbers = (cases: readonly unknown[]) =>
  cases.filter(v => typeof v === 'number').map(v => [v]);

function refused(field: string, value: unknown): boolean {
  const entered = {
    ...values,
    [field]: field === 'disableScaleIn' ? value : String(value),
  };
  return validateForm(entered)[field] !== undefined;
}

describe('the edit form', () => {
  describe.each(NUMBER_FIELDS)('%s', field => {
    const cases = FIELD_BOUNDARY_CASES[field];
    it.each(numbers(cases.accept))(
      'accepts the boundary value %p, as the rule table does',
      value => expect(refused(field, value)).toBe(false),
    );
    it.each(numbers(cases.refuse))(
      'refuses the boundary value %p, as the rule table does',
      value => expect(refused(field, value)).toBe(true),
    );
  });

  it.each([true, false])('accepts disableScaleIn %p', value =>
    expect(refused('disableScaleIn', value)).toBe(false),
  );

  it('refuses text that is not a number, naming the field', () => {
    expect(
      validateForm({ ...values, targetValue: 'high' }).targetValue,
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('targetValue'),
      }),
    ]);
  });
});

import { validateScalingSettings } from './validateScalingSettings';

const settings = {
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
  scaleInCooldown: 700,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

describe('validateScalingSettings', () => {
  it('accepts complete settings, with or without an initial count', () => {
    expect(validateScalingSettings(settings)).toEqual([]);
    expect(
      validateScalingSettings({ ...settings, initialInstanceCount: 2 }),
    ).toEqual([]);
  });

  it('ignores fields it does not check, such as the variant of an update', () => {
    expect(
      validateScalingSettings({ ...settings, variantName: 'AllTraffic' }),
    ).toEqual([]);
  });

  it('requires every setting (no defaults when editing)', () => {
    expect(validateScalingSettings({}).map(i => i.field)).toEqual([
      'minCapacity',
      'maxCapacity',
      'targetValue',
      'scaleInCooldown',
      'scaleOutCooldown',
      'disableScaleIn',
    ]);
  });

  it('refuses a non-object', () => {
    expect(validateScalingSettings('x')).toEqual([
      { field: '', message: 'scaling settings must be an object' },
    ]);
  });

  it.each([
    [{ minCapacity: 0 }, 'minCapacity', /minCapacity must be between 1 and/],
    [{ minCapacity: 2.5 }, 'minCapacity', /whole number/],
    [{ maxCapacity: 0 }, 'maxCapacity', /maxCapacity must be between 1 and/],
    [
      { minCapacity: 5, maxCapacity: 4 },
      'maxCapacity',
      /greater than or equal to minCapacity/,
    ],
    [{ targetValue: 0 }, 'targetValue', /number between 8.51592e-109 and/],
    [{ targetValue: -Infinity }, 'targetValue', /number between 8.51592e-109/],
    [{ targetValue: 1e308 }, 'targetValue', /and 1.174271e\+108/],
    [{ maxCapacity: 2 ** 31 }, 'maxCapacity', /between 1 and 2147483647/],
    [
      { scaleInCooldown: 86401 },
      'scaleInCooldown',
      /between 0 and 86400 seconds/,
    ],
    [
      { scaleOutCooldown: -5 },
      'scaleOutCooldown',
      /between 0 and 86400 seconds/,
    ],
    [{ scaleOutCooldown: 0.5 }, 'scaleOutCooldown', /whole number/],
    [{ disableScaleIn: 'no' }, 'disableScaleIn', /true or false/],
    [
      { initialInstanceCount: 4 },
      'initialInstanceCount',
      /within minCapacity and maxCapacity \[1, 3\]/,
    ],
  ] as [Record<string, unknown>, string, RegExp][])(
    'refuses %j',
    (change, field, rule) => {
      const issues = validateScalingSettings({ ...settings, ...change });
      expect(issues).toEqual([{ field, message: expect.stringMatching(rule) }]);
    },
  );
});

import { settingsRestoredBy } from './history';

describe('settingsRestoredBy', () => {
  const current = {
    minCapacity: 1,
    maxCapacity: 6,
    targetValue: 60,
    scaleInCooldown: 600,
    scaleOutCooldown: 300,
    disableScaleIn: true,
  };

  it('puts the recorded before-settings over the current ones', () => {
    expect(settingsRestoredBy(current, { maxCapacity: 4 })).toEqual({
      ...current,
      maxCapacity: 4,
    });
  });

  it('keeps the current value where the record has none', () => {
    expect(
      settingsRestoredBy(current, { maxCapacity: undefined, targetValue: 30 }),
    ).toEqual({ ...current, targetValue: 30 });
  });

  it('enables scale-in where neither side says (the AWS default)', () => {
    const { disableScaleIn: _, ...withoutScaleIn } = current;
    expect(settingsRestoredBy(withoutScaleIn, {}).disableScaleIn).toBe(false);
  });
});

import {
  historyMatchesSettings,
  recordedFieldChanges,
  revertChangesSettings,
  revertedSettings,
} from './recordedSettingsDiff';

const UNIT = 'invocations per instance per minute';
const CURRENT = {
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
  scaleInCooldown: 700,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

describe('recordedFieldChanges', () => {
  it('lists only the changed settings, with their units', () => {
    expect(
      recordedFieldChanges(
        { ...CURRENT, minCapacity: 2 },
        {
          ...CURRENT,
          minCapacity: 1,
          targetValue: 62.5,
          scaleOutCooldown: 120,
          disableScaleIn: true,
        },
        UNIT,
      ).map(c => `${c.label}: ${c.before} → ${c.after}`),
    ).toEqual([
      'Min capacity: 2 instances → 1 instance',
      'Target value: 60 invocations per instance per minute → 62.5 invocations per instance per minute',
      'Scale-out cooldown: 300 s (5 min) → 120 s (2 min)',
      'Disable scale-in: no → yes',
    ]);
  });

  it('says "not set" for a setting the resources lacked, but treats absent scale-in as enabled', () => {
    const { targetValue: _t, disableScaleIn: _d, ...withoutPolicy } = CURRENT;
    expect(
      recordedFieldChanges(withoutPolicy, CURRENT, UNIT).map(
        c => `${c.label}: ${c.before} → ${c.after}`,
      ),
    ).toEqual([
      'Target value: not set → 60 invocations per instance per minute',
    ]);
  });
});

describe('revertedSettings and revertChangesSettings', () => {
  it('puts the recorded before-settings over the current ones', () => {
    expect(revertedSettings(CURRENT, { maxCapacity: 5 })).toEqual({
      ...CURRENT,
      maxCapacity: 5,
    });
    expect(revertChangesSettings(CURRENT, { maxCapacity: 5 })).toBe(true);
    expect(revertChangesSettings(CURRENT, { maxCapacity: 3 })).toBe(false);
    expect(revertChangesSettings(CURRENT, {})).toBe(false);
  });
});

describe('historyMatchesSettings', () => {
  it('compares only the fields both sides have', () => {
    expect(historyMatchesSettings({ maxCapacity: 3 }, CURRENT)).toBe(true);
    expect(historyMatchesSettings({ maxCapacity: 4 }, CURRENT)).toBe(false);
  });
});

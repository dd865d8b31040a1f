import type { ScalingSettings } from '../manifests';
import { resolveInstancePrice } from '../pricing';
import { PlannerInputError } from './PlannerInputError';
import { suggestScalingSettings } from './suggestScalingSettings';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2);
/** 600 invocations a minute for 2 hours. */
const series = Array.from({ length: 120 }, (_, i) => ({
  timestamp: T0 + i * MIN,
  value: 600,
}));
/** Over-provisioned: target 30 keeps 20 instances at 30 each. */
const current: ScalingSettings = {
  minCapacity: 1,
  maxCapacity: 20,
  targetValue: 30,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};
const base = {
  current,
  series,
  initialInstances: 20,
  provisioningDelayMinutes: 4,
  price: resolveInstancePrice('ml.m5.large'),
};

describe('suggestScalingSettings', () => {
  it('picks the cheapest candidate that keeps the instances within the limit', () => {
    const s = suggestScalingSettings({
      ...base,
      candidateTargets: [30, 45, 60, 75],
      loadLimitPerInstance: 60,
      maxMinutesAboveLimit: 0,
    });
    // 45: ceil(20 * 30 / 45) = 14 at 42.9 each; 60: 10 at 60 each (not above 60);
    // 75: halves to 10 at minute 16, then (after the 5-minute cooldown) 8 at 75 each from
    // minute 21: above the limit for 99 minutes.
    expect(
      s.candidates.map(c => [
        c.settings.targetValue,
        c.acceptable,
        c.summary.minutesAboveLoadLimit,
      ]),
    ).toEqual([
      [30, true, 0],
      [45, true, 0],
      [60, true, 0],
      [75, false, 99],
    ]);
    expect(s.pick?.settings).toEqual({ ...current, targetValue: 60 });
    // 20 instances until minute 16, then 10.
    expect(s.pick?.summary.instanceHours).toBeCloseTo(
      (16 * 20 + 104 * 10) / 60,
      10,
    );
    expect(s.current.instanceHours).toBe(40);
    expect(s.reason).toContain('target 60, max 20');
    expect(s.reason).toContain(
      'at most 0 minutes above 60 invocations per instance',
    );
  });

  it('by default sweeps the current target x 0.5..1.5 against the current target', () => {
    const s = suggestScalingSettings({ ...base, maxMinutesAboveLimit: 0 });
    expect(s.candidates.map(c => c.settings.targetValue)).toEqual(
      Array.from({ length: 21 }, (_, i) =>
        Number((30 * (0.5 + i * 0.05)).toPrecision(4)),
      ),
    );
    expect(s.loadLimitPerInstance).toBe(30);
    expect(s.pick!.settings.targetValue).toBeLessThanOrEqual(30);
    expect(s.pick!.summary.minutesAboveLoadLimit).toBe(0);
  });

  it('sweeps maxima too, and says when no candidate is acceptable', () => {
    const s = suggestScalingSettings({
      ...base,
      candidateTargets: [30, 60],
      candidateMaxCapacities: [5, 20],
      loadLimitPerInstance: 25,
      maxMinutesAboveLimit: 10,
    });
    expect(s.candidates).toHaveLength(4);
    expect(s.pick).toBeUndefined();
    expect(s.reason).toMatch(
      /^None of the 4 candidates keeps at most 10 minutes above 25/,
    );
  });

  it('checks candidates by the rule table, naming the list entry', () => {
    expect(() =>
      suggestScalingSettings({
        ...base,
        candidateTargets: [30, 0],
        maxMinutesAboveLimit: 0,
      }),
    ).toThrow(/candidateTargets\[1\]: targetValue must be a number between/);
    expect(() =>
      suggestScalingSettings({ ...base, maxMinutesAboveLimit: -1 }),
    ).toThrow(PlannerInputError);
  });
});

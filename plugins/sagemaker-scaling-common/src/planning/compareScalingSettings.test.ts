import type { ScalingSettings } from '../manifests';
import { resolveInstancePrice } from '../pricing';
import { compareScalingSettings } from './compareScalingSettings';
import { PlannerInputError } from './PlannerInputError';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2);
const series = Array.from({ length: 120 }, (_, i) => ({
  timestamp: T0 + i * MIN,
  value: 600,
}));
const current: ScalingSettings = {
  minCapacity: 1,
  maxCapacity: 20,
  targetValue: 60,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

describe('compareScalingSettings', () => {
  it('replays both on the same traffic and states what the proposal changes', () => {
    // 600 a minute on 10 instances: target 60 keeps 10; target 120 goes to 5 after 15
    // quiet minutes (decided at the end of minute 14, out of service at minute 16).
    const c = compareScalingSettings({
      current,
      proposed: { ...current, targetValue: 120 },
      series,
      initialInstances: 10,
      provisioningDelayMinutes: 4,
      price: resolveInstancePrice('ml.m5.large'),
    });
    expect(c.current.summary.instanceHours).toBe(20);
    expect(c.proposed.summary.instanceHours).toBeCloseTo(
      (16 * 10 + 104 * 5) / 60,
      10,
    );
    expect(c.difference.instanceHours).toBeCloseTo((-104 * 5) / 60, 10);
    // Run-rate over the 2 replayed hours, to 730 hours.
    expect(c.difference.monthlyCostUsd).toBeCloseTo(
      ((-104 * 5) / 60 / 2) * 0.115 * 730,
      10,
    );
    // 120 per instance is at its own target, but twice the current one.
    expect(c.difference.minutesAboveTarget).toBe(0);
    expect(c.difference.minutesAboveCurrentTarget).toBe(104);
  });

  it('leaves the cost difference undefined without a price', () => {
    const c = compareScalingSettings({
      current,
      proposed: { ...current, targetValue: 120 },
      series,
      initialInstances: 10,
      provisioningDelayMinutes: 4,
      price: resolveInstancePrice('ml.inf2.xlarge'),
    });
    expect(c.difference.monthlyCostUsd).toBeUndefined();
    expect(c.difference.instanceHours).toBeLessThan(0);
  });

  it('names which settings break a rule', () => {
    let issues: unknown;
    try {
      compareScalingSettings({
        current,
        proposed: { ...current, scaleInCooldown: 90_000 },
        series,
        initialInstances: 10,
        provisioningDelayMinutes: 4,
      });
    } catch (e) {
      issues = e instanceof PlannerInputError ? e.issues : e;
    }
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'proposed.scaleInCooldown',
        message: expect.stringMatching(/^proposed\.scaleInCooldown must be/),
      }),
    ]);
  });
});

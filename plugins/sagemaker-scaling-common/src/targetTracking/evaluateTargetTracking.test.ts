import { evaluateTargetTracking } from './evaluateTargetTracking';
import { combineTargetTrackingDecisions } from './combineTargetTrackingDecisions';
import type { TargetTrackingInput } from './types';

const MIN = 60_000;
const NOW = 1_000 * MIN;

/** Target 60, cooldowns out 300 s / in 600 s, limits 1..10, 2 instances. */
function input(overrides: Partial<TargetTrackingInput>): TargetTrackingInput {
  return {
    policy: { targetValue: 60, scaleOutCooldown: 300, scaleInCooldown: 600 },
    minCapacity: 1,
    maxCapacity: 10,
    currentCapacity: 2,
    metric: [],
    now: NOW,
    ...overrides,
  };
}

const repeat = (value: number, times: number) =>
  Array<number>(times).fill(value);

describe('evaluateTargetTracking', () => {
  describe('scale-out', () => {
    it('waits for 3 consecutive datapoints above target', () => {
      const two = evaluateTargetTracking(input({ metric: [50, 90, 90] }));
      expect(two).toMatchObject({ action: 'none', alarmHigh: 'OK' });
      const three = evaluateTargetTracking(input({ metric: [90, 90, 90] }));
      expect(three).toMatchObject({
        action: 'scale-out',
        alarmHigh: 'ALARM',
        alarm: 'AlarmHigh',
      });
    });

    it('scales in proportion: ceil(2 * 90 / 60) = 3', () => {
      expect(
        evaluateTargetTracking(input({ metric: [90, 90, 90] })).desiredCapacity,
      ).toBe(3);
    });

    it('rounds up fractions: ceil(2 * 61 / 60) = ceil(2.03) = 3', () => {
      expect(
        evaluateTargetTracking(input({ metric: [61, 61, 61] })).desiredCapacity,
      ).toBe(3);
    });

    it('does not round up float noise: 3 * 80 / 60 = 4.000000000000001 gives 4', () => {
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 3, metric: [80, 80, 80] }),
        ).desiredCapacity,
      ).toBe(4);
    });

    it('uses the latest datapoint: [70, 70, 150] with 2 instances gives ceil(5) = 5', () => {
      expect(
        evaluateTargetTracking(input({ metric: [70, 70, 150] }))
          .desiredCapacity,
      ).toBe(5);
    });

    it('clamps to max and says so when already there', () => {
      expect(
        evaluateTargetTracking(input({ metric: [600, 600, 600] }))
          .desiredCapacity,
      ).toBe(10);
      const atMax = evaluateTargetTracking(
        input({ currentCapacity: 10, metric: [600, 600, 600] }),
      );
      expect(atMax).toMatchObject({
        action: 'none',
        reason: 'at-max-capacity',
        desiredCapacity: 10,
      });
    });

    it('treats a value equal to the target as not above it', () => {
      expect(
        evaluateTargetTracking(input({ metric: [60, 60, 60] })),
      ).toMatchObject({ action: 'none', reason: 'within-target' });
    });

    it('needs complete data: a missing minute means INSUFFICIENT_DATA', () => {
      const gap = evaluateTargetTracking(input({ metric: [90, null, 90] }));
      expect(gap).toMatchObject({
        action: 'none',
        alarmHigh: 'INSUFFICIENT_DATA',
        reason: 'insufficient-data',
      });
    });

    it('honours dynamicScalingOutSuspended', () => {
      const d = evaluateTargetTracking(
        input({
          metric: [90, 90, 90],
          suspended: { dynamicScalingOutSuspended: true },
        }),
      );
      expect(d).toMatchObject({
        action: 'none',
        reason: 'scale-out-suspended',
        desiredCapacity: 2,
      });
    });

    it('starts a scale-out cooldown remembering the capacity the metric reflects', () => {
      const d = evaluateTargetTracking(input({ metric: [90, 90, 90] }));
      expect(d.cooldown).toEqual({
        scaleOutCooldownUntil: NOW + 300_000,
        scaleOutBaseCapacity: 2,
      });
    });
  });

  describe('scale-out cooldown', () => {
    // 2 instances scaled out to 3 one minute ago; the metric still reflects 2 instances.
    const cooldown = {
      scaleOutCooldownUntil: NOW + 240_000,
      scaleOutBaseCapacity: 2,
    };

    it('counts the capacity already added: 90 on base 2 wants 3, which is there already', () => {
      const d = evaluateTargetTracking(
        input({ currentCapacity: 3, metric: [90, 90, 90], cooldown }),
      );
      expect(d).toMatchObject({
        action: 'none',
        reason: 'scale-out-cooldown',
        desiredCapacity: 3,
      });
      expect(d.cooldown).toEqual(cooldown);
    });

    it('still allows a larger scale-out: 150 on base 2 wants ceil(5) = 5 > 3', () => {
      const d = evaluateTargetTracking(
        input({ currentCapacity: 3, metric: [150, 150, 150], cooldown }),
      );
      expect(d).toMatchObject({ action: 'scale-out', desiredCapacity: 5 });
      expect(d.cooldown).toEqual({
        scaleOutCooldownUntil: NOW + 300_000,
        scaleOutBaseCapacity: 2,
      });
    });

    it('blocks scale-in until it ends', () => {
      const quiet = repeat(10, 15);
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 4, metric: quiet, cooldown }),
        ),
      ).toMatchObject({
        action: 'none',
        reason: 'scale-out-cooldown',
        alarmLow: 'ALARM',
        desiredCapacity: 4,
      });
      expect(
        evaluateTargetTracking(
          input({
            currentCapacity: 4,
            metric: quiet,
            cooldown,
            now: NOW + 240_000,
          }),
        ),
      ).toMatchObject({ action: 'scale-in', desiredCapacity: 2 });
    });

    it('ends when its time is up: then 90 on the current 3 wants ceil(4.5) = 5', () => {
      const expired = { scaleOutCooldownUntil: NOW, scaleOutBaseCapacity: 2 };
      const d = evaluateTargetTracking(
        input({ currentCapacity: 3, metric: [90, 90, 90], cooldown: expired }),
      );
      expect(d).toMatchObject({ action: 'scale-out', desiredCapacity: 5 });
    });
  });

  describe('scale-in', () => {
    it('waits for 15 consecutive datapoints more than 10% below target', () => {
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 4, metric: repeat(20, 14) }),
        ),
      ).toMatchObject({
        action: 'none',
        alarmLow: 'INSUFFICIENT_DATA',
        reason: 'insufficient-data',
      });
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 4, metric: [55, ...repeat(20, 14)] }),
        ),
      ).toMatchObject({
        action: 'none',
        alarmLow: 'OK',
      });
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 4, metric: repeat(20, 15) }),
        ),
      ).toMatchObject({
        action: 'scale-in',
        alarmLow: 'ALARM',
        alarm: 'AlarmLow',
      });
    });

    it('does not scale in at 54.1 (within 10% of 60) but does at 53.9: 10 instances want ceil(8.98) = 9', () => {
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 10, metric: repeat(54.1, 15) }),
        ),
      ).toMatchObject({
        action: 'none',
        alarmLow: 'OK',
      });
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 10, metric: repeat(53.9, 15) }),
        ),
      ).toMatchObject({
        action: 'scale-in',
        desiredCapacity: 9,
      });
    });

    it('rounds conservatively and keeps capacity: 4 instances at 40 want ceil(2.67) = 3', () => {
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 4, metric: repeat(40, 15) }),
        ).desiredCapacity,
      ).toBe(3);
    });

    it('uses the highest of the 15 datapoints: [10 x14, 50] on 4 wants ceil(3.33) = 4: no action', () => {
      const d = evaluateTargetTracking(
        input({ currentCapacity: 4, metric: [...repeat(10, 14), 50] }),
      );
      expect(d).toMatchObject({
        action: 'none',
        reason: 'within-target',
        desiredCapacity: 4,
      });
    });

    it('removes at most half the capacity at once: 8 instances at 5 go to 4, not 1', () => {
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 8, metric: repeat(5, 15) }),
        ).desiredCapacity,
      ).toBe(4);
    });

    it('never removes an instance the load still needs: 3 instances at 50 want ceil(2.5) = 3', () => {
      // 50 is more than 10% below 60, but ceil(3 * 50 / 60) = 3: removing one would push the rest above target.
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 3, metric: repeat(50, 15) }),
        ).action,
      ).toBe('none');
      // At 30: ceil(3 * 30 / 60) = 2.
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 3, metric: repeat(30, 15) }),
        ).desiredCapacity,
      ).toBe(2);
    });

    it('clamps to min and says so when already there', () => {
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 2, minCapacity: 2, metric: repeat(1, 15) }),
        ),
      ).toMatchObject({
        action: 'none',
        reason: 'at-min-capacity',
      });
      expect(
        evaluateTargetTracking(
          input({ currentCapacity: 4, minCapacity: 3, metric: repeat(1, 15) }),
        ).desiredCapacity,
      ).toBe(3);
    });

    it('honours disableScaleIn and dynamicScalingInSuspended', () => {
      const metric = repeat(10, 15);
      expect(
        evaluateTargetTracking(
          input({
            currentCapacity: 4,
            metric,
            policy: { targetValue: 60, disableScaleIn: true },
          }),
        ),
      ).toMatchObject({ action: 'none', reason: 'scale-in-disabled' });
      expect(
        evaluateTargetTracking(
          input({
            currentCapacity: 4,
            metric,
            suspended: { dynamicScalingInSuspended: true },
          }),
        ),
      ).toMatchObject({ action: 'none', reason: 'scale-in-suspended' });
    });

    it('does not scale in with a missing datapoint in the 15', () => {
      const metric = [...repeat(10, 7), null, ...repeat(10, 7)];
      expect(
        evaluateTargetTracking(input({ currentCapacity: 4, metric })),
      ).toMatchObject({
        action: 'none',
        alarmLow: 'INSUFFICIENT_DATA',
      });
    });
  });

  describe('scale-in cooldown', () => {
    it('blocks scale-in until it ends', () => {
      const cooldown = { scaleInCooldownUntil: NOW + 60_000 };
      const blocked = evaluateTargetTracking(
        input({ currentCapacity: 4, metric: repeat(10, 15), cooldown }),
      );
      expect(blocked).toMatchObject({
        action: 'none',
        reason: 'scale-in-cooldown',
      });
      const later = evaluateTargetTracking(
        input({
          currentCapacity: 4,
          metric: repeat(10, 15),
          cooldown,
          now: NOW + 60_000,
        }),
      );
      expect(later).toMatchObject({ action: 'scale-in', desiredCapacity: 2 });
      expect(later.cooldown.scaleInCooldownUntil).toBe(NOW + 60_000 + 600_000);
    });

    it('does not stop a scale-out, which acts at once and ends the scale-in cooldown', () => {
      const cooldown = { scaleInCooldownUntil: NOW + 500_000 };
      const d = evaluateTargetTracking(
        input({ currentCapacity: 2, metric: [90, 90, 90], cooldown }),
      );
      expect(d).toMatchObject({ action: 'scale-out', desiredCapacity: 3 });
      expect(d.cooldown.scaleInCooldownUntil).toBeUndefined();
    });
  });

  it('is deterministic: the same input gives the same decision', () => {
    const i = input({ currentCapacity: 3, metric: [70, 80, 95] });
    expect(evaluateTargetTracking(i)).toEqual(
      evaluateTargetTracking(structuredClone(i)),
    );
  });

  it('rejects impossible input, naming the field', () => {
    expect(() =>
      evaluateTargetTracking(input({ policy: { targetValue: 0 } })),
    ).toThrow('targetValue must be a positive number');
    expect(() =>
      evaluateTargetTracking(input({ minCapacity: 5, maxCapacity: 2 })),
    ).toThrow('maxCapacity must be an integer >= minCapacity (5)');
    expect(() =>
      evaluateTargetTracking(input({ currentCapacity: 1.5 })),
    ).toThrow('currentCapacity must be an integer');
  });
});

describe('combineTargetTrackingDecisions', () => {
  const d = (
    action: 'scale-out' | 'scale-in' | 'none',
    desiredCapacity: number,
  ) => ({
    ...evaluateTargetTracking(input({})),
    action,
    desiredCapacity,
  });

  it('scales out if any policy asks, to the largest capacity', () => {
    expect(
      combineTargetTrackingDecisions(2, [
        { decision: d('scale-out', 3) },
        { decision: d('scale-out', 5) },
        { decision: d('scale-in', 1) },
      ]),
    ).toEqual({
      action: 'scale-out',
      desiredCapacity: 5,
      index: 1,
    });
  });

  it('scales in only when every policy with scale-in enabled agrees, to the largest capacity', () => {
    expect(
      combineTargetTrackingDecisions(4, [
        { decision: d('scale-in', 2) },
        { decision: d('none', 4) },
      ]).action,
    ).toBe('none');
    expect(
      combineTargetTrackingDecisions(4, [
        { decision: d('scale-in', 2) },
        { decision: d('scale-in', 3) },
        { decision: d('none', 4), disableScaleIn: true },
      ]),
    ).toEqual({ action: 'scale-in', desiredCapacity: 3, index: 1 });
  });
});

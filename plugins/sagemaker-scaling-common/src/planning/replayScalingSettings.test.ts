import { resolveInstancePrice } from '../pricing';
import type { ScalingSettings } from '../manifests';
import { PlannerInputError } from './PlannerInputError';
import { replayScalingSettings } from './replayScalingSettings';
import type { InvocationDatapoint, ScalingReplayInput } from './types';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 0, 0);

/** Target 60 invocations per instance, 1..10 instances, cooldowns 300 s. */
const settings: ScalingSettings = {
  minCapacity: 1,
  maxCapacity: 10,
  targetValue: 60,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

/** One datapoint per minute from T0. */
const perMinute = (values: number[]): InvocationDatapoint[] =>
  values.map((value, i) => ({ timestamp: T0 + i * MIN, value }));
const repeat = (value: number, times: number) =>
  Array<number>(times).fill(value);

function replay(overrides: Partial<ScalingReplayInput> & { values: number[] }) {
  const { values, ...rest } = overrides;
  return replayScalingSettings({
    settings,
    series: perMinute(values),
    initialInstances: 2,
    provisioningDelayMinutes: 3,
    ...rest,
  });
}

const minuteOf = (timestamp: number) => (timestamp - T0) / MIN;

describe('replayScalingSettings', () => {
  describe('constant load settles at ceil(total / target) within min..max', () => {
    it('300 a minute: 5 instances, from 2 (scaling out) and from 10 (scaling in)', () => {
      const up = replay({ values: repeat(300, 60), initialInstances: 2 });
      const down = replay({ values: repeat(300, 60), initialInstances: 10 });
      expect(up.timeline[59].instances).toBe(5);
      expect(down.timeline[59].instances).toBe(5);
      expect(up.timeline[59].loadPerInstance).toBe(60);
    });

    it('310 a minute: ceil(5.17) = 6, and 51.7 per instance is not worth an instance less', () => {
      const r = replay({ values: repeat(310, 60) });
      expect(r.timeline[59].instances).toBe(6);
      expect(r.summary.scaleInEvents).toBe(0);
      // The low alarm fires (51.7 < 54) but ceil(6 * 51.7 / 60) = 6: AWS records it so.
      expect(r.decisions.at(-1)).toMatchObject({
        action: 'none',
        notScaledReason: 'AlreadyAtDesiredCapacity',
      });
    });

    it('clamps to the limits: 30 a minute stays at a minimum of 2; 6000 stops at 10', () => {
      expect(
        replay({
          values: repeat(30, 60),
          settings: { ...settings, minCapacity: 2 },
          initialInstances: 4,
        }).timeline[59].instances,
      ).toBe(2);
      expect(replay({ values: repeat(6000, 60) }).timeline[59].instances).toBe(
        10,
      );
    });
  });

  it('a surge scales out after 3 datapoints above target plus the provisioning delay, in proportion', () => {
    // 2 instances at 55 each, then 330 a minute from minute 20: 165 each.
    const r = replay({ values: [...repeat(110, 20), ...repeat(330, 20)] });
    const scaleOuts = r.decisions.filter(d => d.action === 'scale-out');
    // Minutes 20, 21, 22 above target: decided at the end of minute 22,
    // ceil(2 * 165 / 60) = ceil(5.5) = 6.
    expect(scaleOuts).toHaveLength(1);
    expect(minuteOf(scaleOuts[0].timestamp)).toBe(23);
    expect(scaleOuts[0]).toMatchObject({ fromInstances: 2, toInstances: 6 });
    // In service 3 minutes later, from minute 26: 330 / 6 = 55 each.
    expect(r.timeline.slice(22, 28).map(p => p.instances)).toEqual([
      2, 2, 2, 2, 6, 6,
    ]);
    expect(r.timeline[22].desiredInstances).toBe(6);
    expect(r.timeline[26].loadPerInstance).toBe(55);
    // Still busy while provisioning, but the capacity on its way covers it.
    expect(
      r.decisions
        .filter(d => minuteOf(d.timestamp) >= 24 && minuteOf(d.timestamp) <= 26)
        .map(d => [d.reason, d.notScaledReason]),
    ).toEqual(
      repeat(0, 3).map(() => [
        'scale-out-cooldown',
        'AlreadyAtDesiredCapacity',
      ]),
    );
    expect(r.summary.minutesAboveTarget).toBe(6); // minutes 20..25
  });

  it('a drop scales in only after 15 datapoints well below target, halving at most, as the scale-in cooldown allows', () => {
    // 6 instances at 55 each, then 60 a minute from minute 10: 10 each.
    const r = replay({
      values: [...repeat(330, 10), ...repeat(60, 50)],
      initialInstances: 6,
      settings: { ...settings, scaleInCooldown: 600 },
    });
    const scaleIns = r.decisions.filter(d => d.action === 'scale-in');
    // Minutes 10..24 low: at the end of minute 24, ceil(6 * 10 / 60) = 1, but at most half
    // goes: 3. Cooldown 10 minutes, then 2 (20 each), then 1 (30 each, ceil(2 * 30 / 60)).
    expect(scaleIns.map(d => [minuteOf(d.timestamp), d.toInstances])).toEqual([
      [25, 3],
      [35, 2],
      [45, 1],
    ]);
    // A scale-in leaves service a minute after the decision.
    expect(r.timeline.slice(24, 27).map(p => p.instances)).toEqual([6, 6, 3]);
    expect(
      r.decisions
        .filter(d => minuteOf(d.timestamp) > 25 && minuteOf(d.timestamp) < 35)
        .every(d => d.reason === 'scale-in-cooldown'),
    ).toBe(true);
    expect(r.summary).toMatchObject({ scaleInEvents: 3, scaleOutEvents: 0 });
  });

  it('does not scale in during the scale-out cooldown', () => {
    // Out to 6 at the end of minute 2, then quiet; the scale-out cooldown lasts an hour.
    const r = replay({
      values: [...repeat(330, 3), ...repeat(60, 80)],
      provisioningDelayMinutes: 0,
      settings: { ...settings, scaleOutCooldown: 3600 },
    });
    const firstScaleIn = r.decisions.find(d => d.action === 'scale-in')!;
    expect(minuteOf(firstScaleIn.timestamp)).toBe(63);
    expect(
      r.decisions
        .filter(d => minuteOf(d.timestamp) > 18 && minuteOf(d.timestamp) < 63)
        .every(d => d.reason === 'scale-out-cooldown'),
    ).toBe(true);
  });

  it('never scales in with disableScaleIn', () => {
    const r = replay({
      values: repeat(10, 120),
      initialInstances: 8,
      settings: { ...settings, disableScaleIn: true },
    });
    expect(r.summary.scaleInEvents).toBe(0);
    expect(r.timeline.every(p => p.instances === 8)).toBe(true);
    expect(r.decisions.at(-1)!.reason).toBe('scale-in-disabled');
  });

  it('at the maximum: AlreadyAtMaxCapacity decisions and minutes at max', () => {
    // 600 a minute wants 10, max 4: out to 4 at the end of minute 2, serving from minute 5.
    const r = replay({
      values: repeat(600, 30),
      settings: { ...settings, maxCapacity: 4 },
      provisioningDelayMinutes: 2,
    });
    expect(r.summary).toMatchObject({
      peakInstances: 4,
      minutesAtMax: 25,
      minutesAboveTarget: 30,
      scaleOutEvents: 1,
    });
    const refused = r.decisions.filter(
      d => d.notScaledReason === 'AlreadyAtMaxCapacity',
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(
      refused.every(d => d.fromInstances === 4 && d.toInstances === 4),
    ).toBe(true);
  });

  it('refuses scale-in at the minimum with AlreadyAtMinCapacity', () => {
    const r = replay({
      values: repeat(10, 20),
      initialInstances: 1,
    });
    expect(r.decisions.at(-1)).toMatchObject({
      reason: 'at-min-capacity',
      notScaledReason: 'AlreadyAtMinCapacity',
    });
  });

  it('costs instance-hours x price, with the 730-hour monthly run-rate', () => {
    // 2 instances at 55 each for 2 hours: 4 instance-hours of ml.m5.large at $0.115.
    const r = replay({
      values: repeat(110, 120),
      price: resolveInstancePrice('ml.m5.large'),
    });
    expect(r.summary.instanceHours).toBe(4);
    expect(r.summary.costUsd).toBeCloseTo(0.46, 10);
    expect(r.summary.monthlyCostUsd).toBeCloseTo(2 * 0.115 * 730, 10);
    expect(r.price).toMatchObject({
      source: 'bundled list price (us-east-1, 2026-07)',
    });
  });

  it('leaves the cost undefined when the price is unknown, saying how to configure it', () => {
    const r = replay({
      values: repeat(110, 120),
      price: resolveInstancePrice('ml.g5.4xlarge'),
    });
    expect(r.summary.instanceHours).toBe(4);
    expect(r.summary.costUsd).toBeUndefined();
    expect(r.summary.monthlyCostUsd).toBeUndefined();
    expect(r.price).toMatchObject({
      unknown: true,
      howToConfigure: expect.stringContaining(
        'sagemakerScaling.prices.ml-g5-4xlarge',
      ),
    });
  });

  it('treats a gap as a minute without data: no alarm across it', () => {
    // 165 each at minutes 0, 1, (gap), 3, 4, 5: the third consecutive is minute 5.
    const series = [0, 1, 3, 4, 5, 6].map(i => ({
      timestamp: T0 + i * MIN,
      value: 330,
    }));
    const r = replayScalingSettings({
      settings,
      series,
      initialInstances: 2,
      provisioningDelayMinutes: 3,
    });
    expect(r.timeline).toHaveLength(7);
    expect(r.timeline[2].loadPerInstance).toBeNull();
    expect(
      r.decisions
        .filter(d => d.action === 'scale-out')
        .map(d => minuteOf(d.timestamp)),
    ).toEqual([6]);
    expect(r.summary.minutesAboveTarget).toBe(6);
  });

  it('starts inside [min, max], as AAS moves the capacity there', () => {
    const r = replay({ values: repeat(110, 5), initialInstances: 20 });
    expect(r.timeline[0].instances).toBe(10);
  });

  it('rejects bad input naming the field and the rule', () => {
    const error = (input: Partial<ScalingReplayInput>) => {
      try {
        replay({ values: repeat(100, 5), ...input });
      } catch (e) {
        if (e instanceof PlannerInputError) return e.issues;
        throw e;
      }
      throw new Error('expected a PlannerInputError');
    };
    expect(
      error({ settings: { ...settings, minCapacity: 5, maxCapacity: 2 } }),
    ).toEqual([
      expect.objectContaining({
        field: 'maxCapacity',
        message: expect.stringContaining(
          'maxCapacity must be greater than or equal to minCapacity',
        ),
      }),
    ]);
    expect(error({ settings: { ...settings, targetValue: -1 } })[0].field).toBe(
      'targetValue',
    );
    expect(
      error({ initialInstances: 1.5, provisioningDelayMinutes: -1 }).map(
        i => i.field,
      ),
    ).toEqual(['initialInstances', 'provisioningDelayMinutes']);
    expect(error({ series: [{ timestamp: T0, value: -3 }] })[0].message).toBe(
      'series[0].value must be a finite number of invocations >= 0, got -3',
    );
  });
});

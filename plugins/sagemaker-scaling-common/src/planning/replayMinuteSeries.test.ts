import fc from 'fast-check';
import type { ScalingSettings } from '../manifests';
import { replayMinuteSeries } from './replayMinuteSeries';
import { toMinuteSeries } from './toMinuteSeries';

const T0 = Date.UTC(2026, 10, 2);

describe('replayMinuteSeries', () => {
  it('skips only minutes where evaluating the policy would change nothing', () => {
    // The fast path must give exactly what evaluating every minute gives.
    const settings = fc.record<ScalingSettings>({
      minCapacity: fc.integer({ min: 1, max: 3 }),
      maxCapacity: fc.integer({ min: 3, max: 12 }),
      targetValue: fc.integer({ min: 10, max: 200 }),
      scaleInCooldown: fc.constantFrom(0, 60, 300, 900),
      scaleOutCooldown: fc.constantFrom(0, 60, 300, 900),
      disableScaleIn: fc.boolean(),
    });
    const load = fc.array(
      fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 20 }),
      { minLength: 1, maxLength: 240 },
    );
    fc.assert(
      fc.property(
        settings,
        load,
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 10 }),
        (s, values, initialInstances, provisioningDelayMinutes) => {
          const points = values.flatMap((value, i) =>
            value === null ? [] : [{ timestamp: T0 + i * 60_000, value }],
          );
          fc.pre(points.length > 0);
          const series = toMinuteSeries(points);
          const run = (evaluateEveryMinute: boolean) =>
            replayMinuteSeries(series, s, {
              initialInstances,
              provisioningDelayMinutes,
              loadLimitPerInstance: 100,
              detail: true,
              evaluateEveryMinute,
            });
          expect(run(false)).toEqual(run(true));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

import {
  MAX_REPLAY_MINUTES,
  validateInvocationSeries,
} from './validateInvocationSeries';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2);
const minutes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    timestamp: T0 + i * MIN,
    value: 1,
  }));

describe('validateInvocationSeries', () => {
  it('accepts 14 days of minutes, with gaps', () => {
    expect(MAX_REPLAY_MINUTES).toBe(20_160);
    expect(validateInvocationSeries(minutes(20_160))).toEqual([]);
    expect(
      validateInvocationSeries([
        { timestamp: T0, value: 0 },
        { timestamp: T0 + 90 * MIN, value: 2.5 },
      ]),
    ).toEqual([]);
  });

  it('rejects more than 14 days', () => {
    expect(validateInvocationSeries(minutes(20_161))).toEqual([
      {
        field: 'series',
        message:
          'series must span at most 14 days (20160 minutes), got 20161 minutes',
      },
    ]);
  });

  it('rejects values that are not finite counts >= 0, naming the datapoint', () => {
    const issues = validateInvocationSeries([
      { timestamp: T0, value: NaN },
      { timestamp: T0 + MIN, value: Infinity },
      { timestamp: T0 + 2 * MIN, value: -1 },
      { timestamp: T0 + 3 * MIN, value: '5' },
    ]);
    expect(issues.map(i => i.field)).toEqual([
      'series[0].value',
      'series[1].value',
      'series[2].value',
      'series[3].value',
    ]);
  });

  it('rejects timestamps that do not increase by at least a minute', () => {
    const issues = validateInvocationSeries([
      { timestamp: T0 + MIN, value: 1 },
      { timestamp: T0, value: 1 },
      { timestamp: T0 + 30_000, value: 1 },
    ]);
    expect(issues.map(i => i.field)).toEqual([
      'series[1].timestamp',
      'series[2].timestamp',
    ]);
    expect(issues[0].message).toContain(
      'at least one minute after the previous',
    );
  });

  it('rejects what is not a series, and keeps a long list of problems short', () => {
    expect(validateInvocationSeries(undefined)[0].message).toBe(
      'series must be an array of {timestamp, value}',
    );
    expect(validateInvocationSeries([])[0].message).toBe(
      'series must have at least one datapoint',
    );
    const bad = minutes(100).map(p => ({ ...p, value: -1 }));
    const issues = validateInvocationSeries(bad);
    expect(issues).toHaveLength(11);
    expect(issues[10].message).toBe('series has 90 more problems');
  });
});

import { Backoff, sleep } from './backoff';

describe('Backoff', () => {
  it('doubles from the first delay up to the ceiling, and starts over after reset', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 5000 });
    const delays = [1, 2, 3, 4, 5].map(() => backoff.nextDelayMs());
    expect(delays).toEqual([1000, 2000, 4000, 5000, 5000]);
    backoff.reset();
    expect(backoff.nextDelayMs()).toBe(1000);
  });

  it('grows by the given factor and takes off at most the jitter fraction', () => {
    const backoff = new Backoff({
      initialMs: 100,
      maxMs: 1000,
      factor: 1.5,
      jitter: 0.5,
    });
    const [a, b] = [backoff.nextDelayMs(), backoff.nextDelayMs()];
    expect(a).toBeGreaterThanOrEqual(50);
    expect(a).toBeLessThanOrEqual(100);
    expect(b).toBeGreaterThanOrEqual(75);
    expect(b).toBeLessThanOrEqual(150);
  });

  it('rejects a ceiling below the first delay, naming both', () => {
    expect(() => new Backoff({ initialMs: 500, maxMs: 100 })).toThrow(
      'Invalid backoff: initialMs (500) must be >= 0 and maxMs (100) >= initialMs',
    );
  });
});

describe('sleep', () => {
  it('ends early with the reason when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(new Error('task cancelled')), 20);
    await expect(slept).rejects.toThrow('task cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

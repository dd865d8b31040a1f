import { InputError } from '@backstage/errors';
import { readTimeoutMinutes } from './timeoutMinutes';

describe('readTimeoutMinutes', () => {
  it('defaults to 30 minutes and takes up to one day', () => {
    expect(readTimeoutMinutes(undefined)).toBe(30);
    expect(readTimeoutMinutes(0.5)).toBe(0.5);
    expect(readTimeoutMinutes(1440)).toBe(1440);
  });

  it.each([0, -5, 1441, Number.NaN])(
    'refuses %p, naming the field and the rule',
    value => {
      const call = () => readTimeoutMinutes(value);
      expect(call).toThrow(InputError);
      expect(call).toThrow(
        `timeoutMinutes must be more than 0 and at most 1440 (one day), got ${value}`,
      );
    },
  );
});

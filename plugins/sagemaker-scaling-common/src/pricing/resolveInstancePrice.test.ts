import {
  instancePriceConfigKey,
  resolveInstancePrice,
} from './resolveInstancePrice';

describe('resolveInstancePrice', () => {
  it('gives the bundled list price with its region and date', () => {
    expect(resolveInstancePrice('ml.m5.large')).toEqual({
      usdPerHour: 0.115,
      source: 'bundled list price (us-east-1, 2026-07)',
    });
    expect(
      resolveInstancePrice('ml.g4dn.xlarge', { region: 'us-east-1' }),
    ).toMatchObject({ usdPerHour: 0.736 });
  });

  it('prefers an override from app-config', () => {
    expect(
      resolveInstancePrice('ml.m5.large', {
        overrides: { 'ml.m5.large': 0.1 },
        region: 'eu-west-1',
      }),
    ).toEqual({ usdPerHour: 0.1, source: 'override' });
  });

  it('does not guess: unknown types and other regions say how to configure a price', () => {
    expect(resolveInstancePrice('ml.inf2.8xlarge')).toEqual({
      unknown: true,
      instanceType: 'ml.inf2.8xlarge',
      howToConfigure:
        'sagemakerScaling.prices.ml-inf2-8xlarge in app-config (USD per instance-hour, on-demand real-time hosting): no bundled price for ml.inf2.8xlarge.',
    });
    expect(
      resolveInstancePrice('ml.m5.large', { region: 'eu-west-1' }),
    ).toMatchObject({
      unknown: true,
      howToConfigure: expect.stringContaining(
        'the bundled prices are for us-east-1, not eu-west-1',
      ),
    });
  });

  it('rejects a negative or non-finite override, naming the key', () => {
    expect(() =>
      resolveInstancePrice('ml.m5.large', { overrides: { 'ml.m5.large': -1 } }),
    ).toThrow(
      'sagemakerScaling.prices.ml-m5-large must be a number of USD per instance-hour >= 0, got -1',
    );
  });

  it('makes keys Backstage config accepts (no dots in a key part)', () => {
    const part = instancePriceConfigKey('ml.inf2.8xlarge').split('.').pop()!;
    // The key-part rule of @backstage/config's ConfigReader.
    expect(part).toMatch(/^[a-z][a-z0-9]*(?:[-_:][a-z0-9]+)*$/i);
  });
});

import type { PricingClient } from '@aws-sdk/client-pricing';
import { InstancePriceSource } from './InstancePriceSource';
import { PriceListReader } from './PriceListReader';

/** A Pricing client whose answers the test releases (the AWS edge; the route test uses the sandbox). */
function heldPricingClient() {
  const pending: Array<(out: unknown) => void> = [];
  const client = {
    send: jest.fn(() => new Promise(resolve => pending.push(resolve as never))),
  } as unknown as PricingClient;
  const product = (usd: string) =>
    JSON.stringify({
      terms: {
        OnDemand: {
          t: {
            priceDimensions: { d: { unit: 'Hrs', pricePerUnit: { USD: usd } } },
          },
        },
      },
    });
  return {
    client,
    calls: () => (client.send as jest.Mock).mock.calls.length,
    answer: (usd: string) => pending.shift()!({ PriceList: [product(usd)] }),
  };
}

describe('InstancePriceSource.cachedPrice', () => {
  it('answers at once while the Price List is slow, then uses its answer, asking once', async () => {
    const pricing = heldPricingClient();
    const source = new InstancePriceSource({
      overrides: {},
      region: 'us-east-1',
      priceList: new PriceListReader({ client: pricing.client }),
    });

    // Not answered yet: the bundled price, saying why, without waiting.
    expect(source.cachedPrice('ml.m5.large')).toEqual({
      usdPerHour: 0.115,
      source: 'bundled list price (us-east-1, 2026-07)',
      fallbackReason: 'the Price List API has not answered yet',
    });
    expect(source.cachedPrice('ml.m5.large')).toMatchObject({
      usdPerHour: 0.115,
    });
    expect(pricing.calls()).toBe(1);

    pricing.answer('0.12');
    await new Promise(resolve => setImmediate(resolve));
    expect(source.cachedPrice('ml.m5.large')).toEqual({
      usdPerHour: 0.12,
      source: 'AWS Price List API (us-east-1, on-demand)',
    });
    expect(pricing.calls()).toBe(1);
  });

  it('never asks the Price List for an overridden type', () => {
    const pricing = heldPricingClient();
    const source = new InstancePriceSource({
      overrides: { 'ml.m5.large': 0.09 },
      region: 'us-east-1',
      priceList: new PriceListReader({ client: pricing.client }),
    });
    expect(source.cachedPrice('ml.m5.large')).toEqual({
      usdPerHour: 0.09,
      source: 'override',
    });
    expect(pricing.calls()).toBe(0);
  });
});

import type { Config } from '@backstage/config';
import type { ScalingBackendConfig } from '../config/readScalingBackendConfig';
import { createPricingClient } from './createPricingClient';
import { InstancePriceSource } from './InstancePriceSource';
import { PriceListReader } from './PriceListReader';

/**
 * The plugin's price source from its settings: overrides and the bundled prices always,
 * the Price List API when `sagemakerScaling.aws.pricing.enabled`; `destroy()` closes its
 * client.
 * @internal
 */
export function createPriceSource(
  config: Config,
  settings: Pick<ScalingBackendConfig, 'aws' | 'prices'>,
) {
  const { priceList } = settings.prices;
  const client = priceList
    ? createPricingClient(config, settings.aws, priceList.endpoint)
    : undefined;
  return {
    source: new InstancePriceSource({
      overrides: settings.prices.overrides,
      region: settings.aws.region,
      priceList: client
        ? new PriceListReader({ client, cacheMs: priceList!.cacheMs })
        : undefined,
    }),
    destroy() {
      client?.destroy();
    },
  };
}

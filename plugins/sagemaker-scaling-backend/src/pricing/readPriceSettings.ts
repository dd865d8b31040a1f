import type { Config } from '@backstage/config';
import { instancePriceConfigKey } from '@mlplatform/plugin-sagemaker-scaling-common';

/** Where prices come from (see config.d.ts). @internal */
export interface PriceSettings {
  /** USD per instance-hour by instance type (`ml.m5.large`). */
  overrides: Record<string, number>;
  /** Set when `sagemakerScaling.aws.pricing.enabled` is true. */
  priceList?: { endpoint?: string; cacheMs: number };
}

/**
 * `sagemakerScaling.prices.<type with dots as dashes>` and `sagemakerScaling.aws.pricing.*`.
 * Throws naming the key for a price that is not a number >= 0.
 * @internal
 */
export function readPriceSettings(config: Config): PriceSettings {
  const overrides: Record<string, number> = {};
  const prices = config.getOptionalConfig('sagemakerScaling.prices');
  for (const key of prices?.keys() ?? []) {
    // Instance types have dots and no dashes: `ml-g5-4xlarge` is `ml.g5.4xlarge`.
    const instanceType = key.replace(/-/g, '.');
    const usd = prices!.getNumber(key);
    if (!Number.isFinite(usd) || usd < 0) {
      throw new Error(
        `${instancePriceConfigKey(
          instanceType,
        )} must be a number of USD per instance-hour >= 0, got ${usd}`,
      );
    }
    overrides[instanceType] = usd;
  }
  const enabled =
    config.getOptionalBoolean('sagemakerScaling.aws.pricing.enabled') ?? false;
  return {
    overrides,
    ...(enabled
      ? {
          priceList: {
            endpoint: config.getOptionalString(
              'sagemakerScaling.aws.pricing.endpoint',
            ),
            cacheMs:
              (config.getOptionalNumber(
                'sagemakerScaling.aws.pricing.cacheHours',
              ) ?? 6) * 3600_000,
          },
        }
      : {}),
  };
}

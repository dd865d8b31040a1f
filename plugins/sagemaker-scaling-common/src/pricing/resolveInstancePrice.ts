/**
 * The price per instance-hour of an instance type: an operator's override first, then
 * the bundled list price when the region is the bundled one, else unknown with the
 * setting that would make it known.
 */
import {
  BUNDLED_INSTANCE_PRICES,
  BUNDLED_PRICE_DATE,
  BUNDLED_PRICE_REGION,
} from './bundledInstancePrices';

/** A price the plugin knows, and where it comes from. @public */
export interface KnownInstancePrice {
  unknown?: false;
  usdPerHour: number;
  /** `'override'`, or `'bundled list price (<region>, <date>)'`. */
  source: string;
}

/** No price for this instance type: say how to configure one. @public */
export interface UnknownInstancePrice {
  unknown: true;
  instanceType: string;
  /** One sentence naming the app-config key to set. */
  howToConfigure: string;
}

/** The result of {@link resolveInstancePrice}. @public */
export type InstancePrice = KnownInstancePrice | UnknownInstancePrice;

/** Options of {@link resolveInstancePrice}. @public */
export interface ResolveInstancePriceOptions {
  /** USD per instance-hour by instance type (e.g. `'ml.g5.4xlarge'`), from app-config. */
  overrides?: Readonly<Record<string, number>>;
  /** AWS region of the endpoint; bundled prices apply to their region only. */
  region?: string;
}

/**
 * The app-config key of an instance type's price override. Backstage config keys cannot
 * contain dots, so `ml.g5.4xlarge` becomes `sagemakerScaling.prices.ml-g5-4xlarge`.
 * @public
 */
export function instancePriceConfigKey(instanceType: string): string {
  return `sagemakerScaling.prices.${instanceType.replace(/\./g, '-')}`;
}

/**
 * Resolves the on-demand price of one instance of `instanceType` per hour.
 * @public
 */
export function resolveInstancePrice(
  instanceType: string,
  options: ResolveInstancePriceOptions = {},
): InstancePrice {
  const override = options.overrides?.[instanceType];
  if (override !== undefined) {
    if (!Number.isFinite(override) || override < 0) {
      throw new Error(
        `${instancePriceConfigKey(
          instanceType,
        )} must be a number of USD per instance-hour >= 0, got ${override}`,
      );
    }
    return { usdPerHour: override, source: 'override' };
  }
  const region = options.region ?? BUNDLED_PRICE_REGION;
  const bundled = BUNDLED_INSTANCE_PRICES[instanceType];
  if (bundled && region === BUNDLED_PRICE_REGION) {
    return {
      usdPerHour: bundled.usdPerHour,
      source: `bundled list price (${BUNDLED_PRICE_REGION}, ${BUNDLED_PRICE_DATE})`,
    };
  }
  const why = bundled
    ? `the bundled prices are for ${BUNDLED_PRICE_REGION}, not ${region}`
    : `no bundled price for ${instanceType}`;
  return {
    unknown: true,
    instanceType,
    howToConfigure: `${instancePriceConfigKey(
      instanceType,
    )} in app-config (USD per instance-hour, on-demand real-time hosting): ${why}.`,
  };
}

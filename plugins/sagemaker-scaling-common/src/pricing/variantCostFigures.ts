/**
 * What a variant costs per hour and per month at its current, minimum and maximum
 * capacity.
 */
import { HOURS_PER_MONTH } from './bundledInstancePrices';
import type {
  InstancePrice,
  UnknownInstancePrice,
} from './resolveInstancePrice';

/** Cost figures of one variant, all in USD. @public */
export interface VariantCostFigures {
  /** USD per hour with the instances in service now. */
  usdPerHourNow: number;
  /** USD per hour at `minCapacity`. */
  usdPerHourAtMin: number;
  /** USD per hour at `maxCapacity`. */
  usdPerHourAtMax: number;
  /** USD per month if the current capacity ran all month (730 h). */
  monthlyRunRateUsd: number;
  /** Where the price per instance-hour comes from. */
  priceSource: string;
}

/**
 * The cost figures of a variant, or the unknown price (with how to configure it) when
 * there is no price: never a made-up number.
 * @public
 */
export function variantCostFigures(
  price: InstancePrice,
  capacity: { instances: number; minCapacity: number; maxCapacity: number },
): VariantCostFigures | UnknownInstancePrice {
  if (price.unknown) return price;
  for (const field of ['instances', 'minCapacity', 'maxCapacity'] as const) {
    const value = capacity[field];
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`${field} must be a whole number >= 0, got ${value}`);
    }
  }
  const perHour = (instances: number) => instances * price.usdPerHour;
  return {
    usdPerHourNow: perHour(capacity.instances),
    usdPerHourAtMin: perHour(capacity.minCapacity),
    usdPerHourAtMax: perHour(capacity.maxCapacity),
    monthlyRunRateUsd: perHour(capacity.instances) * HOURS_PER_MONTH,
    priceSource: price.source,
  };
}

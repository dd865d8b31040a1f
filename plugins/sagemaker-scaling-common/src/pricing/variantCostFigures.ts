/**
 * What a variant costs per hour and per month at its current, minimum and maximum
 * capacity: the one derivation behind the snapshot's `cost`, the fleet's run rates and
 * `GET /v1/prices`.
 */
import { HOURS_PER_MONTH } from './bundledInstancePrices';
import type {
  InstancePrice,
  UnknownInstancePrice,
} from './resolveInstancePrice';

/**
 * Cost figures of one variant, all in USD. A figure is absent when the instance count it
 * multiplies is not known (an endpoint still being created, a variant without a
 * ScalableTarget).
 * @public
 */
export interface VariantCostFigures {
  unknown?: false;
  /** The price of one instance per hour. */
  usdPerInstanceHour: number;
  /** USD per hour with the instances in service now. */
  usdPerHourNow?: number;
  /** USD per hour at `minCapacity`. */
  usdPerHourAtMin?: number;
  /** USD per hour at `maxCapacity`. */
  usdPerHourAtMax?: number;
  /** USD per month if the current capacity ran all month (730 h). */
  monthlyRunRateUsd?: number;
  /** Where the price per instance-hour comes from. */
  priceSource: string;
}

/**
 * A variant's cost: the figures, or the unknown price with how to configure one.
 * @public
 */
export type VariantCost = VariantCostFigures | UnknownInstancePrice;

/** The instance counts a variant's cost is figured at; absent when not known. @public */
export interface VariantCostCapacity {
  instances?: number;
  minCapacity?: number;
  maxCapacity?: number;
}

/**
 * The cost figures of a variant, or the unknown price (with how to configure it) when
 * there is no price: never a made-up number.
 * @public
 */
export function variantCostFigures(
  price: InstancePrice,
  capacity: VariantCostCapacity,
): VariantCost {
  if (price.unknown) return price;
  for (const field of ['instances', 'minCapacity', 'maxCapacity'] as const) {
    const value = capacity[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new Error(`${field} must be a whole number >= 0, got ${value}`);
    }
  }
  const perHour = (instances: number | undefined) =>
    instances === undefined ? undefined : instances * price.usdPerHour;
  const now = perHour(capacity.instances);
  return {
    usdPerInstanceHour: price.usdPerHour,
    usdPerHourNow: now,
    usdPerHourAtMin: perHour(capacity.minCapacity),
    usdPerHourAtMax: perHour(capacity.maxCapacity),
    monthlyRunRateUsd: now === undefined ? undefined : now * HOURS_PER_MONTH,
    priceSource: price.source,
  };
}

/**
 * The price per instance-hour the plugin uses for an instance type: an operator's
 * override (`sagemakerScaling.prices`), else the AWS Price List API when enabled, else
 * common's bundled list prices; unknown says how to configure it, never a made-up number.
 */
import {
  resolveInstancePrice,
  type InstancePrice,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { PriceListReader } from './PriceListReader';

/** A resolved price, with why the Price List was not used when it was asked first. @internal */
export type PlannedInstancePrice = InstancePrice & {
  /** Set when the Price List API was enabled but gave no price: the reason. */
  fallbackReason?: string;
};

/** Resolves instance prices; see the file comment for the order. @internal */
export class InstancePriceSource {
  readonly #overrides: Readonly<Record<string, number>>;
  readonly #region: string;
  readonly #priceList?: PriceListReader;

  constructor(options: {
    /** USD per instance-hour by instance type (`ml.m5.large`), from app-config. */
    overrides: Readonly<Record<string, number>>;
    /** Region of the endpoints (`sagemakerScaling.aws.region`). */
    region: string;
    /** Set when `sagemakerScaling.aws.pricing.enabled` is true. */
    priceList?: PriceListReader;
  }) {
    this.#overrides = options.overrides;
    this.#region = options.region;
    this.#priceList = options.priceList;
  }

  /** The price of one `instanceType` instance per hour. */
  async price(instanceType: string): Promise<PlannedInstancePrice> {
    const region = this.#region;
    const local = () =>
      resolveInstancePrice(instanceType, {
        overrides: this.#overrides,
        region,
      });
    if (this.#overrides[instanceType] !== undefined || !this.#priceList) {
      return local();
    }
    const answer = await this.#priceList.lookUp(instanceType, region);
    if (answer.found) {
      return {
        usdPerHour: answer.usdPerHour,
        source: `AWS Price List API (${region}, on-demand)`,
      };
    }
    return { ...local(), fallbackReason: answer.reason };
  }
}

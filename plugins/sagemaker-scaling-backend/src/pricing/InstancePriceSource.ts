/**
 * The price per instance-hour the plugin uses for an instance type: an operator's
 * override (`sagemakerScaling.prices`), else the AWS Price List API when enabled, else
 * common's bundled list prices; unknown says how to configure it, never a made-up number.
 */
import {
  resolveInstancePrice,
  type InstancePrice,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { PriceListAnswer, PriceListReader } from './PriceListReader';

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
    if (this.#overrides[instanceType] !== undefined || !this.#priceList) {
      return this.#local(instanceType);
    }
    const answer = await this.#priceList.lookUp(instanceType, this.#region);
    return this.#fromAnswer(instanceType, answer);
  }

  /**
   * The price without waiting on the network: the Price List's answer when it is already
   * cached, else (while it is being looked up, which this starts) the override or bundled
   * price. Snapshots use this, so a slow or failing Price List never delays them.
   */
  cachedPrice(instanceType: string): PlannedInstancePrice {
    if (this.#overrides[instanceType] !== undefined || !this.#priceList) {
      return this.#local(instanceType);
    }
    const answer = this.#priceList.cachedAnswer(instanceType, this.#region);
    return answer
      ? this.#fromAnswer(instanceType, answer)
      : {
          ...this.#local(instanceType),
          fallbackReason: 'the Price List API has not answered yet',
        };
  }

  #local(instanceType: string): InstancePrice {
    return resolveInstancePrice(instanceType, {
      overrides: this.#overrides,
      region: this.#region,
    });
  }

  #fromAnswer(
    instanceType: string,
    answer: PriceListAnswer,
  ): PlannedInstancePrice {
    if (answer.found) {
      return {
        usdPerHour: answer.usdPerHour,
        source: `AWS Price List API (${this.#region}, on-demand)`,
      };
    }
    return { ...this.#local(instanceType), fallbackReason: answer.reason };
  }
}

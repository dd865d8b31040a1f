/**
 * On-demand prices of SageMaker real-time hosting from the AWS Price List API
 * (`GetProducts`, service code `AmazonSageMaker`, usage type from common's
 * priceListUsageType), cached for hours: list prices change rarely.
 */
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { priceListUsageType } from '@mlplatform/plugin-sagemaker-scaling-common';

/** How long a looked-up price is reused. @internal */
export const PRICE_LIST_CACHE_MS = 6 * 3600_000;

/** A failed look-up is retried after this long, not on every request. */
const FAILURE_CACHE_MS = 60_000;

/** What the Price List answered for one instance type and region. @internal */
export type PriceListAnswer =
  | { found: true; usdPerHour: number }
  | { found: false; reason: string };

/** Reads one instance type's on-demand hourly price from the Price List API. @internal */
export class PriceListReader {
  readonly #client: PricingClient;
  readonly #cacheMs: number;
  readonly #cache = new Map<
    string,
    {
      expires: number;
      answer: Promise<PriceListAnswer>;
      /** The answer once it arrived, for {@link PriceListReader.cachedAnswer}. */
      settled?: PriceListAnswer;
    }
  >();

  constructor(options: { client: PricingClient; cacheMs?: number }) {
    this.#client = options.client;
    this.#cacheMs = options.cacheMs ?? PRICE_LIST_CACHE_MS;
  }

  /** The price, or why the Price List gave none (failures are answers, not throws). */
  lookUp(instanceType: string, region: string): Promise<PriceListAnswer> {
    const key = `${region}|${instanceType}`;
    const now = Date.now();
    const cached = this.#cache.get(key);
    if (cached && cached.expires > now) return cached.answer;
    const answer = this.#fetch(instanceType, region);
    const entry: {
      expires: number;
      answer: Promise<PriceListAnswer>;
      settled?: PriceListAnswer;
    } = { expires: now + this.#cacheMs, answer };
    this.#cache.set(key, entry);
    answer.then(a => {
      entry.settled = a;
      if (!a.found) entry.expires = Date.now() + FAILURE_CACHE_MS;
    });
    return answer;
  }

  /**
   * The answer already at hand, without waiting: undefined while none has arrived, in
   * which case a look-up is started (once) so that a later call has it. For paths that
   * must not wait on the Price List, such as building snapshots.
   */
  cachedAnswer(
    instanceType: string,
    region: string,
  ): PriceListAnswer | undefined {
    const cached = this.#cache.get(`${region}|${instanceType}`);
    if (cached && cached.expires > Date.now()) return cached.settled;
    this.lookUp(instanceType, region);
    return cached?.settled;
  }

  async #fetch(instanceType: string, region: string): Promise<PriceListAnswer> {
    const usageType = priceListUsageType(instanceType, region);
    if (!usageType) {
      return {
        found: false,
        reason: `the Price List usage-type code of region ${region} is not known to the plugin`,
      };
    }
    try {
      const out = await this.#client.send(
        new GetProductsCommand({
          ServiceCode: 'AmazonSageMaker',
          FormatVersion: 'aws_v1',
          Filters: [
            { Type: 'TERM_MATCH', Field: 'usagetype', Value: usageType },
          ],
          MaxResults: 10,
        }),
      );
      for (const doc of out.PriceList ?? []) {
        // Each entry is a JSON document (a string, or the SDK's lazy JSON string).
        const usd = onDemandHourlyUsd(JSON.parse(String(doc)));
        if (usd !== undefined) return { found: true, usdPerHour: usd };
      }
      return {
        found: false,
        reason: `the Price List has no on-demand product with usage type ${usageType}`,
      };
    } catch (error) {
      return {
        found: false,
        reason: `the Price List API failed: ${
          (error as Error).name ?? 'Error'
        }: ${(error as Error).message}`,
      };
    }
  }
}

/** The USD per hour of a product's on-demand term, if it has one. */
function onDemandHourlyUsd(product: any): number | undefined {
  for (const term of Object.values<any>(product?.terms?.OnDemand ?? {})) {
    for (const dim of Object.values<any>(term?.priceDimensions ?? {})) {
      const usd = Number(dim?.pricePerUnit?.USD);
      if (dim?.unit === 'Hrs' && Number.isFinite(usd) && usd >= 0) return usd;
    }
  }
  return undefined;
}

/**
 * The on-demand list prices bundled with the plugin, for instance types the scaffolder
 * template offers. Source: AWS Price List API (service code AmazonSageMaker, real-time
 * hosting) and public price pages, gathered 2026-07 for us-east-1; ml.m5.large was read
 * from a Price List API pull, the others agree across public sources. Types whose price
 * was not confirmed are left out: their price is unknown, never guessed.
 */

/** Region of the bundled prices. @public */
export const BUNDLED_PRICE_REGION = 'us-east-1';

/** When the bundled prices were gathered (year-month). @public */
export const BUNDLED_PRICE_DATE = '2026-07';

/** How sure the sources are of one bundled price. @public */
export type BundledPriceConfidence = 'high' | 'medium';

/** A bundled on-demand price of one instance type. @public */
export interface BundledInstancePrice {
  /** USD per instance-hour, real-time hosting, on-demand. */
  usdPerHour: number;
  confidence: BundledPriceConfidence;
}

/**
 * On-demand real-time hosting prices in {@link BUNDLED_PRICE_REGION}, USD per
 * instance-hour, as of {@link BUNDLED_PRICE_DATE}.
 * @public
 */
export const BUNDLED_INSTANCE_PRICES: Readonly<
  Record<string, BundledInstancePrice>
> = {
  'ml.m5.large': { usdPerHour: 0.115, confidence: 'high' },
  'ml.m5.xlarge': { usdPerHour: 0.23, confidence: 'high' },
  'ml.c5.large': { usdPerHour: 0.102, confidence: 'high' },
  'ml.c5.xlarge': { usdPerHour: 0.204, confidence: 'high' },
  'ml.g4dn.xlarge': { usdPerHour: 0.736, confidence: 'high' },
  'ml.g5.xlarge': { usdPerHour: 1.408, confidence: 'high' },
  'ml.g5.2xlarge': { usdPerHour: 1.515, confidence: 'medium' },
};

/** Hours in a month for run-rate figures, the convention of AWS pricing pages. @public */
export const HOURS_PER_MONTH = 730;

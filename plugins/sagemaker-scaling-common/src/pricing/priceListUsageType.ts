/**
 * The AWS Price List usage type of SageMaker real-time hosting for an instance type, for
 * `GetProducts` on service code `AmazonSageMaker`: `<region code>-Host:<instance type>`,
 * e.g. `USE1-Host:ml.m5.large` (AWS Price List API; decision-support notes, late 2026).
 */

/**
 * Usage-type region codes the plugin knows. Only us-east-1's (`USE1`) is confirmed by our
 * sources; other regions are left out rather than guessed.
 * @public
 */
export const PRICE_LIST_REGION_CODES: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
};

/**
 * The Price List usage type of real-time hosting on `instanceType` in `region`, or
 * `undefined` when the region's usage-type code is not known.
 * @public
 */
export function priceListUsageType(
  instanceType: string,
  region: string,
): string | undefined {
  const code = PRICE_LIST_REGION_CODES[region];
  return code ? `${code}-Host:${instanceType}` : undefined;
}

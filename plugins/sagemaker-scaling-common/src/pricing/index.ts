/**
 * Prices of SageMaker real-time hosting: the bundled list prices, operator overrides,
 * per-variant cost figures and the Price List usage type for the Pricing API.
 */
export * from './bundledInstancePrices';
export * from './resolveInstancePrice';
export * from './variantCostFigures';
export * from './priceListUsageType';

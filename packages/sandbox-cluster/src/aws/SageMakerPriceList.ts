/**
 * The AWS Price List's products for SageMaker real-time hosting, as `GetProducts` of the
 * Price List API answers them (service code `AmazonSageMaker`, usage type
 * `<region prefix>-Host:ml.<type>`), with on-demand list prices.
 *
 * Prices: on-demand SageMaker real-time hosting in us-east-1 (US East, N. Virginia), USD
 * per instance-hour, as pulled from the Price List API in July 2026. Only the instance
 * types whose price is known are listed: the template's other types have no product
 * here, so a caller sees the price as unknown rather than a guess.
 */
import { createHash } from 'node:crypto';
import { pageOf } from './applicationAutoScalingRequests';
import { AwsServiceError } from './AwsServiceError';

/** $/hour by instance type (us-east-1, on demand, 2026-07). */
const US_EAST_1_HOSTING_PRICES: Record<string, string> = {
  'ml.m5.large': '0.115',
  'ml.m5.xlarge': '0.23',
  'ml.c5.large': '0.102',
  'ml.c5.xlarge': '0.204',
  'ml.g4dn.xlarge': '0.736',
  'ml.g5.xlarge': '1.408',
  'ml.g5.2xlarge': '1.515',
};
const REGION = {
  code: 'us-east-1',
  usageTypePrefix: 'USE1',
  location: 'US East (N. Virginia)',
};
const EFFECTIVE_DATE = '2026-07-01T00:00:00Z';
/** The Price List's term code of on-demand offers. */
const ON_DEMAND_TERM = 'JRTCKXETXF';
const PRICE_DIMENSION = '6YS6EN2CT7';
const SERVICE_CODE = 'AmazonSageMaker';
const FILTER_TYPES = ['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'];

/** One Price List product (the JSON document each `PriceList` entry holds). */
interface PriceListProduct {
  product: {
    productFamily: string;
    attributes: Record<string, string>;
    sku: string;
  };
  serviceCode: string;
  terms: {
    OnDemand: Record<
      string,
      {
        offerTermCode: string;
        sku: string;
        effectiveDate: string;
        priceDimensions: Record<
          string,
          {
            rateCode: string;
            description: string;
            beginRange: string;
            endRange: string;
            unit: string;
            pricePerUnit: { USD: string };
            appliesTo: string[];
          }
        >;
        termAttributes: Record<string, string>;
      }
    >;
  };
  version: string;
  publicationDate: string;
}

function hostingProduct(instanceType: string, usd: string): PriceListProduct {
  const usagetype = `${REGION.usageTypePrefix}-Host:${instanceType}`;
  // A stable SKU per product, shaped like the Price List's 16-character ones.
  const sku = createHash('sha256')
    .update(usagetype)
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  const term = `${sku}.${ON_DEMAND_TERM}`;
  return {
    product: {
      productFamily: 'ML Instance',
      attributes: {
        servicecode: SERVICE_CODE,
        servicename: 'Amazon SageMaker',
        regionCode: REGION.code,
        location: REGION.location,
        locationType: 'AWS Region',
        usagetype,
        operation: 'RunInstance',
        component: 'Hosting',
        instanceType,
        instanceName: instanceType,
      },
      sku,
    },
    serviceCode: SERVICE_CODE,
    terms: {
      OnDemand: {
        [term]: {
          offerTermCode: ON_DEMAND_TERM,
          sku,
          effectiveDate: EFFECTIVE_DATE,
          priceDimensions: {
            [`${term}.${PRICE_DIMENSION}`]: {
              rateCode: `${term}.${PRICE_DIMENSION}`,
              description: `$${usd} per Hosting ${instanceType} in ${REGION.location}`,
              beginRange: '0',
              endRange: 'Inf',
              unit: 'Hrs',
              pricePerUnit: { USD: usd },
              appliesTo: [],
            },
          },
          termAttributes: {},
        },
      },
    },
    version: EFFECTIVE_DATE.slice(0, 10).replace(/-/g, ''),
    publicationDate: EFFECTIVE_DATE,
  };
}

const PRODUCTS = Object.entries(US_EAST_1_HOSTING_PRICES).map(([type, usd]) =>
  hostingProduct(type, usd),
);

/** One `GetProducts` filter. @internal */
interface ProductFilter {
  Type: string;
  Field: string;
  Value: string;
}

/** The Price List's `GetProducts` over the SageMaker hosting products. @internal */
export function getProducts(input: any): {
  FormatVersion: string;
  PriceList: string[];
  NextToken?: string;
} {
  if (typeof input.ServiceCode !== 'string' || !input.ServiceCode) {
    throw invalidParameter('ServiceCode is required');
  }
  const formatVersion = input.FormatVersion ?? 'aws_v1';
  if (formatVersion !== 'aws_v1') {
    throw invalidParameter(
      `FormatVersion must be aws_v1, got '${formatVersion}'`,
    );
  }
  const filters = checkFilters(input.Filters);
  if (input.ServiceCode !== SERVICE_CODE) {
    throw new AwsServiceError(
      'NotFoundException',
      `ServiceCode '${input.ServiceCode}' is not in the sandbox's price list (it has ${SERVICE_CODE} only)`,
    );
  }
  const matching = PRODUCTS.filter(p =>
    filters.every(f => matches(p.product.attributes, f)),
  );
  let page: PriceListProduct[];
  let NextToken: string | undefined;
  try {
    ({ page, NextToken } = pageOf(
      matching,
      { MaxResults: input.MaxResults, NextToken: input.NextToken },
      100,
    ));
  } catch {
    throw invalidParameter(
      'MaxResults must be between 1 and 100, and NextToken one this API returned',
    );
  }
  return {
    FormatVersion: 'aws_v1',
    PriceList: page.map(p => JSON.stringify(p)),
    ...(NextToken ? { NextToken } : {}),
  };
}

function checkFilters(value: unknown): ProductFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidParameter('Filters must be a list');
  return value.map((f, i) => {
    const at = `Filters.${i + 1}`;
    if (!FILTER_TYPES.includes(f?.Type)) {
      throw invalidParameter(
        `${at}.Type must be one of ${FILTER_TYPES.join(', ')}`,
      );
    }
    for (const field of ['Field', 'Value'] as const) {
      if (typeof f[field] !== 'string' || f[field] === '') {
        throw invalidParameter(`${at}.${field} is required`);
      }
    }
    return f as ProductFilter;
  });
}

/** Field names are matched without regard to case, values by the filter's type. */
function matches(
  attributes: Record<string, string>,
  filter: ProductFilter,
): boolean {
  const key = Object.keys(attributes).find(
    k => k.toLowerCase() === filter.Field.toLowerCase(),
  );
  const actual = key === undefined ? undefined : attributes[key];
  const values = filter.Value.split(',').map(v => v.trim());
  switch (filter.Type) {
    case 'CONTAINS':
      return actual !== undefined && actual.includes(filter.Value);
    case 'ANY_OF':
      return actual !== undefined && values.includes(actual);
    case 'NONE_OF':
      return actual === undefined || !values.includes(actual);
    default:
      return actual === filter.Value;
  }
}

function invalidParameter(message: string) {
  return new AwsServiceError('InvalidParameterException', message);
}

/**
 * The AWS Price List API (`@aws-sdk/client-pricing`) on the AWS JSON 1.1 protocol
 * (`X-Amz-Target: AWSPriceListService.<Operation>`); the framing is `AwsJsonServer`.
 */
import type { AwsJsonApi } from './AwsJsonServer';
import { getProducts } from './SageMakerPriceList';

/** The Price List API: `GetProducts` over the SageMaker hosting prices. @internal */
export function pricingApi(): AwsJsonApi {
  return {
    targetPrefix: 'AWSPriceListService.',
    contentType: 'application/x-amz-json-1.1',
    internalErrorCode: 'InternalErrorException',
    logName: 'pricing',
    unknownOperationMessage: target =>
      `The sandbox's Price List API does not implement '${target}'`,
    operations: {
      GetProducts: input => getProducts(input),
    },
  };
}

import { PricingClient } from '@aws-sdk/client-pricing';
import type { Config } from '@backstage/config';
import { awsClientOptions } from '../aws/createAwsClients';
import type { AwsSettings } from '../config/readScalingBackendConfig';

/**
 * The Price List API client. The API is served from a few regions only (us-east-1 among
 * them) whatever region the endpoints are in, so the client always goes to us-east-1
 * unless `sagemakerScaling.aws.pricing.endpoint` points elsewhere (the sandbox).
 * @internal
 */
export function createPricingClient(
  config: Config,
  aws: AwsSettings,
  endpoint: string | undefined,
): PricingClient {
  return new PricingClient({
    ...awsClientOptions(config, aws, endpoint),
    region: 'us-east-1',
  });
}

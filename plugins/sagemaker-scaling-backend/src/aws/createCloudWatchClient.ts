import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';

/**
 * The CloudWatch client for variant metrics: region, account and credentials exactly as
 * for Application Auto Scaling (`sagemakerScaling.aws`, standard `aws` config, resolved on
 * first use), endpoint from `sagemakerScaling.aws.cloudWatchEndpoint` when set.
 * @internal
 */
export function createCloudWatchClient(config: Config): CloudWatchClient {
  const region =
    config.getOptionalString('sagemakerScaling.aws.region') ??
    config.getOptionalString('aws.mainAccount.region') ??
    'us-east-1';
  const endpoint = config.getOptionalString(
    'sagemakerScaling.aws.cloudWatchEndpoint',
  );
  const accountId = config.getOptionalString('sagemakerScaling.aws.accountId');
  const manager = DefaultAwsCredentialsManager.fromConfig(config);
  return new CloudWatchClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 2,
    credentials: async () => {
      const provider = await manager.getCredentialProvider(
        accountId ? { accountId } : undefined,
      );
      return provider.sdkCredentialProvider();
    },
  });
}

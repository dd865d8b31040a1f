import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';

/**
 * Options shared by every AWS client of the plugin: region and account from
 * `sagemakerScaling.aws`, credentials from the standard `aws` config through
 * `@backstage/integration-aws-node` (resolved on first use, so a backend without AWS access
 * still starts), and the endpoint override under `sagemakerScaling.aws.<endpointKey>`.
 */
function awsClientOptions(config: Config, endpointKey: string) {
  const region =
    config.getOptionalString('sagemakerScaling.aws.region') ??
    config.getOptionalString('aws.mainAccount.region') ??
    'us-east-1';
  const endpoint = config.getOptionalString(
    `sagemakerScaling.aws.${endpointKey}`,
  );
  const accountId = config.getOptionalString('sagemakerScaling.aws.accountId');
  const manager = DefaultAwsCredentialsManager.fromConfig(config);
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 2,
    credentials: async () => {
      const provider = await manager.getCredentialProvider(
        accountId ? { accountId } : undefined,
      );
      return provider.sdkCredentialProvider();
    },
  };
}

/** The Application Auto Scaling client (activities, policies, alarms). @internal */
export function createApplicationAutoScalingClient(
  config: Config,
): ApplicationAutoScalingClient {
  return new ApplicationAutoScalingClient(
    awsClientOptions(config, 'applicationAutoScalingEndpoint'),
  );
}

/** The CloudWatch client for variant metrics (load per instance). @internal */
export function createCloudWatchClient(config: Config): CloudWatchClient {
  return new CloudWatchClient(awsClientOptions(config, 'cloudWatchEndpoint'));
}

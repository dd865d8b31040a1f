import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import type { AwsSettings } from '../config/readScalingBackendConfig';

/**
 * Options shared by every AWS client of the plugin: region, account and endpoint
 * overrides from `sagemakerScaling.aws` (read by readScalingBackendConfig), credentials
 * from the standard `aws` config through `@backstage/integration-aws-node` (resolved on
 * first use, so a backend without AWS access still starts).
 * @internal
 */
export function awsClientOptions(
  config: Config,
  aws: AwsSettings,
  endpoint: string | undefined,
) {
  const { region, accountId } = aws;
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
  aws: AwsSettings,
): ApplicationAutoScalingClient {
  return new ApplicationAutoScalingClient(
    awsClientOptions(config, aws, aws.applicationAutoScalingEndpoint),
  );
}

/** The CloudWatch client for variant metrics (load per instance). @internal */
export function createCloudWatchClient(
  config: Config,
  aws: AwsSettings,
): CloudWatchClient {
  return new CloudWatchClient(
    awsClientOptions(config, aws, aws.cloudWatchEndpoint),
  );
}

import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';

/**
 * The Application Auto Scaling client: region and endpoint from `sagemakerScaling.aws`,
 * credentials from the standard `aws` config through `@backstage/integration-aws-node`
 * (resolved on first use, so a backend without AWS access still starts).
 * @internal
 */
export function createApplicationAutoScalingClient(
  config: Config,
): ApplicationAutoScalingClient {
  const region =
    config.getOptionalString('sagemakerScaling.aws.region') ??
    config.getOptionalString('aws.mainAccount.region') ??
    'us-east-1';
  const endpoint = config.getOptionalString(
    'sagemakerScaling.aws.applicationAutoScalingEndpoint',
  );
  const accountId = config.getOptionalString('sagemakerScaling.aws.accountId');
  const manager = DefaultAwsCredentialsManager.fromConfig(config);
  return new ApplicationAutoScalingClient({
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

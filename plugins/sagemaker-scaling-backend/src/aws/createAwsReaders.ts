import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AwsSettings } from '../config/readScalingBackendConfig';
import { CloudWatchAlarmReader } from './CloudWatchAlarmReader';
import { CloudWatchMetricsReader } from './CloudWatchMetricsReader';
import {
  createApplicationAutoScalingClient,
  createCloudWatchClient,
} from './createAwsClients';
import { describeAwsError } from './describeAwsError';
import { ScalingActivityReader } from './ScalingActivityReader';

/**
 * The snapshot's AWS sources: scaling activities from Application Auto Scaling and the
 * per-instance load and the policies' alarms from CloudWatch; `destroy()` closes both clients.
 * @internal
 */
export function createAwsReaders(
  config: Config,
  aws: AwsSettings,
  logger: LoggerService,
) {
  const aas = createApplicationAutoScalingClient(config, aws);
  const cloudWatch = createCloudWatchClient(config, aws);
  return {
    activities: new ScalingActivityReader({ client: aas }),
    load: new CloudWatchMetricsReader({
      client: cloudWatch,
      windowMs: aws.metricsWindowMs,
      // Once per variant and cache period at most; the snapshot just shows no load.
      onError: error =>
        logger.warn(
          `CloudWatch load per instance unavailable: ${describeAwsError(
            error,
          )}`,
        ),
    }),
    alarms: new CloudWatchAlarmReader({
      client: cloudWatch,
      windowMs: aws.metricsWindowMs,
      // The explanation says it could not see the alarms; the log says why.
      onError: error =>
        logger.warn(
          `CloudWatch alarms unavailable: ${describeAwsError(error)}`,
        ),
    }),
    destroy() {
      aas.destroy();
      cloudWatch.destroy();
    },
  };
}

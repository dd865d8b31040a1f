import type { Config } from '@backstage/config';
import { createCloudWatchClient } from '../aws/createAwsClients';
import type { AwsSettings } from '../config/readScalingBackendConfig';
import type { InstancePriceSource } from '../pricing/InstancePriceSource';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import { InvocationHistoryReader } from './InvocationHistoryReader';
import { ScalingPlanService } from './ScalingPlanService';

/**
 * The planner with its own CloudWatch client (recorded invocations); `destroy()` closes
 * the client.
 * @internal
 */
export function createScalingPlanService(options: {
  config: Config;
  aws: AwsSettings;
  snapshots: ScalingSnapshotService;
  prices: InstancePriceSource;
}) {
  const client = createCloudWatchClient(options.config, options.aws);
  return {
    service: new ScalingPlanService({
      snapshots: options.snapshots,
      prices: options.prices,
      invocations: new InvocationHistoryReader({ client }),
    }),
    destroy() {
      client.destroy();
    },
  };
}

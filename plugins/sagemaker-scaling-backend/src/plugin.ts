import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { sagemakerScalingPermissions } from '@mlplatform/plugin-sagemaker-scaling-common';
import { readSageMakerClusterConfigs } from '@mlplatform/plugin-sagemaker-scaling-node';
import { CloudWatchMetricsReader } from './aws/CloudWatchMetricsReader';
import {
  createApplicationAutoScalingClient,
  createCloudWatchClient,
} from './aws/createAwsClients';
import { ScalingActivityReader } from './aws/ScalingActivityReader';
import { CapacityHistory } from './cache/CapacityHistory';
import { connectClusters } from './clusters/connectClusters';
import { EndpointAdoptionService } from './binding/EndpointAdoptionService';
import { createRouter } from './router/createRouter';
import { ScalingUpdateService } from './scaling/ScalingUpdateService';
import { ScalingSnapshotService } from './snapshot/ScalingSnapshotService';
import { SnapshotStreamHub } from './streaming/SnapshotStreamHub';

/**
 * The sagemaker-scaling backend plugin: live scaling state of the SageMaker endpoints
 * behind catalog entities, served from a watch cache of the ACK resources, with
 * permissions, server-sent events and server-side-apply edits.
 * @public
 */
export const sagemakerScalingPlugin = createBackendPlugin({
  pluginId: 'sagemaker-scaling',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        auth,
        lifecycle,
        catalog,
      }) {
        // The catalog owns the catalog-entity resource type and its rules
        // (IS_ENTITY_OWNER ...); we only declare our permissions on it.
        permissionsRegistry.addPermissions(sagemakerScalingPermissions);

        const clusterConfigs = readSageMakerClusterConfigs(config, {
          onSkippedCluster: message => logger.warn(message),
        });
        if (clusterConfigs.length === 0) {
          logger.warn(
            'No clusters configured (sagemakerScaling.clusters or kubernetes.clusterLocatorMethods); every entity will answer 404',
          );
        }
        const clusters = await connectClusters(config, clusterConfigs);
        const aas = createApplicationAutoScalingClient(config);
        const histories = new Map(
          clusters
            .list()
            .map(c => [c.config.name, new CapacityHistory(c.cache)]),
        );
        const cloudWatch = createCloudWatchClient(config);
        const snapshots = new ScalingSnapshotService({
          clusters,
          activities: new ScalingActivityReader({ client: aas }),
          load: new CloudWatchMetricsReader({
            client: cloudWatch,
            windowMs:
              (config.getOptionalNumber(
                'sagemakerScaling.aws.metricsWindowHours',
              ) ?? 72) * 3600_000,
            // Once per variant and cache period at most; the snapshot just shows no load.
            onError: error =>
              logger.warn(
                `CloudWatch load per instance unavailable: ${describeError(
                  error,
                )}`,
              ),
          }),
          histories,
        });
        const hub = new SnapshotStreamHub({
          snapshots,
          clusters,
          logger,
          catalog,
          reauthorizeMs:
            (config.getOptionalNumber(
              'sagemakerScaling.stream.reauthorizeSeconds',
            ) ?? 60) * 1000,
          heartbeatMs:
            (config.getOptionalNumber(
              'sagemakerScaling.stream.heartbeatSeconds',
            ) ?? 15) * 1000,
        });

        clusters.start();
        for (const c of clusters.list()) {
          c.cache.on('state', () => {
            const f = c.cache.freshness();
            if (f.unreachable && f.problem) {
              logger.warn(
                `Cluster '${c.config.name}' cannot be read: ${f.problem.message}`,
              );
            }
          });
        }
        logger.info(
          `Watching ACK resources in ${
            clusterConfigs.length
          } cluster(s): ${clusterConfigs
            .map(
              c =>
                `${c.name} (${
                  c.namespaces.length
                    ? c.namespaces.join(', ')
                    : 'all namespaces'
                })`,
            )
            .join('; ')}`,
        );
        lifecycle.addShutdownHook(() => {
          hub.stop();
          histories.forEach(h => h.stop());
          clusters.stop();
          aas.destroy();
          cloudWatch.destroy();
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            logger,
            clusters,
            snapshots,
            updates: new ScalingUpdateService({ snapshots, auditor }),
            adoption: new EndpointAdoptionService({
              snapshots,
              catalog,
              auth,
              auditor,
            }),
            hub,
          }),
        );
      },
    });
  },
});

/** Name, HTTP status and message only: request details could carry signed headers. */
function describeError(e: unknown): string {
  if (e instanceof Error) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata
      ?.httpStatusCode;
    return `${e.name}${status ? ` (HTTP ${status})` : ''}: ${e.message}`.slice(
      0,
      300,
    );
  }
  return String(e).slice(0, 300);
}

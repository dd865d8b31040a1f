import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { sagemakerScalingPermissions } from '@mlplatform/plugin-sagemaker-scaling-common';
import { createAwsReaders } from './aws/createAwsReaders';
import { EndpointAdoptionService } from './binding/EndpointAdoptionService';
import { CapacityHistory } from './cache/CapacityHistory';
import { connectClusters } from './clusters/connectClusters';
import { startClusters } from './clusters/startClusters';
import { readScalingBackendConfig } from './config/readScalingBackendConfig';
import { createRouter } from './router/createRouter';
import { ScalingUpdateService } from './scaling/ScalingUpdateService';
import { ScalingSnapshotService } from './snapshot/ScalingSnapshotService';
import { SnapshotStreamHub } from './streaming/SnapshotStreamHub';

/**
 * The sagemaker-scaling backend plugin: live scaling state of the SageMaker endpoints
 * behind catalog entities, served from a watch cache of the ACK resources, with
 * permissions, server-sent events and server-side-apply edits of endpoints bound to
 * their entity.
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

        const settings = readScalingBackendConfig(config, {
          onSkippedCluster: message => logger.warn(message),
        });
        if (settings.clusters.length === 0) {
          logger.warn(
            'No clusters configured (sagemakerScaling.clusters or kubernetes.clusterLocatorMethods); every entity will answer 404',
          );
        }
        const clusters = await connectClusters(
          config,
          settings.clusters,
          settings.kube,
        );
        const aws = createAwsReaders(config, settings.aws, logger);
        const histories = new Map(
          clusters
            .list()
            .map(c => [c.config.name, new CapacityHistory(c.cache)]),
        );
        const snapshots = new ScalingSnapshotService({
          clusters,
          activities: aws.activities,
          load: aws.load,
          histories,
        });
        const hub = new SnapshotStreamHub({
          snapshots,
          clusters,
          logger,
          catalog,
          ...settings.stream,
        });

        startClusters(clusters, logger);
        lifecycle.addShutdownHook(() => {
          hub.stop();
          histories.forEach(h => h.stop());
          clusters.stop();
          aws.destroy();
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

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { sagemakerScalingPermissions } from '@mlplatform/plugin-sagemaker-scaling-common';
import { registerScalingActions } from './actions/registerScalingActions';
import { createAwsReaders } from './aws/createAwsReaders';
import { EndpointAdoptionService } from './binding/EndpointAdoptionService';
import { CapacityHistory } from './cache/CapacityHistory';
import { connectClusters } from './clusters/connectClusters';
import { startClusters } from './clusters/startClusters';
import { readScalingBackendConfig } from './config/readScalingBackendConfig';
import { startOwnerNotifications } from './notifications/startOwnerNotifications';
import { startChangeHistory } from './history/startChangeHistory';
import { createScalingPlanService } from './planning/createScalingPlanService';
import { createPriceSource } from './pricing/createPriceSource';
import { FleetService } from './fleet/FleetService';
import { createEntityAuthorizer } from './router/authorizedTarget';
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
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        instanceMetadata: coreServices.rootInstanceMetadata,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        database,
        scheduler,
        auth,
        lifecycle,
        userInfo,
        catalog,
        actionsRegistry,
        instanceMetadata,
        notifications,
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
        const prices = createPriceSource(config, settings);
        const histories = new Map(
          clusters
            .list()
            .map(c => [c.config.name, new CapacityHistory(c.cache)]),
        );
        const snapshots = new ScalingSnapshotService({
          clusters,
          activities: aws.activities,
          load: aws.load,
          alarms: aws.alarms,
          histories,
          prices: prices.source,
        });
        const planner = createScalingPlanService({
          config,
          aws: settings.aws,
          snapshots,
          prices: prices.source,
        });
        const hub = new SnapshotStreamHub({
          snapshots,
          clusters,
          logger,
          catalog,
          ...settings.stream,
        });

        const history = await startChangeHistory({
          database,
          scheduler,
          clusters,
          logger,
          settings: settings.history,
        });
        startClusters(clusters, logger);
        await startOwnerNotifications({
          settings: settings.notifications,
          instanceMetadata,
          scheduler,
          database,
          notifications,
          catalog,
          auth,
          snapshots,
          logger,
        });
        lifecycle.addShutdownHook(() => {
          hub.stop();
          history.stop();
          histories.forEach(h => h.stop());
          clusters.stop();
          aws.destroy();
          prices.destroy();
          planner.destroy();
        });

        const updates = new ScalingUpdateService({
          snapshots,
          auditor,
          history: history.recorder,
          logger,
        });
        const fleet = new FleetService({
          catalog,
          permissions,
          userInfo,
          snapshots,
          histories,
          load: aws.load,
        });
        // Agent tools: the same checks, services and update path as the REST routes.
        registerScalingActions(actionsRegistry, {
          authorizeEntity: createEntityAuthorizer({
            permissions,
            catalog,
            snapshots,
          }),
          snapshots,
          fleet,
          planner: planner.service,
          updates,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            logger,
            clusters,
            snapshots,
            updates,
            adoption: new EndpointAdoptionService({
              snapshots,
              catalog,
              auth,
              auditor,
            }),
            hub,
            history: history.store,
            fleet,
            prices: prices.source,
            planner: planner.service,
          }),
        );
      },
    });
  },
});

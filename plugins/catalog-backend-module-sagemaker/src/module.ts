import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  createKubeConfigForCluster,
  readSageMakerClusterConfigs,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import { SageMakerEndpointEntityProvider } from './provider';

/**
 * Catalog module with one entity provider per configured cluster
 * (`sagemakerScaling.clusters`, else `kubernetes.clusterLocatorMethods`): ML services
 * from the ACK Endpoints labelled `sagemaker-scaling.backstage.io/catalog: entity-provider`.
 * @public
 */
export const catalogModuleSagemakerEndpoints = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'sagemaker-endpoints',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, config, logger, lifecycle }) {
        const clusters = readSageMakerClusterConfigs(config, {
          onSkippedCluster: message => logger.warn(message),
        });
        if (clusters.length === 0) {
          logger.warn(
            'No cluster is configured (sagemakerScaling.clusters or kubernetes.clusterLocatorMethods): no ML services are catalogued from SageMaker endpoints',
          );
          return;
        }
        // built only when a cluster uses AWS IAM auth
        let awsCredentialsManager: DefaultAwsCredentialsManager | undefined;
        const providers = clusters.map(
          cluster =>
            new SageMakerEndpointEntityProvider({
              cluster,
              logger,
              kubeConfig: () => {
                if (cluster.auth.type === 'aws' && !awsCredentialsManager) {
                  awsCredentialsManager =
                    DefaultAwsCredentialsManager.fromConfig(config);
                }
                return createKubeConfigForCluster(cluster, {
                  awsCredentialsManager,
                });
              },
            }),
        );
        catalog.addEntityProvider(...providers);
        lifecycle.addShutdownHook(async () => {
          await Promise.all(providers.map(p => p.stop()));
        });
      },
    });
  },
});

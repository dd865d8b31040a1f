import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterRegistry } from './ClusterRegistry';

/**
 * Starts every cluster's watch cache, logs what is watched, and warns whenever a
 * cluster cannot be read.
 * @internal
 */
export function startClusters(
  clusters: ClusterRegistry,
  logger: LoggerService,
): void {
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
  const watched = clusters
    .list()
    .map(
      c =>
        `${c.config.name} (${
          c.config.namespaces.length
            ? c.config.namespaces.join(', ')
            : 'all namespaces'
        })`,
    );
  logger.info(
    `Watching ACK resources in ${watched.length} cluster(s): ${watched.join(
      '; ',
    )}`,
  );
}

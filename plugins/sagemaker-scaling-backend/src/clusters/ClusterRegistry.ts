import { InputError, NotFoundError } from '@backstage/errors';
import type { EndpointLocation } from '@mlplatform/plugin-sagemaker-scaling-common';
import { ANNOTATION_CLUSTER } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ClusterConnection } from './ClusterConnection';

/**
 * The configured clusters, and which one an entity's endpoint lives in.
 * @internal
 */
export class ClusterRegistry {
  readonly #clusters: Map<string, ClusterConnection>;

  constructor(clusters: ClusterConnection[]) {
    this.#clusters = new Map(clusters.map(c => [c.config.name, c]));
  }

  list(): ClusterConnection[] {
    return [...this.#clusters.values()];
  }

  /** The cluster named by the entity, or the only one configured. */
  forLocation(location: EndpointLocation): ClusterConnection {
    if (location.cluster) {
      const cluster = this.#clusters.get(location.cluster);
      if (!cluster) {
        throw new NotFoundError(
          `Cluster '${
            location.cluster
          }' (annotation ${ANNOTATION_CLUSTER}) is not configured; configured clusters: ${this.#names()}`,
        );
      }
      return cluster;
    }
    if (this.#clusters.size === 1) {
      return this.list()[0];
    }
    if (this.#clusters.size === 0) {
      throw new NotFoundError(
        'No cluster is configured for SageMaker scaling (sagemakerScaling.clusters)',
      );
    }
    throw new InputError(
      `The entity must name its cluster with the annotation ${ANNOTATION_CLUSTER}; configured clusters: ${this.#names()}`,
    );
  }

  start() {
    this.#clusters.forEach(c => c.cache.start());
  }

  stop() {
    this.#clusters.forEach(c => c.cache.stop());
  }

  #names() {
    return [...this.#clusters.keys()].join(', ') || 'none';
  }
}

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClustersResponse,
  ScalingActivitiesPage,
  ScalingPlanRouteRequest,
  ScalingPlanRouteResponse,
  ScalingSnapshot,
  ScalingUpdateRequest,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Options every call takes: the credentials of the caller the request is made for.
 * @public
 */
export interface SageMakerScalingRequestOptions {
  credentials: BackstageCredentials;
}

/**
 * Paging of {@link SageMakerScalingService.getActivities}.
 * @public
 */
export interface SageMakerScalingActivitiesRequest {
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Page size, 1-100 (server default 20). */
  limit?: number;
}

/**
 * The scaling state of ML services' SageMaker endpoints, for other backend plugins.
 * Every call is made on behalf of the given caller: it sees only entities that caller
 * may read and may change only what that caller is allowed to change.
 * @public
 */
export interface SageMakerScalingService {
  /** The scaling snapshot of an entity (404 when missing or not visible). */
  getScaling(
    entityRef: string | CompoundEntityRef,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingSnapshot>;

  /** Scaling activities of an entity's endpoint, most recent first. */
  getActivities(
    entityRef: string | CompoundEntityRef,
    request: SageMakerScalingActivitiesRequest,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingActivitiesPage>;

  /**
   * Changes min/max/target/cooldowns of an endpoint bound to the entity; resolves to the
   * snapshot showing the change. `update.expectedVersion` is the variant's
   * `settingsVersion` the change was made from (409 when someone changed it since).
   */
  updateScaling(
    entityRef: string | CompoundEntityRef,
    update: ScalingUpdateRequest,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingSnapshot>;

  /** Binds the entity's unbound endpoint to it (`POST .../adopt`); resolves to the snapshot. */
  adoptEndpoint(
    entityRef: string | CompoundEntityRef,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingSnapshot>;

  /**
   * What-if (`POST .../plan`, read permission): replays the variant's recorded traffic, or
   * `body.invocations`, through its current and the proposed settings; changes nothing.
   */
  planScaling(
    entityRef: string | CompoundEntityRef,
    body: ScalingPlanRouteRequest,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingPlanRouteResponse>;

  /** The configured clusters with their reachability and last sync. */
  listClusters(
    options: SageMakerScalingRequestOptions,
  ): Promise<ClustersResponse>;
}

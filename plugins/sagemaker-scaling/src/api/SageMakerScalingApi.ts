import { createApiRef } from '@backstage/core-plugin-api';
import type { ScalingStreamError } from './ScalingStreamError';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClustersResponse,
  FleetPage,
  FleetQuery,
  ScalingActivitiesPage,
  SettingChangesPage,
  ScalingSnapshot,
  ScalingUpdateRequest,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  InstancePriceEstimate,
  InstancePriceQuery,
  ScalingPlanRequest,
  ScalingPlanResponse,
} from './planTypes';

/**
 * Callbacks and cancellation for {@link SageMakerScalingApi.followSnapshots}.
 * @public
 */
export interface FollowSnapshotsOptions {
  /** Aborting ends the stream; the returned promise then rejects with an AbortError. */
  signal: AbortSignal;
  /** Called once the server accepted the stream. */
  onOpen?: () => void;
  /** Called with every snapshot the backend pushes. */
  onSnapshot: (snapshot: ScalingSnapshot) => void;
  /** Called on every heartbeat, proving the stream (and so the data) is current. */
  onHeartbeat?: () => void;
  /**
   * Called when the backend reports on the stream that it cannot build a snapshot
   * right now (e.g. the cluster is unreachable); the stream stays open. Without this
   * callback such an event ends the stream with a {@link ScalingStreamError}.
   */
  onError?: (error: ScalingStreamError) => void;
}

/**
 * Reads and changes the scaling state of a catalog entity's SageMaker endpoint
 * through the `sagemaker-scaling` backend plugin.
 * @public
 */
export interface SageMakerScalingApi {
  /** The current scaling state of the entity's endpoint. */
  getSnapshot(
    entityRef: CompoundEntityRef,
    options?: { signal?: AbortSignal },
  ): Promise<ScalingSnapshot>;

  /** One page of scaling activities, most recent first. */
  getActivities(
    entityRef: CompoundEntityRef,
    options?: { limit?: number; cursor?: string; signal?: AbortSignal },
  ): Promise<ScalingActivitiesPage>;

  /**
   * Follows the live stream of snapshots. Resolves when the server ends the stream,
   * rejects when it cannot be opened or breaks.
   */
  followSnapshots(
    entityRef: CompoundEntityRef,
    options: FollowSnapshotsOptions,
  ): Promise<void>;

  /**
   * Applies new scaling settings and returns the resulting snapshot. `expectedVersion`
   * is the variant's `settingsVersion` the edit started from: the backend answers 409
   * when the settings changed since.
   */
  updateScaling(
    entityRef: CompoundEntityRef,
    update: ScalingUpdateRequest,
  ): Promise<ScalingSnapshot>;

  /**
   * Binds the endpoint's resources to the entity (writes the binding annotation onto
   * each of them, audited) so that its owners can change them here; only for an
   * unbound endpoint. Returns the resulting snapshot.
   */
  adoptEndpoint(entityRef: CompoundEntityRef): Promise<ScalingSnapshot>;

  /** The configured clusters and whether they are reachable. */
  getClusters(): Promise<ClustersResponse>;

  /**
   * Replays the variant's recent traffic through its current and the given settings,
   * changing nothing: instances over time, totals, cost and the assumptions used.
   */
  planScaling(
    entityRef: CompoundEntityRef,
    request: ScalingPlanRequest,
    options?: { signal?: AbortSignal },
  ): Promise<ScalingPlanResponse>;

  /** The price per hour of an instance type, and the cost range at min..max instances. */
  getPrices(
    query: InstancePriceQuery,
    options?: { signal?: AbortSignal },
  ): Promise<InstancePriceEstimate>;

  /**
   * One page of the ML services the signed-in user may read, across clusters, with their
   * scaling state from the backend's cache.
   */
  getFleet(
    query?: FleetQuery,
    options?: { signal?: AbortSignal },
  ): Promise<FleetPage>;

  /** One page of the entity's scaling-settings changes, newest first. */
  getHistory(
    entityRef: CompoundEntityRef,
    options?: {
      variantName?: string;
      limit?: number;
      cursor?: string;
      signal?: AbortSignal;
    },
  ): Promise<SettingChangesPage>;

  /**
   * Restores the settings a recorded change replaced (update permission; the same
   * validated path as an edit, recorded as a revert). `expectedVersion` is the variant's
   * current `settingsVersion`. Returns the resulting snapshot.
   */
  revertChange(
    entityRef: CompoundEntityRef,
    changeId: number,
    request: { expectedVersion: string },
  ): Promise<ScalingSnapshot>;
}

/**
 * API reference of {@link SageMakerScalingApi}.
 * @public
 */
export const sagemakerScalingApiRef = createApiRef<SageMakerScalingApi>({
  id: 'plugin.sagemaker-scaling.service',
});

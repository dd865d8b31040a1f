/**
 * The Kubernetes calls the actions make on the five ACK kinds: get, list, server-side
 * apply (optionally as a server-side dry run) and delete.
 */
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ackKindInfo,
  type AckKind,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { isKubeNotFound } from './kubeErrors';

/**
 * Field manager of every server-side apply the actions make, named after the plugin, so
 * `kubectl get -o yaml --show-managed-fields` tells who owns which field.
 * @public
 */
export const SAGEMAKER_SCALING_FIELD_MANAGER = 'backstage-sagemaker-scaling';

/**
 * One ACK object as read from the cluster.
 * @public
 */
export type ClusterAckObject = AnyAckResource;

/**
 * What a delete request found.
 * @public
 */
export type DeleteOutcome = 'deleting' | 'missing';

/**
 * Talks to one cluster about the five ACK kinds; what a `ClusterClientFactory` returns
 * (build one with `AckClusterClient.fromKubeConfig`).
 * @public
 */
export class AckClusterClient {
  readonly clusterName: string;
  readonly #api: CustomObjectsApi;

  /** A client of the cluster a KubeConfig points at, named `clusterName` in logs and outputs. */
  static fromKubeConfig(clusterName: string, kubeConfig: KubeConfig) {
    return new AckClusterClient(
      clusterName,
      kubeConfig.makeApiClient(CustomObjectsApi),
    );
  }

  private constructor(clusterName: string, api: CustomObjectsApi) {
    this.clusterName = clusterName;
    this.#api = api;
  }

  /** The object, or undefined when it does not exist. */
  async get<T extends ClusterAckObject = ClusterAckObject>(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Promise<T | undefined> {
    const info = ackKindInfo(kind);
    try {
      return (await this.#api.getNamespacedCustomObject({
        group: info.group,
        version: info.version,
        namespace,
        plural: info.plural,
        name,
      })) as T;
    } catch (error) {
      if (isKubeNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Every object of a kind in a namespace. */
  async list<T extends ClusterAckObject = ClusterAckObject>(
    kind: AckKind,
    namespace: string,
  ): Promise<T[]> {
    const info = ackKindInfo(kind);
    const list = (await this.#api.listNamespacedCustomObject({
      group: info.group,
      version: info.version,
      namespace,
      plural: info.plural,
    })) as { items?: T[] };
    return (list.items ?? []).map(item => ({
      ...item,
      kind,
      apiVersion: info.apiVersion,
    }));
  }

  /**
   * Server-side apply (`application/apply-patch+yaml`) with our field manager and `force`,
   * so fields last set by someone else (kubectl, an earlier tool) are taken over rather
   * than failing with a conflict. With `dryRun` the API server validates and computes the
   * result without persisting it (`dryRun=All`).
   */
  async apply<T extends ClusterAckObject>(
    object: T,
    options: { dryRun?: boolean } = {},
  ): Promise<T> {
    const info = ackKindInfo(object.kind);
    return (await this.#api.patchNamespacedCustomObject(
      {
        group: info.group,
        version: info.version,
        namespace: object.metadata.namespace!,
        plural: info.plural,
        name: object.metadata.name,
        body: object,
        fieldManager: SAGEMAKER_SCALING_FIELD_MANAGER,
        force: true,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    )) as T;
  }

  /**
   * Asks the API server to delete an object. The ACK controller's finalizer keeps it
   * (with a deletionTimestamp) until the AWS resource is gone.
   */
  async delete(
    kind: AckKind,
    namespace: string,
    name: string,
    options: { dryRun?: boolean } = {},
  ): Promise<DeleteOutcome> {
    const info = ackKindInfo(kind);
    try {
      await this.#api.deleteNamespacedCustomObject({
        group: info.group,
        version: info.version,
        namespace,
        plural: info.plural,
        name,
        dryRun: options.dryRun ? 'All' : undefined,
      });
      return 'deleting';
    } catch (error) {
      if (isKubeNotFound(error)) {
        return 'missing';
      }
      throw error;
    }
  }
}

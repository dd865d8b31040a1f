/**
 * The Kubernetes calls the SageMaker scaling plugins make, on the five ACK kinds only
 * (no generic proxy): get, list, server-side apply, delete and watch.
 */
import type {
  AckKind,
  AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Where to list or watch: one namespace (all when absent), optionally by label.
 * @public
 */
export interface AckListOptions {
  namespace?: string;
  /** A Kubernetes label selector, e.g. `app=churn`. */
  labelSelector?: string;
}

/**
 * Options of a list: where, and optionally one page of it (Kubernetes list chunking).
 * @public
 */
export interface AckListPageOptions extends AckListOptions {
  /** At most this many items; the answer's `continueToken` asks for the next page. */
  limit?: number;
  /** The `continueToken` of the previous page. */
  continueToken?: string;
}

/**
 * A list answer: the items (with `kind` and `apiVersion` set) and the collection's
 * resourceVersion to watch from.
 * @public
 */
export interface AckList<T extends AnyAckResource = AnyAckResource> {
  items: T[];
  resourceVersion: string;
  /** Set when more pages follow (only for a list with a `limit`). */
  continueToken?: string;
}

/**
 * Options of a watch.
 * @public
 */
export interface AckWatchOptions extends AckListOptions {
  /** The resourceVersion to resume from: a list's, or the last event's. */
  resourceVersion: string;
  /** Asked of the server, which then ends the stream normally (default 290). */
  timeoutSeconds?: number;
}

/**
 * One event of a watch stream. `ERROR` carries a Kubernetes `Status` (`code` 410 when
 * the resourceVersion is too old); `BOOKMARK` only a newer resourceVersion.
 * @public
 */
export interface AckWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/**
 * Receives a watch's events, and its end.
 * @public
 */
export interface AckWatchHandlers {
  onEvent(event: AckWatchEvent): void;
  /**
   * The stream ended: `error` is undefined when the server closed it normally; else a
   * client error to read with `toClusterError` / `isClusterGone`.
   */
  onClose(error?: unknown): void;
}

/**
 * A running watch; `stop()` ends it without calling `onClose`.
 * @public
 */
export interface AckWatch {
  stop(): void;
}

/**
 * Options of a server-side apply.
 * @public
 */
export interface AckApplyOptions {
  /** Validate and compute the result on the server without persisting it (`dryRun=All`). */
  dryRun?: boolean;
  /**
   * Take over fields last set by another manager instead of failing with a conflict
   * (default true).
   */
  force?: boolean;
  /**
   * Apply only if the object is still at this resourceVersion (else 409 Conflict): an
   * optimistic lock for read-modify-write.
   */
  resourceVersion?: string;
}

/**
 * What a delete request found: the object is being deleted (ACK finalizers keep it until
 * the AWS resource is gone), or it did not exist.
 * @public
 */
export type AckDeleteOutcome = 'deleting' | 'missing';

/**
 * One cluster's API for the five ACK kinds. Failures are the errors of
 * `@kubernetes/client-node`; turn them into `@backstage/errors` errors with
 * `toClusterError(clusterName, error)`.
 * @public
 */
export interface AckClusterApi {
  /** The configured name of the cluster, for messages. */
  readonly clusterName: string;
  /** The object, or undefined when it does not exist. */
  get<T extends AnyAckResource = AnyAckResource>(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Promise<T | undefined>;
  list<T extends AnyAckResource = AnyAckResource>(
    kind: AckKind,
    options?: AckListPageOptions,
  ): Promise<AckList<T>>;
  /** Server-side apply with the plugins' field manager; the object as stored (or as it would be). */
  apply<T extends AnyAckResource>(
    object: T,
    options?: AckApplyOptions,
  ): Promise<T>;
  delete(
    kind: AckKind,
    namespace: string,
    name: string,
    options?: { dryRun?: boolean },
  ): Promise<AckDeleteOutcome>;
  watch(
    kind: AckKind,
    options: AckWatchOptions,
    handlers: AckWatchHandlers,
  ): AckWatch;
}

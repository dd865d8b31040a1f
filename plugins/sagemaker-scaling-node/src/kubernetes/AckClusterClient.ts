import {
  CustomObjectsApi,
  Observable,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type ConfigurationOptions,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import {
  ackKindInfo,
  type AckKind,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  AckApplyOptions,
  AckClusterApi,
  AckDeleteOutcome,
  AckList,
  AckListPageOptions,
  AckWatch,
  AckWatchHandlers,
  AckWatchOptions,
} from './AckClusterApi';
import { SAGEMAKER_SCALING_FIELD_MANAGER } from './fieldManager';
import { isClusterNotFound } from './toClusterError';

/** Server-side watch timeout; watchers resume from the last resourceVersion after it. */
const DEFAULT_WATCH_TIMEOUT_SECONDS = 290;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Options of {@link AckClusterClient.fromKubeConfig}.
 * @public
 */
export interface AckClusterClientOptions {
  /** Longest a single request (not a watch) may take (default 10 s). */
  requestTimeoutMs?: number;
}

/**
 * {@link AckClusterApi} on `@kubernetes/client-node`: its `CustomObjectsApi` for get,
 * list, apply and delete, its `Watch` for watches; credentials and TLS come from the
 * KubeConfig (tokens, client certificates, exec plugins, EKS).
 * @public
 */
export class AckClusterClient implements AckClusterApi {
  readonly clusterName: string;
  readonly #api: CustomObjectsApi;
  readonly #watch: Watch;
  readonly #requestOptions: ConfigurationOptions;

  /** A client of the cluster a KubeConfig points at, named `clusterName` in messages. */
  static fromKubeConfig(
    clusterName: string,
    kubeConfig: KubeConfig,
    options: AckClusterClientOptions = {},
  ): AckClusterClient {
    return new AckClusterClient(clusterName, kubeConfig, options);
  }

  private constructor(
    clusterName: string,
    kubeConfig: KubeConfig,
    options: AckClusterClientOptions,
  ) {
    this.clusterName = clusterName;
    this.#api = kubeConfig.makeApiClient(CustomObjectsApi);
    this.#watch = new Watch(kubeConfig);
    this.#requestOptions = timeoutOptions(
      options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    );
  }

  async get<T extends AnyAckResource = AnyAckResource>(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Promise<T | undefined> {
    const info = ackKindInfo(kind);
    try {
      return (await this.#api.getNamespacedCustomObject(
        {
          group: info.group,
          version: info.version,
          namespace,
          plural: info.plural,
          name,
        },
        this.#requestOptions,
      )) as T;
    } catch (error) {
      if (isClusterNotFound(error)) return undefined;
      throw error;
    }
  }

  async list<T extends AnyAckResource = AnyAckResource>(
    kind: AckKind,
    options: AckListPageOptions = {},
  ): Promise<AckList<T>> {
    const info = ackKindInfo(kind);
    const request = {
      group: info.group,
      version: info.version,
      plural: info.plural,
      labelSelector: options.labelSelector,
      limit: options.limit,
      _continue: options.continueToken,
    };
    const list = (
      options.namespace
        ? await this.#api.listNamespacedCustomObject(
            { ...request, namespace: options.namespace },
            this.#requestOptions,
          )
        : await this.#api.listClusterCustomObject(request, this.#requestOptions)
    ) as {
      items?: T[];
      metadata?: { resourceVersion?: string; continue?: string };
    };
    return {
      // Lists leave apiVersion and kind off their items.
      items: (list.items ?? []).map(item => ({
        ...item,
        apiVersion: info.apiVersion,
        kind,
      })),
      resourceVersion: list.metadata?.resourceVersion ?? '',
      ...(list.metadata?.continue
        ? { continueToken: list.metadata.continue }
        : {}),
    };
  }

  async apply<T extends AnyAckResource>(
    object: T,
    options: AckApplyOptions = {},
  ): Promise<T> {
    const info = ackKindInfo(object.kind);
    const body = options.resourceVersion
      ? {
          ...object,
          metadata: {
            ...object.metadata,
            resourceVersion: options.resourceVersion,
          },
        }
      : object;
    return (await this.#api.patchNamespacedCustomObject(
      {
        group: info.group,
        version: info.version,
        namespace: object.metadata.namespace!,
        plural: info.plural,
        name: object.metadata.name,
        body,
        fieldManager: SAGEMAKER_SCALING_FIELD_MANAGER,
        force: options.force ?? true,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      setHeaderOptions(
        'Content-Type',
        PatchStrategy.ServerSideApply,
        this.#requestOptions,
      ),
    )) as T;
  }

  async delete(
    kind: AckKind,
    namespace: string,
    name: string,
    options: { dryRun?: boolean } = {},
  ): Promise<AckDeleteOutcome> {
    const info = ackKindInfo(kind);
    try {
      await this.#api.deleteNamespacedCustomObject(
        {
          group: info.group,
          version: info.version,
          namespace,
          plural: info.plural,
          name,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        this.#requestOptions,
      );
      return 'deleting';
    } catch (error) {
      if (isClusterNotFound(error)) return 'missing';
      throw error;
    }
  }

  watch(
    kind: AckKind,
    options: AckWatchOptions,
    handlers: AckWatchHandlers,
  ): AckWatch {
    const info = ackKindInfo(kind);
    const path = `/apis/${info.group}/${info.version}${
      options.namespace
        ? `/namespaces/${encodeURIComponent(options.namespace)}`
        : ''
    }/${info.plural}`;
    let stopped = false;
    let controller: AbortController | undefined;
    this.#watch
      .watch(
        path,
        {
          resourceVersion: options.resourceVersion,
          labelSelector: options.labelSelector,
          allowWatchBookmarks: true,
          timeoutSeconds:
            options.timeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS,
        },
        (type: string, object: unknown) => {
          if (!stopped) {
            handlers.onEvent({ type: type as AckWatchEvent['type'], object });
          }
        },
        (error: unknown) => {
          if (stopped) return;
          stopped = true;
          handlers.onClose(error ?? undefined);
        },
      )
      .then(c => {
        controller = c;
        if (stopped) c.abort();
      })
      .catch(error => {
        // Preparing the credentials failed (e.g. an exec plugin): nothing was sent.
        if (stopped) return;
        stopped = true;
        handlers.onClose(error);
      });
    return {
      stop: () => {
        stopped = true;
        controller?.abort();
      },
    };
  }
}

type AckWatchEvent = Parameters<AckWatchHandlers['onEvent']>[0];

/**
 * Request options that abort each request after `ms`. Hand-written because the client
 * has no request timeout of its own (only the watch has a fixed one).
 */
function timeoutOptions(ms: number): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(context));
        },
        post: (context: ResponseContext) =>
          new Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

import type {
  AckKind,
  AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { KubernetesRequestError } from './KubernetesRequestError';

/** A list answer: the items and the collection resourceVersion to watch from. @internal */
export interface KubernetesList {
  items: AnyAckResource[];
  resourceVersion: string;
}

/** One line of a watch stream. @internal */
export interface KubernetesWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/** A running watch; `stop()` ends it without calling `onClose`. @internal */
export interface KubernetesWatch {
  stop(): void;
}

/**
 * The few Kubernetes API calls the plugin makes: list, watch and server-side apply of
 * the five ACK kinds. Nothing else is reachable through it (no generic proxy).
 * @internal
 */
export interface AckKubernetesApi {
  list(kind: AckKind, namespace?: string): Promise<KubernetesList>;
  watch(
    kind: AckKind,
    namespace: string | undefined,
    resourceVersion: string,
    handlers: {
      onEvent(event: KubernetesWatchEvent): void;
      /** The stream ended: `error` is undefined when the server closed it normally. */
      onClose(error?: KubernetesRequestError): void;
    },
  ): KubernetesWatch;
  get(
    kind: AckKind,
    namespace: string,
    name: string,
  ): Promise<AnyAckResource | undefined>;
  apply<T extends AnyAckResource>(
    object: T,
    options: { fieldManager: string; force: boolean; dryRun?: boolean },
  ): Promise<T>;
}

import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  ackKindInfo,
  type AckKind,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  AckKubernetesApi,
  KubernetesList,
  KubernetesWatch,
  KubernetesWatchEvent,
} from './AckKubernetesApi';
import { KubernetesRequestError } from './KubernetesRequestError';

/** Server-side watch timeout; the watch is re-opened from the last resourceVersion. */
const WATCH_TIMEOUT_SECONDS = 290;

/**
 * {@link AckKubernetesApi} over HTTP(S), with credentials and TLS from a
 * `@kubernetes/client-node` KubeConfig (tokens, client certificates, exec plugins, EKS).
 * @internal
 */
export class KubernetesApiClient implements AckKubernetesApi {
  readonly #kc: KubeConfig;
  readonly #server: URL;
  readonly #requestTimeoutMs: number;

  constructor(kc: KubeConfig, options: { requestTimeoutMs?: number } = {}) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) {
      throw new Error('The kubeconfig has no current cluster');
    }
    this.#kc = kc;
    this.#server = new URL(cluster.server);
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  async list(kind: AckKind, namespace?: string): Promise<KubernetesList> {
    const res = await this.#request('GET', collectionPath(kind, namespace));
    const body = JSON.parse(res);
    const info = ackKindInfo(kind);
    const items = (body.items ?? []).map((item: AnyAckResource) => ({
      ...item,
      // Lists leave apiVersion/kind off the items.
      apiVersion: item.apiVersion ?? info.apiVersion,
      kind: item.kind ?? kind,
    }));
    return { items, resourceVersion: body.metadata?.resourceVersion ?? '' };
  }

  async get(kind: AckKind, namespace: string, name: string) {
    try {
      const res = await this.#request(
        'GET',
        `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`,
      );
      return JSON.parse(res) as AnyAckResource;
    } catch (e) {
      if (e instanceof KubernetesRequestError && e.kind === 'not-found') {
        return undefined;
      }
      throw e;
    }
  }

  async apply<T extends AnyAckResource>(
    object: T,
    options: { fieldManager: string; force: boolean; dryRun?: boolean },
  ): Promise<T> {
    const query = new URLSearchParams({
      fieldManager: options.fieldManager,
      force: String(options.force),
    });
    if (options.dryRun) {
      query.set('dryRun', 'All');
    }
    const path = `${collectionPath(
      object.kind,
      object.metadata.namespace,
    )}/${encodeURIComponent(object.metadata.name)}?${query}`;
    // JSON is YAML, so the apply patch can be sent as JSON text.
    const res = await this.#request('PATCH', path, {
      body: JSON.stringify(object),
      contentType: 'application/apply-patch+yaml',
    });
    return JSON.parse(res) as T;
  }

  watch(
    kind: AckKind,
    namespace: string | undefined,
    resourceVersion: string,
    handlers: {
      onEvent(event: KubernetesWatchEvent): void;
      onClose(error?: KubernetesRequestError): void;
    },
  ): KubernetesWatch {
    let stopped = false;
    let request: http.ClientRequest | undefined;
    const close = (error?: KubernetesRequestError) => {
      if (!stopped) {
        stopped = true;
        request?.destroy();
        handlers.onClose(error);
      }
    };
    const query = new URLSearchParams({
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion,
      timeoutSeconds: String(WATCH_TIMEOUT_SECONDS),
    });
    this.#open('GET', `${collectionPath(kind, namespace)}?${query}`)
      .then(({ req }) => {
        if (stopped) {
          req.destroy();
          return;
        }
        request = req;
        req.on('response', res => {
          // Stopping a watch destroys the request, which aborts the response.
          res.on('error', err =>
            close(KubernetesRequestError.fromNetworkError(err)),
          );
          if (res.statusCode !== 200) {
            let text = '';
            res.on('data', d => (text += d));
            res.on('end', () =>
              close(
                KubernetesRequestError.fromResponse(res.statusCode ?? 0, text),
              ),
            );
            return;
          }
          // No event for a long time means a silently dead connection.
          req.setTimeout((WATCH_TIMEOUT_SECONDS + 30) * 1000, () =>
            close(
              new KubernetesRequestError({
                kind: 'timeout',
                message: 'watch went silent',
              }),
            ),
          );
          const lines = createInterface({ input: res });
          // readline re-emits input errors; the response's own handler deals with them.
          lines.on('error', () => {});
          lines.on('line', line => {
            if (stopped || !line.trim()) return;
            let event: KubernetesWatchEvent;
            try {
              event = JSON.parse(line);
            } catch {
              return;
            }
            handlers.onEvent(event);
          });
          res.on('close', () =>
            close(
              res.complete
                ? undefined
                : new KubernetesRequestError({
                    kind: 'unreachable',
                    message: 'watch connection was cut',
                  }),
            ),
          );
        });
        req.on('error', err =>
          close(KubernetesRequestError.fromNetworkError(err)),
        );
        req.end();
      })
      .catch(err => close(asRequestError(err)));
    return {
      stop: () => {
        stopped = true;
        request?.destroy();
      },
    };
  }

  async #request(
    method: string,
    path: string,
    init: { body?: string; contentType?: string } = {},
  ): Promise<string> {
    const { req } = await this.#open(method, path, init.contentType);
    return new Promise<string>((resolve, reject) => {
      req.setTimeout(this.#requestTimeoutMs, () => {
        req.destroy(
          new KubernetesRequestError({
            kind: 'timeout',
            message: `no answer within ${this.#requestTimeoutMs} ms`,
          }),
        );
      });
      req.on('error', err => reject(asRequestError(err)));
      req.on('response', res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('error', err => reject(asRequestError(err)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) {
            resolve(text);
          } else {
            reject(
              KubernetesRequestError.fromResponse(res.statusCode ?? 0, text),
            );
          }
        });
      });
      req.end(init.body);
    });
  }

  async #open(method: string, path: string, contentType?: string) {
    const url = new URL(this.#server.toString());
    const [pathname, search] = path.split('?');
    url.pathname = `${url.pathname.replace(/\/$/, '')}${pathname}`;
    url.search = search ?? '';
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: 'application/json',
        ...(contentType ? { 'Content-Type': contentType } : {}),
      },
    };
    try {
      await this.#kc.applyToHTTPSOptions(options);
    } catch (e) {
      throw new KubernetesRequestError({
        kind: 'unauthorized',
        message: `could not prepare credentials: ${(e as Error).message}`,
      });
    }
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, options);
    return { req };
  }
}

function asRequestError(err: unknown): KubernetesRequestError {
  if (err instanceof KubernetesRequestError) return err;
  return KubernetesRequestError.fromNetworkError(err as Error);
}

/** `/apis/<group>/<version>[/namespaces/<ns>]/<plural>` of one of the five kinds. */
export function collectionPath(kind: AckKind, namespace?: string): string {
  const info = ackKindInfo(kind);
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/apis/${info.group}/${info.version}${ns}/${info.plural}`;
}
